from __future__ import annotations

import pytest

from recognizers.placeholder_recognizer import PlaceholderRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("She keeps the books at Company Y.", ["Company Y"]),
        ("master's at University X and", ["University X"]),
        ("we sold the van to company X, er", ["company X"]),
        ("let's call them [CLIENT].", ["[CLIENT]"]),
        ("the notes call you Participant 4.", ["Participant 4"]),
        ("a gift from Donor A last year", ["Donor A"]),
        ("we stayed at Site C.", ["Site C"]),
        ("we sold it to [REDACTED], a bakery chain", ["[REDACTED]"]),
        ("now at [Company B] and", ["[Company B]"]),
        # not placeholders
        ("the company I work for", []),
        ("Interviewer: mm-hmm", []),
        ("we use ML and AI", []),
        ("[inaudible] and [crosstalk]", []),
        ("The A-team", []),
        # a middle initial before a surname is part of a person's name
        ("a grant from the Harriet B. Oakhurst Trust", []),
        ("Marcus T. Albrecht said so", []),
    ],
)
def test_placeholder_table(text, expected):
    results = PlaceholderRecognizer().analyze(text, ["PLACEHOLDER"])
    found = sorted({text[r.start:r.end] for r in results})
    assert found == sorted(expected)
    assert all(r.entity_type == "PLACEHOLDER" for r in results)
