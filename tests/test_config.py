"""The engine YAML: recognizer options are checked when it loads, and the resolved
configuration can be printed and read back."""
from __future__ import annotations

import pytest

from service.config import ConfigError, dump_engine_config, load_engine_config
from tests.builders import engine_yaml


@pytest.mark.parametrize(
    "recognizers, message",
    [
        ([{"name": "gazetteer.v1", "options": {"min_lenght": 3}}], "recognizer gazetteer.v1: unknown option 'min_lenght'"),
        ([{"name": "person_name.v1", "options": {"rare_lowercase_zipf": "rare"}}],
         "recognizer person_name.v1: option 'rare_lowercase_zipf': Input should be a valid number, "
         "unable to parse string as a number"),
        ([{"name": "email.v1", "options": {"regions": ["US"]}}], "recognizer email.v1: unknown option 'regions'"),
        ([{"name": "gazeteer.v1"}], "unknown recognizer 'gazeteer.v1'; registered: email.v1, gazetteer.v1, "
         "name_slot.v1, organization_acronym.v1, organization_pattern.v1, person_name.v1, phone.v1, placeholder.v1, "
         "postcode.v1, rare_capitalized.v1, social_handle.v1, spacy_ner.v1, speaker_name.v1, spoken_email.v1, "
         "spoken_phone.v1, spoken_url.v1, street_address.v1, url.v1"),
        ([{"name": "url.v1", "enabled": False, "options": {"x": 1}}], "recognizer url.v1: unknown option 'x'"),
    ],
)
def test_config_recognizer_errors_name_file_recognizer_and_option(recognizers, message, tmp_path, monkeypatch):
    engine_yaml(tmp_path / "conf" / "engine.yaml", recognizers)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_engine_config("conf/engine.yaml")
    assert str(caught.value) == f"conf/engine.yaml: {message}"  # the path as given


def test_config_other_errors_still_name_the_field(tmp_path):
    path = engine_yaml(tmp_path / "engine.yaml", [{"name": "url.v1", "options": ["not", "a", "mapping"]}])
    with pytest.raises(ConfigError, match=r"recognizers\.0\.options"):
        load_engine_config(path)


def test_config_holds_every_option_with_its_default(engine_config):
    options = {entry.name: entry.options for entry in engine_config.recognizers}
    assert options["gazetteer.v1"]["score"] == 0.9  # the one default, not in the YAML
    assert options["person_name.v1"]["first_names"] == "names/first_names.txt"
    assert "Inc" in options["organization_pattern.v1"]["legal_suffixes"]
    assert engine_config.vocabulary.common_word_zipf == 3.5


def test_config_dump_reads_back_as_the_same_configuration(engine_config, tmp_path):
    dumped = dump_engine_config(engine_config)
    path = tmp_path / "resolved.yaml"
    path.write_text(dumped, encoding="utf-8")
    assert load_engine_config(path) == engine_config
    assert "min_score: 0.0" in dumped and "rare_lowercase_zipf: 3.2" in dumped
