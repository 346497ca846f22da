"""The canonical form of a name: the one key under which all its spellings share a surrogate.

``canonical_form`` is a pure function, used both to group mentions within a document
(service.engine.pseudonymize) and as the project store's key for an entity. It is
idempotent (applying it to its own output changes nothing), because the store re-applies
it to whatever canonical the caller passes.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

PERSON, ORGANIZATION = "PERSON", "ORGANIZATION"

# Compared with dots removed, so "Inc." / "L.L.C." / "S.A." match too.
LEGAL_SUFFIXES = frozenset(
    {"inc", "ltd", "llc", "gmbh", "corp", "corporation", "co", "plc", "ag", "sa", "bv", "pty",
     "limited", "incorporated", "llp", "nv"}
)
PERSON_TITLES = frozenset({"dr", "doctor", "mr", "ms", "mrs", "miss", "mx", "prof", "professor", "sir", "dame",
                           "mme", "mlle", "madame", "mademoiselle", "monsieur"})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_EDGE_PUNCTUATION = " \t\n.,;:!?\"'()[]{}&-/"
# Endings where a final "s" is not a plural (glass, campus, analysis, analytics, atlas,
# logos, news) or where dropping it would not give the singular (industries).
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "as", "os", "ies", "ews")
_MIN_PLURAL_LENGTH = 5  # "aws", "sas", "ops" are names, not plurals


def canonical_form(entity_type: str, surface: str, aliases_map: Mapping[str, str] | None = None) -> str:
    """Lower-cased, whitespace-collapsed, possessive-, title- and suffix-free form of ``surface``.

    ``aliases_map`` maps canonical forms of aliases to the canonical form of the name
    they stand for (e.g. ``{"nwa": "northwind analytic"}``); it is applied last.
    """
    form = _basic(surface)
    while True:  # stripping one suffix can expose another ("Acme Pty Ltd")
        tokens = form.split(" ") if form else []
        tokens = _strip_possessives(tokens)
        if entity_type == PERSON:
            tokens = _strip_titles(tokens)
        else:  # "The Northwind Group", "Acme Widgets Inc" as a product
            tokens = _strip_article(tokens)
            tokens = _strip_legal_suffixes(tokens)
            if entity_type == ORGANIZATION:
                tokens = _strip_plural(tokens)
        new_form = _basic(" ".join(tokens))
        if new_form == form:
            break
        form = new_form
    if aliases_map:
        form = aliases_map.get(form, form)
    return form


def _basic(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    text = re.sub(r"\s+", " ", text)
    return text.strip(_EDGE_PUNCTUATION)


def _undotted(token: str) -> str:
    return token.replace(".", "").strip(",")


def _strip_possessives(tokens: list[str]) -> list[str]:
    out = []
    for token in tokens:
        if token.endswith("'s") and len(token) > 2:
            token = token[:-2]
        elif token.endswith("s'") and len(token) > 2:
            token = token[:-1]
        out.append(token)
    return out


def _strip_titles(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and _undotted(tokens[0]) in PERSON_TITLES:
        tokens = tokens[1:]
    return tokens


def _strip_article(tokens: list[str]) -> list[str]:
    return tokens[1:] if len(tokens) > 1 and tokens[0] == "the" else tokens


def _strip_legal_suffixes(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and _undotted(tokens[-1]) in LEGAL_SUFFIXES:
        tokens = tokens[:-1]
        while len(tokens) > 1 and tokens[-1] in {"&", "and", ","}:  # "Smith & Co."
            tokens = tokens[:-1]
        if tokens:
            tokens[-1] = tokens[-1].rstrip(",")
    return tokens


def _strip_plural(tokens: list[str]) -> list[str]:
    """Drop a plural "s" from the last word only when that cannot turn it into another word."""
    if not tokens:
        return tokens
    last = tokens[-1]
    if (
        len(last) >= _MIN_PLURAL_LENGTH
        and last.isalpha()
        and last.endswith("s")
        and not last.endswith(_NOT_PLURAL_ENDINGS)
    ):
        return [*tokens[:-1], last[:-1]]
    return tokens
