"""Truecasing uncased speech-to-text before NER (the real offline truecaser)."""
from __future__ import annotations

import pytest

from service.engine.truecase import looks_uncased, truecase


@pytest.mark.parametrize(
    "text, uncased",
    [
        ("speaker b: sure. so i run a small consultancy. we're based in wellington.", True),
        ("Interviewer: So tell me. Interviewee: I work at Deloitte in Auckland.", False),
        ("madam president first of all i would like to thank all the members", True),
        ("", False),
    ],
)
def test_truecase_detects_uncased_text(text, uncased):
    assert looks_uncased(text) is uncased


def test_truecase_raises_capitals_of_names_and_keeps_offsets():
    text = "then i did six years at deloitte in auckland. there was a phishing wave."
    cased = truecase(text)
    assert len(cased) == len(text) and cased.lower() == text
    assert "Deloitte" in cased and "Auckland" in cased
    assert "phishing" in cased  # a common word stays lowercase, whatever its context
