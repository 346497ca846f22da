"""The engine builds a project's dictionary recognizer with the thresholds of its own
configuration, and offers close sound-alikes to the review tier as suggestions."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config import CONFIG_DIR
from recognizers.project_dictionary_recognizer import DictionaryEntry
from service.config import ConfigError, load_engine_config
from service.engine.engine import _sound_alike_settings
from service.project_access import build_options
from service.project_settings import ProjectSettings
from service.report import suggestion_rows

VENDORS = [DictionaryEntry("Alteryx", "ORGANIZATION"), DictionaryEntry("Snowflake", "ORGANIZATION")]
TEXT = ("Interviewer: What did the team use?\n"
        "Participant: Our vendor was, uh, alter ex for the data prep. The report said snow flick kept timing out.\n")


def config_with(tmp_path: Path, dictionary: dict):
    raw = yaml.safe_load((CONFIG_DIR / "default.yaml").read_text(encoding="utf-8"))
    raw["dictionary"] = {**raw["dictionary"], **dictionary}
    raw["base_dir"] = str(CONFIG_DIR)
    path = tmp_path / "engine.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_engine_config(path)


def test_dictionary_thresholds_come_from_the_engine_configuration(engine, tmp_path):
    options = build_options(VENDORS, ProjectSettings())
    default = options.dictionary.recognizer(engine.config.dictionary, engine.dictionary_sound_alike)
    assert [TEXT[r.start:r.end] for r in default.analyze(TEXT, None)] == ["alter ex"]
    # built once, kept for the next request
    assert options.dictionary.recognizer(engine.config.dictionary, engine.dictionary_sound_alike) is default
    strict = config_with(tmp_path, {"sound_alike": {**engine.config.dictionary.sound_alike.model_dump(),
                                                    "match_threshold": 0.999}})
    recognizer = options.dictionary.recognizer(strict.dictionary, _sound_alike_settings(strict))
    assert recognizer.analyze(TEXT, None) == []  # "alter ex" scores below 0.999: only a suggestion
    assert [TEXT[s.start:s.end] for s in recognizer.suggestions(TEXT)] == ["alter ex", "snow flick"]


def test_dictionary_configuration_is_checked_when_it_loads(tmp_path):
    with pytest.raises(ConfigError, match="fuzzy_treshold"):
        config_with(tmp_path, {"fuzzy_treshold": 90})
    with pytest.raises(ConfigError, match="suggest_threshold must not be above match_threshold"):
        config_with(tmp_path, {"sound_alike": {"match_threshold": 0.7, "suggest_threshold": 0.8}})
    missing = config_with(tmp_path, {"sound_alike": {"cues": "no_such_cues.yaml"}})
    with pytest.raises(ConfigError, match="dictionary.sound_alike.cues: .*no_such_cues.yaml: file not found"):
        _sound_alike_settings(missing)


def test_analysis_lists_sound_alikes_without_evidence_as_suggestions(engine):
    analysis = engine.analyze(TEXT, options=build_options(VENDORS, ProjectSettings()))
    replaced = {TEXT[d.start:d.end] for d in analysis.decisions}
    assert "alter ex" in replaced and "snow flick" not in replaced
    (suggestion,) = [s for s in analysis.suggestions if s.source == "project_dictionary.v1"]
    assert (TEXT[suggestion.start:suggestion.end], suggestion.entity_type) == ("snow flick", "ORGANIZATION")
    assert 0.7 <= suggestion.score < 1
    # the reason names neither the term nor its phonetic key
    assert "Snowflake" not in suggestion.reason and "SNFLK" not in suggestion.reason
    assert suggestion.reason.startswith("not replaced: sounds like a project dictionary term")
    # without a project dictionary there is nothing it could sound like
    assert all(s.source != "project_dictionary.v1" for s in engine.analyze(TEXT).suggestions)


def test_a_suggestion_names_its_term_by_store_id_only(engine):
    terms = [DictionaryEntry("Alteryx", "ORGANIZATION", term_id=11), DictionaryEntry("Snowflake", "ORGANIZATION", term_id=12)]
    analysis = engine.analyze(TEXT, options=build_options(terms, ProjectSettings()))
    (row,) = [r for r in suggestion_rows(analysis) if r["source"] == "project_dictionary.v1"]
    assert row["term_id"] == 12 and TEXT[row["start"]:row["end"]] == "snow flick"
    assert "Snowflake" not in repr(row)


def test_suggestions_skip_what_the_allow_list_holds_and_keep_offsets_with_crlf(engine):
    allowed = build_options(VENDORS, ProjectSettings(allow_list=["snow flick"]))
    assert [s for s in engine.analyze(TEXT, options=allowed).suggestions if s.source == "project_dictionary.v1"] == []
    crlf = TEXT.replace("\n", "\r\n")
    options = build_options(VENDORS, ProjectSettings())
    (suggestion,) = [s for s in engine.analyze(crlf, options=options).suggestions if s.source == "project_dictionary.v1"]
    assert crlf[suggestion.start:suggestion.end] == "snow flick"
