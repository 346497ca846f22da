from __future__ import annotations

import pytest

from recognizers.spoken_url_recognizer import SpokenUrlRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return SpokenUrlRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("go to w w w dot crumb and compass dot com for the menu", ["w w w dot crumb and compass dot com"]),
        ("it's crumbandcompass dot co dot uk", ["crumbandcompass dot co dot uk"]),
        ("check crumb and compass dot com", ["crumb and compass dot com"]),
        ("visit www dot example dot org slash contact", ["www dot example dot org slash contact"]),
        ("h t t p s colon slash slash w w w dot example dot com", ["h t t p s colon slash slash w w w dot example dot com"]),
        ("our site is brightfield dot studio", ["brightfield dot studio"]),
        ("the booking page is quill haven dot org", ["quill haven dot org"]),
        ("b b c dot co dot uk has it", ["b b c dot co dot uk"]),
        # not web addresses
        ("brightfield dot studio", []),  # an uncommon suffix needs www, a scheme or a cue
        ("the dot com bubble burst", []),
        ("version two dot oh", []),
        ("you have to dot the i's", []),
        ("she had a polka dot dress on", []),
        ("connect the dots", []),
        ("at seven thirty dot com", []),
        ("Interviewer: mm-hmm, dot dot dot", []),
        ("We use ML and AI dot", []),
    ],
)
def test_spoken_url_table(recognizer, text, expected):
    results = recognizer.analyze(text, ["URL"])
    assert sorted(text[r.start:r.end] for r in results) == sorted(expected)
    assert all(r.analysis_explanation.textual_explanation for r in results)
