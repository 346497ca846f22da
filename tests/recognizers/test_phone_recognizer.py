"""The phone recognizer reads only the places with digits: it must find exactly what
Presidio's recognizer finds reading the whole text."""
from __future__ import annotations

import pytest
from presidio_analyzer.predefined_recognizers import PhoneRecognizer as PresidioPhoneRecognizer

from recognizers.options import PhoneOptions
from recognizers.phone_recognizer import TranscriptPhoneRecognizer, digit_windows

FILLER = "and then we talked about the rollout for a while, nothing much else to say really " * 3

TEXTS = [
    "Call me on 020 7946 0958 after lunch.",
    "020 7946 0958",
    "Her mobile is +44 7911 123456, or the office: (416) 555-0199 ext. 42.",
    "Dial 1-800-FLOWERS or 212-555-0147." + FILLER + "The Berlin office is 030 901820 and Paris 01 42 68 53 00.",
    FILLER + "my number is 617.555.0123" + FILLER + "and my old one was 617 555 0188" + FILLER,
    "We had 12 interviews in 2023, 45 minutes each, 3 sites.",
    "reach me at ０２０ ７９４６ ０９５８ tomorrow",  # fullwidth digits
    "The ticket was 4111 1111 1111 1111 and the order 20231115-0042.",
    "no digits at all in this sentence",
    "Line one 07700\n900123 line two 555 0100",
    "Revenue grew 4.5% to $1,234 million in 2019; call 212 555 0147 or 0049 30 901820.",
]


def _spans(results):
    return sorted((r.start, r.end, r.entity_type, r.score) for r in results)


@pytest.mark.parametrize("text", TEXTS)
def test_phone_finds_what_presidio_finds_reading_the_whole_text(text):
    regions = PhoneOptions().regions
    stock = PresidioPhoneRecognizer(supported_regions=regions).analyze(text, ["PHONE_NUMBER"])
    for result in stock:  # our recognizer also takes a leading "+" into the number
        if result.start > 0 and text[result.start - 1] == "+":
            result.start -= 1
    ours = TranscriptPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])
    assert _spans(ours) == _spans(stock)


def test_phone_numbers_far_apart_are_each_found():
    text = "Office 020 7946 0958." + FILLER * 4 + "Mobile +44 7911 123456."
    found = [text[r.start:r.end] for r in TranscriptPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]
    assert "020 7946 0958" in found and "+44 7911 123456" in found


def test_digit_windows_merge_where_they_touch_and_stay_in_the_text():
    text = "a 12 b" + "x" * 200 + "34 y 56"
    assert digit_windows(text, 10) == [(0, 14), (196, len(text))]
    assert digit_windows(text, 10, 4) == [(196, len(text))]  # "34 y 56": four digits, two blocks
    assert digit_windows("no digits", 10) == []


def test_phone_no_valid_number_is_shorter_than_the_digits_it_needs():
    """The recognizer skips runs of fewer digits than MIN_VALID_DIGITS: no region's valid
    national number may be shorter (checked against the installed phonenumbers)."""
    import phonenumbers

    from recognizers.phone_recognizer import MIN_VALID_DIGITS

    shortest = min(
        length
        for region in phonenumbers.SUPPORTED_REGIONS
        for length in phonenumbers.PhoneMetadata.metadata_for_region(region).general_desc.possible_length
        if length > 0
    )
    assert shortest >= MIN_VALID_DIGITS


def test_phone_figures_of_speech_are_not_read_but_a_number_among_them_is():
    text = ("Revenue was $4.5 billion, up 12% in Q3, and 20 of 31 stores grew. " * 5
            + "Call investor relations on (212) 555-0147. " + "Margins were 3.2 points higher. " * 5)
    windows = digit_windows(text, 64, 4)
    assert len(windows) == 1 and "(212) 555-0147" in text[windows[0][0]:windows[0][1]]
    found = [text[r.start:r.end] for r in TranscriptPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]
    assert found == ["(212) 555-0147"]
