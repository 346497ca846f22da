"""The report's engine info says how the engine was configured, options included."""
from __future__ import annotations

from service.report import engine_info


def test_report_engine_info_includes_resolved_recognizer_options(engine_config):
    info = engine_info(engine_config)
    enabled = [entry.name for entry in engine_config.recognizers if entry.enabled]
    assert info["recognizers"] == enabled
    assert list(info["recognizer_options"]) == enabled
    assert info["recognizer_options"]["gazetteer.v1"]["score"] == 0.9
    assert info["recognizer_options"]["speaker_name.v1"] == {"score": 0.9, "role_score": 1.0, "lowercase_rare_zipf": 3.0}


def test_report_engine_info_includes_the_dictionary_thresholds(engine_config):
    dictionary = engine_info(engine_config)["dictionary"]
    assert dictionary["fuzzy_threshold"] == 86
    assert dictionary["sound_alike"]["match_threshold"] == 0.8 and dictionary["sound_alike"]["cues"] == "sound_alike_cues.yaml"
