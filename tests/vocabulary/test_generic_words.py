"""Generic words (a fixed list) and common words (wordfreq at the configured threshold)
answer different questions: a first name is common English but never generic."""
from __future__ import annotations

import pytest

from service.vocabulary.generic_words import generic_words, is_generic_word
from service.vocabulary.word_frequency import WordFrequency, word_zipf


@pytest.mark.parametrize(
    "word, generic",
    [
        ("the", True),  # a spaCy stop word
        ("Interviewer", True),  # transcript vocabulary, any casing
        ("mm-hmm", True),
        ("analytics", True),  # generic in organization names
        ("north", True),
        ("jane", False),  # a first name is not generic
        ("northwind", False),
        ("okafor", False),
    ],
)
def test_generic_words_table(word, generic):
    assert is_generic_word(word) is generic


def test_generic_words_list_has_no_comments_or_blanks():
    words = generic_words()
    assert "" not in words and not any(w.startswith("#") for w in words)
    assert all(w == w.lower() for w in words)


@pytest.mark.parametrize(
    "word, common",
    [
        ("the", True),
        ("reading", True),
        ("spark", True),
        ("jane", True),  # common English, though not generic
        ("przybylski", False),
        ("northwind", False),
    ],
)
def test_word_frequency_common_at_the_configured_threshold(word, common, engine_config):
    words = WordFrequency(engine_config.vocabulary.common_word_zipf)
    assert words.is_common(word) is common


def test_word_frequency_threshold_decides():
    zipf = word_zipf("spark")
    assert WordFrequency(zipf).is_common("spark")
    assert not WordFrequency(zipf + 0.01).is_common("spark")
    assert word_zipf("zzqxjv") == 0
