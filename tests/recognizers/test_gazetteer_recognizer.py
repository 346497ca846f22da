from __future__ import annotations

import pytest

from recognizers.gazetteer_recognizer import GazetteerRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return GazetteerRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I work at Apple now", [("Apple", "ORGANIZATION")]),
        ("then I joined Deloitte in the cyber practice", [("Deloitte", "ORGANIZATION")]),
        ("we moved to aws last year", [("aws", "ORGANIZATION")]),
        ("we use amazon personalize for it", [("amazon personalize", "PRODUCT")]),
        ("the Amazon personalized thing", [("Amazon personalized", "PRODUCT")]),
        ("performance is in culture amp, recruiting in greenhouse", [("culture amp", "ORGANIZATION"),
                                                                    ("greenhouse", "ORGANIZATION")]),
        ("we went live on work day", [("work day", "ORGANIZATION")]),
        ("I did my PhD at MIT", [("MIT", "UNIVERSITY")]),
        ("she was at UofT before", [("UofT", "UNIVERSITY")]),
        ("Netflix's recommender is good", [("Netflix", "ORGANIZATION")]),
        ("the Deloittes and Accentures of this world", [("Deloittes", "ORGANIZATION"), ("Accentures", "ORGANIZATION")]),
        ("amazon  web\nservices bills us", [("amazon  web\nservices", "ORGANIZATION")]),
        ("her microsoft three sixty five password", [("microsoft three sixty five", "PRODUCT")]),
        ("i started at spark on the help desk", [("spark", "PRODUCT")]),
        # ordinary words and transcript noise are not names
        ("Interviewer: mm-hmm, the ML and AI team", []),
        ("I ate an apple at lunch", []),
        ("the target is to ship by June", []),
        ("we use slack time to catch up", []),
        ("a delta of two percent", []),
        ("the amazon rainforest is far", []),
        ("that was the spark of an idea", []),
        ("for three years, and i co-supervise a student", []),
    ],
)
def test_gazetteer_table(recognizer, text, expected):
    results = recognizer.analyze(text, None)
    assert sorted((text[r.start:r.end], r.entity_type) for r in results) == sorted(expected)
    for r in results:
        assert r.analysis_explanation.textual_explanation.startswith("in the ")


def test_gazetteer_longest_match_wins(recognizer):
    text = "we run on Amazon Web Services and Amazon SageMaker"
    found = [text[r.start:r.end] for r in recognizer.analyze(text, None)]
    assert found == ["Amazon Web Services", "Amazon SageMaker"]

