from __future__ import annotations

import socket

import pytest

from recognizers.options import SpokenPhoneOptions
from recognizers.spoken_phone_recognizer import SpokenPhoneRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return SpokenPhoneRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my number is four one six, five five five, zero one nine nine.", ["four one six, five five five, zero one nine nine"]),
        ("call me on oh seven seven double oh nine double oh one two three", ["oh seven seven double oh nine double oh one two three"]),
        ("it's four sixteen, five five five, oh one ninety nine", ["four sixteen, five five five, oh one ninety nine"]),
        ("it's +44 7700 900123", ["+44 7700 900123"]),
        ("it's plus four four seven seven double oh nine double oh four five six", ["plus four four seven seven double oh nine double oh four five six"]),
        ("call (416) 555-0199 now", ["(416) 555-0199"]),
        ("or 416.555.0199 works", ["416.555.0199"]),
        ("call 020 7946 0018 tomorrow", ["020 7946 0018"]),
        ("my mobile is 07700 900456", ["07700 900456"]),
        ("the UK number is +44 (0)20 7946 0123", ["+44 (0)20 7946 0123"]),
        # other numbers
        ("we had twenty five people", []),
        ("in 2019, 2020 and 2021 we grew", []),
        ("twenty twenty, twenty twenty one, twenty twenty two", []),
        ("version three point two", []),
        ("it went from 3.2.1 to 4.0.0", []),
        ("it cost $1,250,000", []),
        ("the budget went from 1,250,000 to 2,000,000", []),
        ("we met at 10:30", []),
        ("about 75% of 1200 users", []),
        ("one two three four five six seven eight nine ten", []),
        ("the score was 3-2", []),
        ("oh, two things", []),
        ("ISBN 978-0-14-044913-6", []),
        ("the case number was 2021-0456", []),
        ("Interviewer: mm-hmm, twenty five", []),
        ("We use ML and AI, 12 models", []),
    ],
)
def test_spoken_phone_table(recognizer, text, expected):
    results = recognizer.analyze(text, ["PHONE_NUMBER"])
    assert sorted(text[r.start:r.end] for r in results) == sorted(expected)
    assert all(r.analysis_explanation.textual_explanation for r in results)


def test_spoken_phone_possible_number_needs_a_cue(recognizer):
    # 07700 900xxx is reserved for drama: the right length, never valid, so only a cue makes it a phone.
    assert recognizer.analyze("the code was 07700 900456", ["PHONE_NUMBER"]) == []
    assert len(recognizer.analyze("my mobile was 07700 900456", ["PHONE_NUMBER"])) == 1


def test_spoken_phone_regions_are_an_option():
    text = "the reference is 4165550199"
    assert SpokenPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])
    assert SpokenPhoneRecognizer(SpokenPhoneOptions(regions=("GB",))).analyze(text, ["PHONE_NUMBER"]) == []


def test_spoken_phone_works_offline(recognizer, monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert recognizer.analyze("call 604-555-0111", ["PHONE_NUMBER"])
