from __future__ import annotations

import pytest

from recognizers.organization_pattern_recognizer import OrganizationPatternRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I was at Northwind Analytics Inc. for years", [("Northwind Analytics Inc.", "ORGANIZATION")]),
        ("She joined Acme Widgets Ltd in May", [("Acme Widgets Ltd", "ORGANIZATION")]),
        ("a data engineer at Westerfell Health. We", [("Westerfell Health", "ORGANIZATION")]),
        ("my master's at the University of Toronto, in", [("University of Toronto", "UNIVERSITY")]),
        ("uni was victoria university of wellington, computer science", [("university of wellington", "UNIVERSITY"),
                                                                        ("victoria university", "UNIVERSITY")]),
        ("I studied at Carnegie Mellon University", [("Carnegie Mellon University", "UNIVERSITY")]),
        # not organizations
        ("Interviewer: what about health?", []),
        ("The University is big", []),
        ("mm-hmm, the ML team", []),
        ("our Data team", []),
    ],
)
def test_organization_pattern_table(text, expected):
    results = OrganizationPatternRecognizer().analyze(text, ["ORGANIZATION", "UNIVERSITY"])
    found = sorted({(text[r.start:r.end], r.entity_type) for r in results})
    assert found == sorted(expected)
