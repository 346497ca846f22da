"""The engine builds a project's dictionary recognizer with the thresholds of its own
configuration, and reports close sound-alikes as a separate tier of suggestions."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from config import CONFIG_DIR
from recognizers.project_dictionary_recognizer import DictionaryEntry
from service.config import ConfigError, load_engine_config
from service.engine.engine import _sound_alike_settings
from service.projects import ProjectSettings, build_options
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


def test_analysis_lists_suggestions_apart_from_decisions(engine):
    options = replace(build_options(VENDORS, ProjectSettings()), suggestions=True)
    analysis = engine.analyze(TEXT, options=options)
    replaced = {TEXT[d.start:d.end] for d in analysis.decisions}
    assert "alter ex" in replaced and "snow flick" not in replaced
    (suggestion,) = analysis.suggestions
    assert (TEXT[suggestion.start:suggestion.end], suggestion.entity_type, suggestion.term) == (
        "snow flick", "ORGANIZATION", "Snowflake")
    assert suggestion.kind == "sound-alike" and suggestion.evidence == "none" and 0.8 <= suggestion.score <= 1
    assert suggestion.recognizer == "project_dictionary.v1" and suggestion.method.startswith("metaphone ")
    # reports that hide terms say what and how alike, not which term nor its key
    (row,) = suggestion_rows(analysis)
    assert row == {"start": suggestion.start, "end": suggestion.end, "entity_type": "ORGANIZATION",
                   "score": suggestion.score, "recognizer": "project_dictionary.v1", "how": "sound-alike",
                   "evidence": "none"}
    (shown,) = suggestion_rows(analysis, terms=True)
    assert shown["term"] == "Snowflake" and shown["method"] == suggestion.method
    # without asking, none are computed
    assert engine.analyze(TEXT, options=build_options(VENDORS, ProjectSettings())).suggestions == []


def test_suggestions_skip_what_the_allow_list_holds_and_keep_offsets_with_crlf(engine):
    allowed = build_options(VENDORS, ProjectSettings(allow_list=["snow flick"]))
    assert engine.analyze(TEXT, options=replace(allowed, suggestions=True)).suggestions == []
    crlf = TEXT.replace("\n", "\r\n")
    options = replace(build_options(VENDORS, ProjectSettings()), suggestions=True)
    (suggestion,) = engine.analyze(crlf, options=options).suggestions
    assert crlf[suggestion.start:suggestion.end] == "snow flick"
