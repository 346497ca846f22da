"""Figures for the project dictionary on names that speech-to-text split, merged or misheard.

    python -m tests.recognizers.sound_alike_eval [--split tune|test|holdout|all] [--whole-dictionary] [--misses]

Runs ``ProjectDictionaryRecognizer`` over ``data/sound_alike.jsonl`` (built by
``data/build_sound_alike_set.py``): each item with its own project dictionary, or, with
``--whole-dictionary``, every item against all the set's names at once (none marked
"always"). Prints, as
``tanon eval`` does, one line per run:

* R: misheard mentions found (every letter and digit covered by hits of the right term) over
  all misheard mentions;
* P: hits that overlap a mention of the term they name, over all hits (negatives included);
* negatives matched: negative items with any hit at all; and how many right hits also
  cover a word beyond the mention;

once with sound-alike matching and once with spelling matches alone (exact and fuzzy),
then recall per error pattern.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from recognizers.project_dictionary_recognizer import TERM_METADATA_KEY, ProjectDictionaryRecognizer
from recognizers.sound_alike import SoundAlikeSettings, default_settings

DATA = Path(__file__).with_name("data") / "sound_alike.jsonl"


def load_items(path: Path = DATA, split: str = "all") -> list[dict]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [i for i in items if split == "all" or i["split"] == split]


@dataclass
class Figures:
    misheard: int = 0
    found: int = 0
    hits: int = 0
    correct_hits: int = 0
    negatives: int = 0
    negatives_matched: int = 0
    too_long: int = 0  # right hits that also cover a word beyond the mention
    by_pattern: Counter = field(default_factory=Counter)
    found_by_pattern: Counter = field(default_factory=Counter)
    misses: list[tuple[str, str]] = field(default_factory=list)
    false_hits: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.misheard if self.misheard else 1.0

    @property
    def precision(self) -> float:
        return self.correct_hits / self.hits if self.hits else 1.0

    def line(self, name: str) -> str:
        return (f"{name}: R {self.recall:.3f}  P {self.precision:.3f}  negatives matched "
                f"{self.negatives_matched}/{self.negatives}  ({self.misheard} misheard mentions, {self.hits} hits, "
                f"{self.too_long} longer than the mention)")


def _dictionary(terms: list[dict]) -> tuple:
    return tuple((t["term"], t["entity_type"], (), t.get("sound_alike", "context")) for t in terms)


def evaluate(items: list[dict], *, settings: SoundAlikeSettings | None = None,
             whole_dictionary: bool = False) -> Figures:
    settings = settings or default_settings()
    figures = Figures()
    recognizers: dict[tuple, ProjectDictionaryRecognizer] = {}
    whole = None
    if whole_dictionary:
        # Every name of the set, each needing context: an item's "always" mark is its own.
        names = {(t["term"], t["entity_type"]) for item in items for t in item["terms"]}
        whole = tuple((term, kind, (), "context") for term, kind in sorted(names))
    for item in items:
        terms = whole if whole is not None else _dictionary(item["terms"])
        if terms not in recognizers:
            recognizers[terms] = ProjectDictionaryRecognizer(terms, sound_alike=settings)
        results = recognizers[terms].analyze(item["text"], None, None)
        hits = [(r.start, r.end, r.recognition_metadata[TERM_METADATA_KEY]) for r in results]
        spans = item["spans"]
        figures.hits += len(hits)
        for start, end, term in hits:
            mentions = [s for s in spans if s["term"] == term and start < s["end"] and s["start"] < end]
            if mentions:
                figures.correct_hits += 1
                inside = {i for s in mentions for i in range(s["start"], s["end"])}
                surface = item["text"][start:end]
                if surface.endswith(("'s", "\u2019s")):  # a possessive ending is part of the word
                    end -= 2
                figures.too_long += any(item["text"][i].isalnum() for i in range(start, end) if i not in inside)
            else:
                figures.false_hits.append((item["id"], item["text"][start:end], term))
        if item["kind"] == "negative":
            figures.negatives += 1
            figures.negatives_matched += bool(hits)
        for span in spans:
            if not span["misheard"]:
                continue
            figures.misheard += 1
            figures.by_pattern[item["pattern"]] += 1
            covered = set()
            for start, end, term in hits:
                if term == span["term"]:
                    covered.update(range(start, end))
            # Every letter and digit; punctuation inside or after ("E.Y.") identifies nobody.
            needed = {i for i in range(span["start"], span["end"]) if item["text"][i].isalnum()}
            if needed <= covered:
                figures.found += 1
                figures.found_by_pattern[item["pattern"]] += 1
            else:
                figures.misses.append((item["id"], item["text"][span["start"]:span["end"]]))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "test", "holdout", "all"), default="all")
    parser.add_argument("--whole-dictionary", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list missed mentions and false hits (contains names)")
    args = parser.parse_args(argv)
    items = load_items(split=args.split)
    settings = default_settings()
    spelling_only = settings.model_copy(update={"enabled": False})
    label = f"{DATA.name} [{args.split}{', whole dictionary' if args.whole_dictionary else ''}]"
    with_sound = evaluate(items, settings=settings, whole_dictionary=args.whole_dictionary)
    without = evaluate(items, settings=spelling_only, whole_dictionary=args.whole_dictionary)
    print(with_sound.line(f"{label} sound-alike on"))
    print(without.line(f"{label} spelling only "))
    print("recall per pattern: " + ", ".join(
        f"{p} {with_sound.found_by_pattern[p]}/{n}" for p, n in sorted(with_sound.by_pattern.items())))
    if args.misses:
        for item_id, surface in with_sound.misses:
            print(f"miss\t{item_id}\t{surface}")
        for item_id, surface, term in with_sound.false_hits:
            print(f"false\t{item_id}\t{surface}\t{term}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
