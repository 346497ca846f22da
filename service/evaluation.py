"""Detection quality against a gold JSONL file, with the figures the Text Anonymization
Benchmark style metric defines:

- R_direct: entity-level recall over PERSON, ORG/ORGANIZATION, UNIVERSITY. An entity is
  protected only when every word character of it lies inside a predicted span of a type
  other than PLACEHOLDER (half a name is a leak).
- R_all: the same over PERSON, ORG, UNIVERSITY, PRODUCT, LOCATION, CONTACT.
- P_tok: of the word tokens the engine would change, the share touching a labelled name
  (tokens in gold placeholders are left out).
- keep_ph: share of gold placeholders left untouched.

And three consistency figures, which recall does not see but a reader does:

- split: gold names (label and surface, casefolded, without a possessive) that received
  more than one surrogate in a document: one entity, several pseudonyms.
- merged: surrogates given to two gold surface forms that share no word (a plural "s"
  aside: "the Pellegrinis" and "Mrs. Pellegrini" share one; two words a transcriber split
  count as the one word they spell: "Quor vane" and "Quorvane Health" share one):
  several entities, one pseudonym.
- edge errors: predicted spans that touch a gold name but begin or end with a word no
  gold span covers ("Northwind to", "Ocados of the world").

Gold lines: {"id", "text", "entities": [{"start", "end", "label", "text"}]}.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from service.errors import InputError
from service.report import entity_rows

DIRECT = {"PERSON", "ORG", "ORGANIZATION", "UNIVERSITY"}
ALL = DIRECT | {"PRODUCT", "LOCATION", "CONTACT"}
IGNORED_TYPES = {"PLACEHOLDER"}
# Gold labels whose names get pseudonyms (contacts get one shared tag, "[email]").
NAME_LABELS = {"PERSON", "ORG", "ORGANIZATION", "UNIVERSITY", "PRODUCT", "LOCATION"}
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"['’]s$|s['’]$|['’]$")


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
    predicted_spans: int = 0
    split: int = 0
    merged: int = 0
    edge_errors: int = 0
    consistency_examples: list = field(default_factory=list)

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

    def add_consistency(self, doc: dict, predictions: list[dict]) -> None:
        """Count split, merged and edge errors; ``predictions`` carry a "surrogate"."""
        text = doc["text"]
        gold = [e for e in doc["entities"] if e["label"] in NAME_LABELS]
        predicted = [p for p in predictions if p.get("entity_type") not in IGNORED_TYPES]
        gold_word = bytearray(len(text))
        for e in doc["entities"]:
            if e["label"] != "PLACEHOLDER":
                gold_word[e["start"]:e["end"]] = b"\x01" * (e["end"] - e["start"])
        surrogates_of: dict[tuple[str, str], set[str]] = {}
        forms_of: dict[str, set[str]] = {}
        for e in gold:
            form = _surface_form(text[e["start"]:e["end"]])
            for p in predicted:
                if p.get("surrogate") and p["start"] < e["end"] and e["start"] < p["end"]:
                    surrogates_of.setdefault((e["label"], form), set()).add(p["surrogate"])
                    forms_of.setdefault(p["surrogate"], set()).add(form)
        for key, found in sorted(surrogates_of.items()):
            if len(found) > 1:
                self.split += 1
                self.consistency_examples.append((doc.get("id"), "split", key[1], sorted(found)))
        for surrogate, forms in sorted(forms_of.items()):
            words = [_form_words(f) for f in sorted(forms)]
            if any(not (a & b) for i, a in enumerate(words) for b in words[i + 1:]):
                self.merged += 1
                self.consistency_examples.append((doc.get("id"), "merged", surrogate, sorted(forms)))
        for p in predicted:
            self.predicted_spans += 1
            words = list(_WORD.finditer(text, p["start"], p["end"]))
            touches = any(gold_word[i] for i in range(p["start"], p["end"]))
            if not words or not touches:
                continue
            ends = (words[0], words[-1])
            if any(not any(gold_word[m.start():m.end()]) for m in ends):
                self.edge_errors += 1
                self.consistency_examples.append((doc.get("id"), "edge", text[p["start"]:p["end"]], None))

    def recall(self, labels: set[str]) -> float:
        return sum(self.hit[l] for l in labels) / max(1, sum(self.total[l] for l in labels))

    def summary(self, *, verbose: bool = False) -> dict:
        out = {
            "R_direct": round(self.recall(DIRECT), 4),
            "R_all": round(self.recall(ALL), 4),
            "P_tok": round(self.tp_tok / max(1, self.tp_tok + self.fp_tok), 4),
            "keep_ph": round(self.ph_kept / max(1, self.ph_total), 4),
            "per_label": {l: f"{self.hit[l]}/{self.total[l]}" for l in sorted(self.total)},
            "split": self.split,
            "merged": self.merged,
            "edge_errors": self.edge_errors,
            "edge_error_rate": round(self.edge_errors / max(1, self.predicted_spans), 4),
        }
        if verbose:
            out["misses"] = self.misses
            out["top_fp_tokens"] = self.false_tokens.most_common(40)
            out["consistency"] = self.consistency_examples
        return out


def _form_words(form: str) -> set[str]:
    """A form's words, and each two neighbours as the one word a transcriber split."""
    words = form.split()
    return {_stem(w) for w in words} | {_stem(a + b) for a, b in zip(words, words[1:])}


def _stem(word: str) -> str:
    """A word without a plural "s": "the Pellegrinis" and "Mrs. Pellegrini" share a word."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _surface_form(surface: str) -> str:
    return _POSSESSIVE.sub("", " ".join(surface.casefold().split()))


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
                raise InputError(str(path), "not a gold line: expected JSON with 'text' and 'entities'", line=number) from None
            docs.append(doc)
    return docs


def evaluate(engine, docs: list[dict], *, verbose: bool = False, language: str = "en") -> dict:
    """Score the engine (its current config) on gold documents, in-process, analysing
    every document in ``language`` (the set's language; nothing is refused); each document
    is redacted with surrogates of its own, as ``tanon redact`` would.

    Also what a reviewer sees on the review page: ``review_recall`` is R_direct of the
    findings and the suggestions together (every suggestion accepted), and
    ``suggestions_per_150_words`` how many suggestions there are to decide."""
    scores, review = Scores(), Scores()
    suggestions = 0
    for doc, redaction in zip(docs, engine.redact_many((d["text"] for d in docs), language=language)):
        rows = entity_rows(redaction)
        scores.add(doc, rows)
        scores.add_consistency(doc, rows)
        offered = [{"start": s.start, "end": s.end, "entity_type": s.entity_type} for s in redaction.suggestions]
        review.add(doc, rows + offered)
        suggestions += len(offered)
    result = scores.summary(verbose=verbose)
    result["docs"] = len(docs)
    result["words"] = sum(len(d["text"].split()) for d in docs)
    result["suggestions"] = suggestions
    result["suggestions_per_150_words"] = round(suggestions * 150 / max(1, result["words"]), 3)
    result["review_recall"] = round(review.recall(DIRECT), 4)
    if verbose:
        result["review_misses"] = review.misses
    return result
