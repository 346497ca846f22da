from __future__ import annotations

import pytest

from recognizers.postcode_recognizer import PostcodeRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return PostcodeRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the postcode is SW1A 1AA.", ["SW1A 1AA"]),
        ("it's s w one a one a a", ["s w one a one a a"]),
        ("it's ls six two a b, near the university", ["ls six two a b"]),
        ("Toronto, ON M5V 3L9", ["Toronto, ON M5V 3L9"]),
        ("m five v three l nine", ["m five v three l nine"]),
        ("m5v 3l9", ["m5v 3l9"]),
        ("our studio is in Austin, TX 78701 now", ["Austin, TX 78701"]),
        ("portland oregon nine seven two oh five", ["portland oregon nine seven two oh five"]),
        ("my zip code is 78701", ["78701"]),
        ("Springfield, IL 62704.", ["Springfield, IL 62704"]),
        # not codes
        ("we had 78701 visitors", []),  # a bare five-digit number is not a ZIP
        ("in 90210 people", []),
        ("I came 3rd in the m4 3rd", []),
        ("plan b one a", []),
        ("uh a one a", []),
        ("IN 2019 we grew", []),
        ("Interviewer: mm-hmm", []),
        ("We use ML and AI", []),
    ],
)
def test_postcode_table(recognizer, text, expected):
    results = recognizer.analyze(text, ["ADDRESS"])
    assert sorted(text[r.start:r.end] for r in results) == sorted(expected)
    assert all(r.analysis_explanation.textual_explanation for r in results)
