"""Contacts through the whole engine: each replaced by its tag, exactly, and never merged
with a name, dropped as noise or given a person's or company's pseudonym."""
from __future__ import annotations

import pytest

from service.vocabulary.entity_types import CONTACT_TYPES


@pytest.mark.parametrize(
    "text, expected",
    [
        ("email me at jane dot b w seventy three at gmail dot com tomorrow", "email me at [email] tomorrow"),
        ("call me on four one six, five five five, zero one nine nine, anytime", "call me on [phone], anytime"),
        ("we moved to 221B Baker Street last year", "we moved to [address] last year"),
        ("the postcode's s w one a one a a, I think", "the postcode's [address], I think"),
        ("go to w w w dot brackenfold dot com for the menu", "go to [url] for the menu"),
        ("my handle is @brackenfold, say hi", "my handle is [handle], say hi"),
        ("it's jane underscore doe on most things", "it's [handle] on most things"),
        # Never cut at list commas or "and", trimmed or joined as a name would be.
        ("send it to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please", "send it to [address] please"),
        ("We visited Jonas Ferrowby at 14 Elm Grove, Leeds LS6 2AB last week.", "We visited [Person 1] at [address] last week."),
    ],
)
def test_engine_replaces_exactly_the_contact(engine, text, expected):
    assert engine.redact(text).text == expected


def test_engine_keeps_a_spoken_handle_whole(engine):
    # "and" inside a handle is part of it, not a break between two names.
    text = "you can find us at crumb and compass on instagram"
    handles = [text[d.start:d.end] for d in engine.analyze(text).decisions if d.entity_type == "SOCIAL_HANDLE"]
    assert handles == ["crumb and compass"]


def test_engine_never_joins_a_contact_with_a_name(engine):
    text = "Tamsin Okoro: my email is tamsin underscore okoro at brackenfold dot io"
    redaction = engine.redact(text)
    assert redaction.text == "[Person 1]: my email is [email]"
    assert [d.entity_type for d in redaction.decisions] == ["PERSON", "EMAIL_ADDRESS"]


def test_engine_a_name_guess_inside_a_url_stays_a_url(engine):
    # "edu" is also a first name; the address is still one URL, not a person.
    redaction = engine.redact("it was on www.larkfield.edu")
    assert redaction.text == "it was on [url]"


def test_engine_contact_tags_are_left_alone_on_a_second_pass(engine):
    once = engine.redact("email me at tamsin dot okoro at gmail dot com or call 416-555-0199").text
    assert once == "email me at [email] or call [phone]"
    assert engine.redact(once).text == once


def test_engine_ordinary_numbers_and_words_stay(engine):
    text = "we had twenty five people in 2019, at 10:30, version three point two, and I'm at the office dot"
    assert engine.redact(text).text == text


def test_config_treats_every_contact_type_as_a_contact(engine_config):
    # Tagged, never numbered like a name; never judged by the noise filter; never propagated.
    for entity_type in CONTACT_TYPES:
        policy = engine_config.policy(entity_type)
        assert policy.operator == "tag" and policy.template, entity_type
        assert entity_type not in engine_config.decide.noise_applies_to
        assert entity_type not in engine_config.propagation.entity_types


def test_engine_dictionary_terms_inside_contacts_leave_them_contacts(engine):
    from recognizers.project_dictionary_recognizer import ProjectDictionaryRecognizer
    from service.engine.engine import RequestOptions

    options = RequestOptions(recognizers=(ProjectDictionaryRecognizer([("Brackenfold", "ORGANIZATION", [])]),))
    text = "I worked at Brackenfold. Email tamsin dot okoro at brackenfold dot com, see www.brackenfold.com or @brackenfold"
    out = engine.redact(text, options=options).text
    assert out == "I worked at [Company A]. Email [email], see [url] or [handle]"
