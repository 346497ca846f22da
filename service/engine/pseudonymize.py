"""pseudonymize: one surrogate per real entity, in reading order, consistent in a document.

Mentions are grouped by a canonical form (case, whitespace, possessives, legal suffixes,
titles, and a person's first or last name alone when it belongs to one full name).
Labels that placeholders already use in the text ("Company Y") are never given out.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Callable, NamedTuple

from service.config import EntityPolicy
from service.models import Decision, Replacement
from service.vocabulary.canonical import canonical_form
from service.vocabulary.entity_types import NAME_TYPES
from service.vocabulary.short_forms import short_forms
from service.vocabulary.surrogate_labels import label_core, render_template

_TYPE_ORDER = NAME_TYPES  # when guesses tie: person, organization, university, product, place


class SurrogateBook:
    """Surrogates given out in one document, or across the documents that share the book.

    ``allocate`` is the only call the engine makes; a project store implements the same
    call to keep surrogates consistent across a whole study (``service.project_access``).
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


@dataclass(frozen=True)
class Grouping:
    """What grouping needs to know about the evidence behind each decision."""

    guesses: frozenset[str]  # recognizers whose type is a guess (the NER model, propagation)
    decisive_score: float  # a source not a guess, at least this strong, fixes a name's type
    generic_words: frozenset[str]  # never a short form alone ("group", "inc")
    cues: "TypeCues"  # context words that tell a person from a place
    known_places: frozenset[str] = frozenset()  # lower-case names of real places (GeoNames)
    # Recognizers whose type backs a mention but does not keep a short form from its longer name.
    weak_evidence: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TypeCues:
    """Words around a mention that say person or place ("named X", "X, she's"; "in X",
    "the X office"), for names that are both a first name and a place."""

    person_before: tuple[str, ...] = ()
    person_after: tuple[str, ...] = ()
    place_before: tuple[str, ...] = ()
    place_after: tuple[str, ...] = ()

    def type_at(self, text: str, start: int, end: int) -> str | None:
        before = " ".join(text[max(0, start - 30):start].lower().split())
        after = " ".join(text[end:end + 30].lower().split())
        if any(_ends_with(before, cue) for cue in self.person_before) or any(_starts_with(after, cue) for cue in self.person_after):
            return "PERSON"
        if any(_ends_with(before, cue) for cue in self.place_before) or any(_starts_with(after, cue) for cue in self.place_after):
            return "LOCATION"
        return None


def _ends_with(window: str, cue: str) -> bool:
    return window == cue or window.endswith(" " + cue) or (not cue[:1].isalnum() and window.endswith(cue))


def _starts_with(window: str, cue: str) -> bool:
    return window.startswith(cue) and (len(window) == len(cue) or not window[len(cue)].isalnum())


def group_mentions(text: str, decisions: list[Decision], grouping: Grouping) -> dict[int, tuple[str, str]]:
    """Decision index -> (entity type, canonical form): one key per real entity.

    - One type per name, by evidence: where a source that is not a guess (a speaker label,
      a list, the dictionary, a name pattern) is decisive, its type holds for every
      mention ("Leah" in a label is a person even where the model said ORG). Where only
      guesses speak, the type most mentions have decides, except that a first name that
      is also a known place ("a pupil named Austin", "in Austin") is read mention by
      mention from its context; a first name that is no known place is a person wherever
      the model guessed a place ("Ezra, our developer").
    - Short forms join the one longer name that has them: a person's first or last name,
      an organization's distinctive words ("Northwind", "Chase"), of the same type, or of
      another type when that type was only a guess ("Northwind" tagged PERSON by the model).
    - Spacing never splits a name: "sales force" joins "Salesforce".
    - Contacts never join names: they are grouped by their own text only.
    """
    name_items = {i: d for i, d in enumerate(decisions) if d.operator != "keep" and d.entity_type in NAME_TYPES}
    grouped: dict[int, tuple[str, str]] = {
        i: (d.entity_type, d.canonical or canonical_form(d.entity_type, text[d.start:d.end]))
        for i, d in enumerate(decisions)
        if d.operator != "keep" and d.entity_type not in NAME_TYPES
    }
    forms = _one_spacing({i: d.canonical or canonical_form(d.entity_type, text[d.start:d.end])
                          for i, d in name_items.items()})
    decisive: dict[str, tuple[float, str]] = {}
    mention_types: dict[str, Counter] = defaultdict(Counter)
    supported: dict[tuple[str, str], float] = {}  # (type, form) -> best score of a source not a guess
    firm: set[tuple[str, str]] = set()  # (type, form) backed by more than weak evidence
    for i, d in name_items.items():
        form = forms[i]
        mention_types[form][d.entity_type] += 1
        for source in d.sources or (d,):
            # Evidence for the name is evidence about all of it: "Austin" alone found as a
            # first name says nothing about the type of "Austin ISD".
            if source.recognizer in grouping.guesses or source.entity_type not in NAME_TYPES \
                    or source.start > d.start or source.end < d.end:
                continue
            key = (source.entity_type, form)
            supported[key] = max(supported.get(key, 0.0), source.score)
            if source.recognizer not in grouping.weak_evidence:
                firm.add(key)
            if source.score >= grouping.decisive_score:
                best = decisive.get(form)
                if best is None or (source.score, source.entity_type) > best:
                    decisive[form] = (source.score, source.entity_type)
    keys: dict[int, tuple[str, str]] = {}
    for i, d in name_items.items():
        form = forms[i]
        if form in decisive:
            keys[i] = (decisive[form][1], form)
        elif "LOCATION" in mention_types[form] and ("PERSON", form) in supported \
                and form.casefold() in grouping.known_places:
            # A first name that is also a place ("Austin", "Madison"): each mention by its context.
            keys[i] = (grouping.cues.type_at(text, d.start, d.end) or d.entity_type, form)
        elif backed := _backed_type(form, supported):
            # Weaker evidence that is not a guess still outranks the model's type: "Halvorsen
            # Analytics" has an organization's suffix; "Renee" in "Renee, Dolores" is a first
            # name, and "Ezra" is no place whatever the model guessed.
            keys[i] = (backed, form)
        else:  # the model's type flips on one word: the most frequent type, then a fixed order
            counts = mention_types[form]
            keys[i] = (min(counts, key=lambda t: (-counts[t], _TYPE_ORDER.index(t))), form)
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    families: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entity_type, form in set(keys.values()):
        for part in short_forms(entity_type, form, grouping.generic_words):
            owners[part].add((entity_type, form))
        if entity_type == "PERSON" and " " not in form:  # "the Pellegrinis" is Pellegrini's family
            families[form + "s"].add((entity_type, form))
    links: dict[tuple[str, str], tuple[str, str]] = {}
    for entity in set(keys.values()):
        entity_type, form = entity
        guessed = entity not in firm  # only firm evidence keeps a short form from its longer name
        candidates = owners.get(form, set()) - {entity}
        if len(candidates) == 1:
            (owner,) = candidates
            if owner[0] == entity_type or (guessed and "LOCATION" not in (entity_type, owner[0])):
                links[entity] = owner
        elif not candidates and guessed and len(families.get(form, ())) == 1:
            links[entity] = next(iter(families[form]))  # the model read "the Pellegrinis" as a place
    for i, entity in keys.items():
        seen = {entity}
        while entity in links and links[entity] not in seen:  # "pellegrinis" -> "pellegrini" -> "anna pellegrini"
            entity = links[entity]
            seen.add(entity)
        grouped[i] = entity
    return grouped


def _one_spacing(forms: dict[int, str]) -> dict[int, str]:
    """One form per name however it was spaced: a transcriber's "sales force" or "net
    suite" is the "salesforce" or "netsuite" found elsewhere (the form with the fewest
    spaces stands for all, so the choice never depends on reading order)."""
    chosen: dict[str, str] = {}
    for form in sorted(set(forms.values()), key=lambda f: (f.count(" "), f)):
        chosen.setdefault(form.replace(" ", ""), form)
    return {i: chosen[form.replace(" ", "")] for i, form in forms.items()}


def _backed_type(form: str, supported: dict[tuple[str, str], float]) -> str | None:
    """The type a source that is not a guess gives ``form``, if any (first names that are
    also known places are read from their context before this)."""
    backed = sorted((score, t) for (t, f), score in supported.items() if f == form)
    return backed[-1][1] if backed else None


class Pseudonymized(NamedTuple):
    replacements: list[Replacement]
    surrogates: list[str | None]  # each decision's surrogate (None where the text is kept)
    decisions: list[Decision]  # each decision with the type its entity was given


def pseudonymize(
    text: str,
    decisions: list[Decision],
    policy_for: Callable[[str], EntityPolicy],
    *,
    grouping: Grouping,
    book: SurrogateBook | None = None,
    hash_key: bytes = b"",
) -> Pseudonymized:
    """Replacements for every decision that changes text, each decision's surrogate, and
    the decisions retyped where grouping gave a mention its entity's type ("Madison,
    she's" is the person even where the model read a place), so that a report never
    shows a place with a person's surrogate."""
    book = book if book is not None else SurrogateBook()
    reserved = {label_core(text[d.start:d.end]) for d in decisions if d.entity_type == "PLACEHOLDER"}
    grouped = group_mentions(text, decisions, grouping)
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
    typed: list[Decision] = []
    for i, d in enumerate(decisions):
        if i not in grouped:
            surrogates.append(None)
            typed.append(d)
            continue
        entity_type, form = grouped[i]
        policy = policy_for(entity_type)
        typed.append(d if d.entity_type == entity_type else replace(d, entity_type=entity_type, operator=policy.operator))
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
    return Pseudonymized(replacements, surrogates, typed)


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
