"""Surrogate labels as words: how a template numbers them ("[Company A]", "[Person 12]"),
how a label compares with a placeholder a person wrote ("company a"), and one pattern that
finds any of a set of labels in a text. The engine gives labels out, the store keeps them
and re-identification finds them again; all three read them the same way, from here."""
from __future__ import annotations

import re
import string
from collections.abc import Iterable


def letter_label(index: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (spreadsheet columns)."""
    out = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        out = string.ascii_uppercase[rem] + out
    return out


def render_template(template: str, index: int) -> str:
    return template.replace("{n}", str(index)).replace("{letter}", letter_label(index))


def label_core(label: str) -> str:
    """Compare labels with placeholders: "[Company Y]" and "company Y" are the same label."""
    return " ".join(re.sub(r"[\[\]<>{}]", " ", label).lower().split())


def label_pattern(labels: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all labels, longest first: "[Person 12]" wins over "[Person 1]"."""
    labels = sorted(set(labels), key=len, reverse=True)
    return re.compile("|".join(re.escape(label) for label in labels)) if labels else None
