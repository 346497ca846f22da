"""Detection quality against a gold JSONL file, with the figures the Text Anonymization
Benchmark style metric defines:

- R_direct: entity-level recall over PERSON, ORG/ORGANIZATION, UNIVERSITY. An entity is
  protected only when every word character of it lies inside a predicted span of a type
  other than PLACEHOLDER (half a name is a leak).
- R_all: the same over PERSON, ORG, UNIVERSITY, PRODUCT, LOCATION, CONTACT.
- P_tok: of the word tokens the engine would change, the share touching a labelled name
  (tokens in gold placeholders are left out).
- keep_ph: share of gold placeholders left untouched.

Gold lines: {"id", "text", "entities": [{"start", "end", "label", "text"}]}.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DIRECT = {"PERSON", "ORG", "ORGANIZATION", "UNIVERSITY"}
ALL = DIRECT | {"PRODUCT", "LOCATION", "CONTACT"}
IGNORED_TYPES = {"PLACEHOLDER"}
_WORD = re.compile(r"\w+")


@dataclass
class Scores:
    hit: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    tp_tok: int = 0
    fp_tok: int = 0
    ph_kept: int = 0
    ph_total: int = 0
    misses: list = field(default_factory=list)
    false_tokens: Counter = field(default_factory=Counter)

    def add(self, doc: dict, predictions: list[dict]) -> None:
        text = doc["text"]
        covered = bytearray(len(text))
        for p in predictions:
            if p.get("entity_type") in IGNORED_TYPES:
                continue
            for i in range(max(0, p["start"]), min(len(text), p["end"])):
                covered[i] = 1
        gold_chars = bytearray(len(text))
        ph_chars = bytearray(len(text))
        for e in doc["entities"]:
            label = e["label"]
            if label == "PLACEHOLDER":
                self.ph_total += 1
                for i in range(e["start"], e["end"]):
                    ph_chars[i] = 1
                if not any(covered[i] for i in range(e["start"], e["end"])):
                    self.ph_kept += 1
                continue
            for i in range(e["start"], e["end"]):
                gold_chars[i] = 1
            idx = [e["start"] + m.start() + k for m in _WORD.finditer(text[e["start"]:e["end"]]) for k in range(len(m.group()))]
            ok = bool(idx) and all(covered[i] for i in idx)
            self.total[label] += 1
            self.hit[label] += ok
            if not ok:
                self.misses.append((doc.get("id"), label, e.get("text", text[e["start"]:e["end"]])))
        for m in _WORD.finditer(text):
            span = range(m.start(), m.end())
            if not any(covered[i] for i in span) or any(ph_chars[i] for i in span):
                continue
            if any(gold_chars[i] for i in span):
                self.tp_tok += 1
            else:
                self.fp_tok += 1
                self.false_tokens[m.group().lower()] += 1

    def recall(self, labels: set[str]) -> float:
        return sum(self.hit[l] for l in labels) / max(1, sum(self.total[l] for l in labels))

    def summary(self, *, verbose: bool = False) -> dict:
        out = {
            "R_direct": round(self.recall(DIRECT), 4),
            "R_all": round(self.recall(ALL), 4),
            "P_tok": round(self.tp_tok / max(1, self.tp_tok + self.fp_tok), 4),
            "keep_ph": round(self.ph_kept / max(1, self.ph_total), 4),
            "per_label": {l: f"{self.hit[l]}/{self.total[l]}" for l in sorted(self.total)},
        }
        if verbose:
            out["misses"] = self.misses
            out["top_fp_tokens"] = self.false_tokens.most_common(40)
        return out


def load_gold(path: Path) -> list[dict]:
    docs = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                doc["text"], doc["entities"]
            except (json.JSONDecodeError, KeyError, TypeError):
                from service.errors import InputError

                raise InputError(str(path), "not a gold line: expected JSON with 'text' and 'entities'", line=number) from None
            docs.append(doc)
    return docs


def evaluate(engine, docs: list[dict], *, verbose: bool = False, language: str = "en") -> dict:
    """Score the engine (its current config) on gold documents, in-process, analysing
    every document in ``language`` (the set's language; nothing is refused)."""
    from service.report import entity_rows

    scores = Scores()
    for doc, analysis in zip(docs, engine.analyze_many((d["text"] for d in docs), language=language)):
        scores.add(doc, entity_rows(analysis))
    result = scores.summary(verbose=verbose)
    result["docs"] = len(docs)
    result["words"] = sum(len(d["text"].split()) for d in docs)
    return result
