"""Zipf values answered from wordfreq's English list are the ones wordfreq gives."""
import pytest
from wordfreq import zipf_frequency

from service.vocabulary.word_frequency import WordFrequency, word_zipf

WORDS = [
    "the", "spark", "Seattle", "KESTRELBROOK", "qzxv", "first-pass", "co-founder", "rock-n-roll", "don't",
    "We’re", "valentine's", "citizens'", "p.m", "www.example.com", "o2", "4g", "covid-19", "l'amour",
    "2024", "naïve", "i", "a",
]


@pytest.mark.parametrize("word", WORDS)
def test_same_value_as_wordfreq(word):
    assert word_zipf.__wrapped__(word, "en") == zipf_frequency(word, "en")


def test_common_words_at_the_threshold():
    words = WordFrequency(3.5)
    assert words.is_common("house") and not words.is_common("przybylski")
