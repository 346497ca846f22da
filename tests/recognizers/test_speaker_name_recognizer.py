from __future__ import annotations

import pytest

from recognizers.speaker_name_recognizer import SpeakerNameRecognizer


@pytest.fixture(scope="module")
def recognizer(noise):
    return SpeakerNameRecognizer(is_role=lambda s: noise.why_noise(s) is not None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Amin: I work there.", ["Amin"]),
        ("Dr Lee: hello", ["Dr Lee"]),
        ("Leah Montclair: Okay, I think it's recording.", ["Leah Montclair"]),
        ("Interview 5 - Amin\n\nInterviewer\n", ["Amin"]),
        ("Participant: Dr Lee\n", ["Dr Lee"]),
        ("Jane Doe  12:41\nSo the thing is", ["Jane Doe"]),
        # roles and layout are not names
        ("Interviewer: so tell me", []),
        ("Interviewee: sure", []),
        ("P1: I farm corn", []),
        ("Speaker 1  0:03\nOkay hi", []),
        ("Moderator: welcome", []),
        ("CURATOR: Of course.", []),
        ("mm-hmm: yes", []),
        ("Note: this was at 10:30", []),
    ],
)
def test_speaker_name_table(recognizer, text, expected):
    results = recognizer.analyze(text, ["PERSON"])
    assert sorted(text[r.start:r.end] for r in results) == sorted(expected)
    for r in results:
        assert r.entity_type == "PERSON" and r.analysis_explanation.textual_explanation
