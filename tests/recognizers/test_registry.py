"""The recognizer registry: every factory declares its options, and options are checked."""
from __future__ import annotations

import pytest
from pydantic import BaseModel

from recognizers import (
    REGISTRY,
    EngineResources,
    InvalidRecognizerOptions,
    UnknownRecognizer,
    build_recognizer,
    resolve_options,
)
from recognizers.options import GazetteerOptions


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_registry_every_recognizer_has_strict_options_with_defaults(name):
    model = REGISTRY[name].options
    assert issubclass(model, BaseModel) and model.model_config.get("extra") == "forbid"
    assert isinstance(resolve_options(name, {}), model)  # every option has a default


@pytest.mark.parametrize(
    "name, options, message",
    [
        ("gazetteer.v1", {"min_lenght": 3}, "recognizer gazetteer.v1: unknown option 'min_lenght'"),
        ("gazetteer.v1", {"score": "high"},
         "recognizer gazetteer.v1: option 'score': Input should be a valid number, unable to parse string as a number"),
        ("gazetteer.v1", {"score": 1.5}, "recognizer gazetteer.v1: option 'score': Input should be less than or equal to 1"),
        ("placeholder.v1", {"nouns": ["site", 4]}, "recognizer placeholder.v1: option 'nouns[1]': Input should be a valid string"),
        ("speaker_name.v1", {"scor": 1, "score": 0.5}, "recognizer speaker_name.v1: unknown option 'scor'"),
        ("spoken_phone.v1", {"regions": ["GB", "UK"]},
         "recognizer spoken_phone.v1: option 'regions': Value error, not a phonenumbers region code: UK (e.g. GB, not UK)"),
        ("street_address.v1", {"cue_window": -1},
         "recognizer street_address.v1: option 'cue_window': Input should be greater than or equal to 0"),
    ],
)
def test_registry_refuses_bad_options_by_name(name, options, message):
    with pytest.raises(InvalidRecognizerOptions) as caught:
        resolve_options(name, options)
    assert str(caught.value) == message


def test_registry_unknown_recognizer_lists_the_registered_ones():
    with pytest.raises(UnknownRecognizer) as caught:
        resolve_options("gazetteer.v2", {})
    assert str(caught.value).startswith("unknown recognizer 'gazetteer.v2'; registered: email.v1, gazetteer.v1, ")
    assert all(name in str(caught.value) for name in REGISTRY)


def test_registry_resolved_options_fill_every_default():
    resolved = resolve_options("gazetteer.v1", {"score": 0.95})
    assert resolved == GazetteerOptions(score=0.95)
    assert resolved.dir == "gazetteers" and resolved.variant_score == 0.75


def test_registry_builds_with_the_options_given(engine_config):
    resources = EngineResources(
        ner_labels={}, ner_score=0.85, is_noise=lambda s: False, why_noise=lambda s: None,
        is_common_word=lambda w: False,
        word_zipf=lambda w: 0.0, resolve_path=engine_config.resolve,
    )
    text = "we use cultureamp and Kubernetes"  # a run-together variant, then an exact name

    def found(options):
        recognizer = build_recognizer("gazetteer.v1", options, resources)
        return [(text[r.start:r.end], r.score) for r in recognizer.analyze(text, None)]

    assert found({}) == [("cultureamp", 0.75), ("Kubernetes", 0.9)]
    assert found({"score": 0.95, "min_score": 0.8}) == [("Kubernetes", 0.95)]
