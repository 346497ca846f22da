"""Titles and legal suffixes are one list each, read the same way by every step."""
from __future__ import annotations

import re

import pytest

from service.vocabulary.canonical import canonical_form
from service.vocabulary.organization_suffixes import LEGAL_SUFFIX_KEYS, LEGAL_SUFFIXES, suffix_key
from service.vocabulary.person_titles import PERSON_TITLES, TITLE_ALTERNATION


@pytest.mark.parametrize("written, key", [("L.L.C.", "llc"), ("S.A.", "sa"), ("GmbH", "gmbh"), ("PLC", "plc")])
def test_suffix_key(written, key):
    assert suffix_key(written) == key


def test_every_legal_suffix_is_stripped_from_the_canonical_form():
    for suffix in LEGAL_SUFFIXES:
        assert canonical_form("ORGANIZATION", f"Kestrelby {suffix}") == "kestrelby", suffix
    assert {suffix_key(s) for s in LEGAL_SUFFIXES} == LEGAL_SUFFIX_KEYS


@pytest.mark.parametrize("title", sorted(PERSON_TITLES))
def test_every_title_is_stripped_from_a_person(title):
    assert canonical_form("PERSON", f"{title.capitalize()}. Ines Valdemar") == "ines valdemar"


@pytest.mark.parametrize("written", ["Dr", "Dr.", "Mrs", "Professor", "Mx", "dame"])
def test_title_alternation_matches_written_titles(written):
    assert re.fullmatch(rf"(?:{TITLE_ALTERNATION})\.?", written, re.IGNORECASE)


def test_title_alternation_prefers_the_longer_title():
    # "Mrs" must not be read as "Mr" followed by "s".
    assert re.match(rf"(?:{TITLE_ALTERNATION})", "Mrs").group() == "Mrs"
