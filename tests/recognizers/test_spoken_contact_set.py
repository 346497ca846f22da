"""The whole engine on the spoken-contact set (data/spoken_contacts.txt): contacts said
aloud or written in transcripts, and at least as many utterances with none."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.vocabulary.entity_types import CONTACT_TYPES

DATA = Path(__file__).parent / "data" / "spoken_contacts.txt"
MARK = re.compile(r"\[\[([A-Z]+)\|(.*?)\]\]")
TYPES = {"EMAIL": "EMAIL_ADDRESS", "HANDLE": "SOCIAL_HANDLE", "PHONE": "PHONE_NUMBER", "ADDRESS": "ADDRESS", "URL": "URL"}


def load_items() -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, [(start, end, entity type)]) for every utterance in the set."""
    items = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, gold, pos = "", [], 0
        for m in MARK.finditer(line):
            text += line[pos:m.start()]
            start = len(text)
            text += m.group(2)
            gold.append((start, len(text), TYPES[m.group(1)]))
            pos = m.end()
        items.append((text + line[pos:], gold))
    return items


def word_chars(text: str, start: int, end: int) -> list[int]:
    return [start + m.start() + k for m in re.finditer(r"\w+", text[start:end]) for k in range(len(m.group()))]


@pytest.fixture(scope="module")
def scored(engine):
    return score_set(engine)


def score_set(engine) -> dict:
    """Span-level figures: a gold contact is found when predicted contact spans cover all its
    word characters; a predicted contact span is false when it overlaps no gold contact."""
    items = load_items()
    misses, false, typed = [], [], 0
    predicted = 0
    for (text, gold), analysis in zip(items, engine.analyze_many(t for t, _ in items)):
        spans = [(d.start, d.end, d.entity_type) for d in analysis.decisions if d.entity_type in CONTACT_TYPES]
        for start, end, entity_type in gold:
            if all(any(s <= i < e for s, e, _ in spans) for i in word_chars(text, start, end)):
                typed += any(t == entity_type for s, e, t in spans if s < end and start < e)
            else:
                misses.append((entity_type, text[start:end]))
        for s, e, entity_type in spans:
            predicted += 1
            if not any(s < end and start < e for start, end, _ in gold):
                false.append((entity_type, text[s:e]))
    gold_total = sum(len(g) for _, g in items)
    return {
        "items": items,
        "recall": (gold_total - len(misses)) / gold_total,
        "precision": (predicted - len(false)) / max(1, predicted),
        "typed": typed / max(1, gold_total - len(misses)),
        "misses": misses,
        "false": false,
    }


def test_spoken_contact_set_is_large_and_balanced():
    items = load_items()
    positives = [text for text, gold in items if gold]
    negatives = [text for text, gold in items if not gold]
    assert len(items) >= 200
    assert len(negatives) >= len(positives)
    assert {t for _, gold in items for _, _, t in gold} == set(CONTACT_TYPES)


def test_spoken_contact_set_recall(scored):
    assert scored["recall"] >= 0.95, scored["misses"]


def test_spoken_contact_set_precision(scored):
    assert scored["precision"] >= 0.95, scored["false"]


def test_spoken_contact_set_types(scored):
    # A found contact is reported as its own kind: the researcher reads "[email]", not "[phone]".
    assert scored["typed"] >= 0.95
