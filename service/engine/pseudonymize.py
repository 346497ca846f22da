"""pseudonymize: one surrogate per real entity, in reading order, consistent in a document.

Mentions are grouped by a canonical form (case, whitespace, possessives, legal suffixes,
titles, and a person's first or last name alone when it belongs to one full name).
Labels that placeholders already use in the text ("Company Y") are never given out.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import string
from collections import defaultdict
from typing import Callable

from service.config import EntityPolicy
from service.models import Decision, Replacement
from service.vocabulary.canonical import canonical_form
from service.vocabulary.entity_types import NAME_TYPES, ORGANIZATION_TYPES, PERSON


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


class SurrogateBook:
    """Surrogates given out in one document, or across the documents that share the book.

    ``allocate`` is the only call the engine makes; a project store implements the same
    call to keep surrogates consistent across a whole study (``service.projects``).
    """

    def __init__(self) -> None:
        self.reserved: set[str] = set()
        self.by_entity: dict[tuple[str, str], str] = {}
        self.next_index: dict[str, int] = defaultdict(int)

    def allocate(
        self, items: list[tuple[str, str, str]], *, templates: dict[str, str], reserved: set[str]
    ) -> dict[tuple[str, str], str]:
        """Surrogate of each ``(entity_type, canonical, original)``, in the order given;
        ``reserved`` holds label cores (see ``label_core``) that must not be given out."""
        self.reserved |= reserved
        for entity_type, canonical, _ in items:
            key = (entity_type, canonical)
            if key in self.by_entity:
                continue
            while True:
                self.next_index[entity_type] += 1
                label = render_template(templates[entity_type], self.next_index[entity_type])
                if label_core(label) not in self.reserved:
                    break
            self.by_entity[key] = label
        return {(t, c): self.by_entity[(t, c)] for t, c, _ in items}


def group_mentions(text: str, decisions: list[Decision]) -> dict[int, tuple[str, str]]:
    """Decision index -> (entity type, canonical form) after grouping one entity's mentions.

    One canonical form gets one type (that of its strongest mention), so "Amin" in a
    header and "Amin" tagged ORG by the model stay one entity. A lone first or last name
    joins the only full name in the document that contains it.
    """
    canon = {
        i: d.canonical or canonical_form(d.entity_type, text[d.start:d.end])
        for i, d in enumerate(decisions)
        if d.operator != "keep"
    }
    best_type: dict[str, tuple[float, str]] = {}
    for i, form in canon.items():
        d = decisions[i]
        if form not in best_type or d.score > best_type[form][0]:
            best_type[form] = (d.score, d.entity_type)
    # A person's single first or last name, or an organization's leading words
    # ("Northwind" for "Northwind Analytics"), joins the one longer name that has it.
    owners: dict[str, set[str]] = defaultdict(set)
    for form, (_, entity_type) in best_type.items():
        words = form.split()
        if len(words) < 2:
            continue
        if entity_type == PERSON:
            for part in words:
                owners[part].add(form)
        elif entity_type in ORGANIZATION_TYPES:
            for n in range(1, len(words)):
                owners[" ".join(words[:n])].add(form)
    grouped = {}
    for i, form in canon.items():
        entity_type = best_type[form][1]
        if entity_type not in NAME_TYPES or form not in owners or len(owners[form]) != 1:
            grouped[i] = (entity_type, form)
            continue
        (longer,) = owners[form]
        grouped[i] = (best_type[longer][1], longer)
    return grouped


def pseudonymize(
    text: str,
    decisions: list[Decision],
    policy_for: Callable[[str], EntityPolicy],
    *,
    book: SurrogateBook | None = None,
    hash_key: bytes = b"",
) -> tuple[list[Replacement], list[str | None]]:
    """Replacements for every decision that changes text, and each decision's surrogate."""
    book = book if book is not None else SurrogateBook()
    reserved = {label_core(text[d.start:d.end]) for d in decisions if d.entity_type == "PLACEHOLDER"}
    grouped = group_mentions(text, decisions)
    wanted, templates = [], {}
    for i, (entity_type, form) in sorted(grouped.items()):
        policy = policy_for(entity_type)
        if policy.operator == "pseudonym":
            d = decisions[i]
            wanted.append((entity_type, form, text[d.start:d.end]))
            templates[entity_type] = policy.template
    labels = book.allocate(wanted, templates=templates, reserved=reserved) if wanted else {}
    replacements: list[Replacement] = []
    surrogates: list[str | None] = []
    for i, d in enumerate(decisions):
        if i not in grouped:
            surrogates.append(None)
            continue
        entity_type, form = grouped[i]
        policy = policy_for(entity_type)
        original = text[d.start:d.end]
        if policy.operator == "pseudonym":
            new = labels[(entity_type, form)]
        elif policy.operator == "tag":
            new = policy.template
        elif policy.operator == "mask":
            new = re.sub(r"\w", "*", original)
        elif policy.operator == "hash":
            digest = hmac.new(hash_key, f"{entity_type}:{form}".encode(), hashlib.sha256).hexdigest()[:10]
            new = (policy.template or "[{type}-{hash}]").replace("{type}", entity_type.lower()).replace("{hash}", digest)
        elif policy.operator == "redact":
            new = ""
        else:  # keep
            surrogates.append(None)
            continue
        surrogates.append(new)
        replacements.append(Replacement(d.start, d.end, new, entity_type))
    return replacements, surrogates


def apply_replacements(text: str, replacements: list[Replacement]) -> str:
    """Splice non-overlapping replacements into ``text``."""
    out, pos = [], 0
    for r in sorted(replacements, key=lambda r: r.start):
        if r.start < pos:
            raise ValueError("overlapping replacements")
        out.append(text[pos:r.start])
        out.append(r.text)
        pos = r.end
    out.append(text[pos:])
    return "".join(out)
