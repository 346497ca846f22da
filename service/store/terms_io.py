"""Reading and writing dictionary terms as CSV or YAML.

CSV: a header row with ``term,entity_type`` and optionally ``role,aliases,surrogate,sound_alike``;
aliases are separated by ``|``; ``sound_alike`` is ``context`` (the default), ``always`` or ``off``. YAML: ``terms:`` followed by a list of mappings with the
same keys (``aliases`` a list). Parse errors name the row/entry number, never its text.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from .entities import DEFAULT_SOUND_ALIKE
from .errors import InvalidTermsFile
from .records import Term

FORMATS = ("csv", "yaml")
FIELDS = ("term", "entity_type", "role", "aliases", "surrogate", "sound_alike")
ALIAS_SEPARATOR = "|"


@dataclass(frozen=True)
class TermSpec:
    """A term as written in a file, before validation by the dictionary."""

    term: str
    entity_type: str
    role: str | None = None
    aliases: tuple[str, ...] = field(default=())
    surrogate: str | None = None
    sound_alike: str | None = None  # None: the default ("context")


def normalise_format(format: str) -> str:
    fmt = (format or "").strip().lower()
    fmt = "yaml" if fmt == "yml" else fmt
    if fmt not in FORMATS:
        raise InvalidTermsFile("format must be 'csv' or 'yaml'")
    return fmt


def parse_terms(text: str, *, format: str) -> list[TermSpec]:
    return _parse_csv(text) if normalise_format(format) == "csv" else _parse_yaml(text)


def format_terms(terms: Iterable[Term], *, format: str) -> str:
    return _format_csv(terms) if normalise_format(format) == "csv" else _format_yaml(terms)


def _blank_to_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _split_aliases(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts = value.split(ALIAS_SEPARATOR)
    elif isinstance(value, list):
        parts = value
    else:
        raise InvalidTermsFile(f"{where}: aliases must be a list or a '|'-separated string")
    return tuple(text for part in parts if (text := _blank_to_none(part)))


def _unknown_fields(names: Iterable[object], where: str, what: str) -> None:
    """Refuse fields other than ``FIELDS``, by position: a made-up field name may be a name."""
    unknown = [position for position, name in enumerate(names, start=1) if name not in FIELDS]
    if unknown:
        positions = ", ".join(str(p) for p in unknown)
        raise InvalidTermsFile(
            f"{where}: an unknown field ({what} {positions}); the fields are {', '.join(FIELDS)}"
        )


def _spec(raw: dict, where: str) -> TermSpec:
    _unknown_fields(raw, where, "field")
    term = _blank_to_none(raw.get("term"))
    entity_type = _blank_to_none(raw.get("entity_type"))
    if term is None or entity_type is None:
        raise InvalidTermsFile(f"{where}: 'term' and 'entity_type' are required")
    return TermSpec(
        term=term,
        entity_type=entity_type.upper(),
        role=_blank_to_none(raw.get("role")),
        aliases=_split_aliases(raw.get("aliases"), where),
        surrogate=_blank_to_none(raw.get("surrogate")),
        sound_alike=_blank_to_none(raw.get("sound_alike")),
    )


def _parse_csv(text: str) -> list[TermSpec]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    if "term" not in header or "entity_type" not in header:
        raise InvalidTermsFile("CSV header must include 'term' and 'entity_type'")
    _unknown_fields(header, "header row", "column")
    reader.fieldnames = header
    specs = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise InvalidTermsFile(f"row {number}: more cells than header columns")
        if not any((value or "").strip() for value in row.values()):
            continue  # blank line
        specs.append(_spec(row, f"row {number}"))
    return specs


def _parse_yaml(text: str) -> list[TermSpec]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise InvalidTermsFile("not valid YAML") from None
    if data is None:
        return []
    entries = data.get("terms") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise InvalidTermsFile("YAML must be a list of terms or a mapping with a 'terms' list")
    specs = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise InvalidTermsFile(f"entry {number}: must be a mapping")
        specs.append(_spec(entry, f"entry {number}"))
    return specs


def _format_csv(terms: Iterable[Term]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for term in terms:
        writer.writerow(
            {
                "term": term.term,
                "entity_type": term.entity_type,
                "role": term.role or "",
                "aliases": ALIAS_SEPARATOR.join(term.aliases),
                "surrogate": term.surrogate or "",
                "sound_alike": term.sound_alike,
            }
        )
    return out.getvalue()


def _format_yaml(terms: Iterable[Term]) -> str:
    entries = []
    for term in terms:
        entry: dict[str, object] = {"term": term.term, "entity_type": term.entity_type}
        if term.role:
            entry["role"] = term.role
        if term.aliases:
            entry["aliases"] = list(term.aliases)
        if term.surrogate:
            entry["surrogate"] = term.surrogate
        if term.sound_alike != DEFAULT_SOUND_ALIKE:
            entry["sound_alike"] = term.sound_alike
        entries.append(entry)
    return yaml.safe_dump({"terms": entries}, sort_keys=False, allow_unicode=True)
