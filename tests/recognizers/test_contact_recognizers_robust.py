"""Every contact recognizer takes any text: edges, lone connectors, and random soups of
the words they look for, without an error and with spans inside the text."""
from __future__ import annotations

import random

import pytest

from recognizers.postcode_recognizer import PostcodeRecognizer
from recognizers.social_handle_recognizer import SocialHandleRecognizer
from recognizers.spoken_email_recognizer import SpokenEmailRecognizer
from recognizers.spoken_phone_recognizer import SpokenPhoneRecognizer
from recognizers.spoken_url_recognizer import SpokenUrlRecognizer
from recognizers.street_address_recognizer import StreetAddressRecognizer
from recognizers.url_recognizer import TranscriptUrlRecognizer

RECOGNIZERS = [SpokenEmailRecognizer(), SocialHandleRecognizer(), SpokenPhoneRecognizer(), StreetAddressRecognizer(),
               PostcodeRecognizer(), SpokenUrlRecognizer(), TranscriptUrlRecognizer()]
EDGES = ["", " ", "at", "dot", "@", "underscore", "double", "oh", "plus", "12,", "416 555 0199 -", "call 416 (",
         "jane dot", "jane at", "at gmail dot", "w w w dot", "12 high", "SW1A", "TX", "zip code is", "flat 3,",
         "jane underscore", "on instagram at", "four one six,", "1,", "$", "http://", "www.", "a.b"]
SOUP = ("at dot underscore dash jane smith gmail com co uk org double triple oh one two three four five "
        "six seven eight nine ten twenty hundred thousand 416 555 0199 07700 900123 + ( ) , . - / : @ "
        "street road avenue baker high 221B 12 flat TX 78701 ON M5V 3L9 SW1A 1AA s w a b www slash "
        "instagram on handle is my email number call the and I'm it's").split()


@pytest.mark.parametrize("text", EDGES)
def test_contact_recognizers_take_edge_texts(text):
    for recognizer in RECOGNIZERS:
        for r in recognizer.analyze(text, recognizer.supported_entities):
            assert 0 <= r.start < r.end <= len(text)


def test_contact_recognizers_take_random_soups():
    rng = random.Random(7)
    for _ in range(300):
        text = " ".join(rng.choice(SOUP) for _ in range(rng.randint(1, 25)))
        for recognizer in RECOGNIZERS:
            for r in recognizer.analyze(text, recognizer.supported_entities):
                assert 0 <= r.start < r.end <= len(text), (recognizer.name, text)
                assert text[r.start:r.end].strip() == text[r.start:r.end]
