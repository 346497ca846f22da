from __future__ import annotations

import pytest

from recognizers.spoken_email_recognizer import SpokenEmailRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return SpokenEmailRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my email is jane dot b w seventy three at gmail dot com, thanks", ["jane dot b w seventy three at gmail dot com"]),
        ("it's j dot smith at company dot co dot uk", ["j dot smith at company dot co dot uk"]),
        ("hollis underscore venn at outlook dot com", ["hollis underscore venn at outlook dot com"]),
        ("email me at jsmith at crumbandcompass dot com tomorrow", ["jsmith at crumbandcompass dot com"]),
        ("send it to tamsin doe at gmail dot com", ["tamsin doe at gmail dot com"]),
        ("it's a b carter at hotmail dot co dot uk", ["a b carter at hotmail dot co dot uk"]),
        ("it's a jsmith at gmail dot com", ["jsmith at gmail dot com"]),
        ("the inbox is hello at crumb and compass dot com", ["hello at crumb and compass dot com"]),
        ("reach me at j.smith at gmail.com", ["j.smith at gmail.com"]),
        ("my email's cassie dot vell at gmail dot com", ["cassie dot vell at gmail dot com"]),
        ("write to j dot smith at company dot co dot uk and copy t dot vance at larkfield dot edu",
         ["j dot smith at company dot co dot uk", "t dot vance at larkfield dot edu"]),
        # not e-mail addresses
        ("we looked at google dot com", []),  # a website
        ("I'm at the office dot com", []),
        ("he works at ibm dot com", []),
        ("she's at crumb and compass dot com", []),
        ("we're at version two dot oh", []),
        ("jane.doe@gmail.com", []),  # written: email.v1 reports it
        ("Interviewer: mm-hmm, at the end", []),
        ("We use ML and AI at work", []),
    ],
)
def test_spoken_email_table(recognizer, text, expected):
    results = recognizer.analyze(text, ["EMAIL_ADDRESS"])
    assert sorted(text[r.start:r.end] for r in results) == sorted(expected)
    assert all(r.entity_type == "EMAIL_ADDRESS" and r.analysis_explanation.textual_explanation for r in results)


def test_spoken_email_domain_needs_a_real_suffix(recognizer):
    assert recognizer.analyze("my email is jane dot doe at brackenfold dot notasuffix", ["EMAIL_ADDRESS"]) == []
