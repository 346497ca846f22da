from __future__ import annotations

import pytest

from recognizers.social_handle_recognizer import SocialHandleRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return SocialHandleRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my handle is @crumbandcompass", ["@crumbandcompass"]),
        ("she posts as @tamsin.okoro mostly", ["@tamsin.okoro"]),
        ("you can find us at crumb and compass on instagram", ["crumb and compass"]),
        ("he's at thorn and thistle over on instagram", ["thorn and thistle"]),
        ("we're at brightfield studio on tiktok", ["brightfield studio"]),
        ("my username is jane underscore doe seventy three", ["jane underscore doe seventy three"]),
        ("jane underscore doe", ["jane underscore doe"]),
        ("my handle is crumb and compass", ["crumb and compass"]),
        ("find us on instagram at brackenfold bakes.", ["brackenfold bakes"]),
        # not handles
        ("email jane@gmail.com", []),
        ("meet @ 5", []),
        ("I want to underscore the importance", []),
        ("it really underscores the problem", []),
        ("we look at funny videos on tiktok", []),
        ("I saw it at work on linkedin", []),
        ("I was on facebook at work today", []),
        ("my instagram is private", []),
        ("at home on facebook", []),
        ("Interviewer: mm-hmm", []),
        ("We use ML and AI on twitter", []),
    ],
)
def test_social_handle_table(recognizer, text, expected):
    results = recognizer.analyze(text, ["SOCIAL_HANDLE"])
    assert sorted(text[r.start:r.end] for r in results) == sorted(expected)
    assert all(r.analysis_explanation.textual_explanation for r in results)
