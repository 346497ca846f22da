"""What a project dictionary adds to analyze time, in one run.

    python bench/dictionary_benchmark.py [TEXT_FILE] [--terms 500] [--repeat N]

Times ``Engine.analyze`` on the same text (a) without a dictionary, (b) with a dictionary
of N real names matched by spelling only (exact and fuzzy), and (c) the same dictionary
with sound-alike matching on (the default), and prints each with its ratio to (a). Also
times the dictionary recognizer alone on the text, with a cold and a warm phonetic-key
cache (the cache lives for the process, so a service sees the warm figure from its
second document on).

The dictionary is drawn (seeded) from the shipped gazetteers (vendors, products,
organisations, universities, data providers) and from the shipped first and last name
lists; the default text is the seed interview when ../shared is present, else the example
transcript. Model loading is not timed; each setting is warmed up once, then the three take turns N
times and the median of each is reported, in CPU time of this process.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
# CPU time of this process: on a machine shared with other work it varies far less than
# wall-clock time, and a ratio of two settings is what this benchmark reports.
CLOCK = time.process_time
SEED = REPO.parent / "shared" / "eval" / "seed" / "interview_5_seed.txt"
EXAMPLE = REPO / "examples" / "interview_03.txt"
GAZETTEERS = REPO / "config" / "gazetteers"
NAMES = REPO / "config" / "names"


def median_seconds(fn, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        started = CLOCK()
        fn()
        times.append(CLOCK() - started)
    return statistics.median(times)


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith(("#", "@"))]


def real_dictionary(size: int, seed: int = 7) -> list[tuple[str, str, tuple[str, ...]]]:
    """``size`` real names: four in five organisations, products and universities from the
    gazetteers (first name of each line, the rest as aliases), one in five people."""
    rng = random.Random(seed)
    named: list[tuple[str, str, tuple[str, ...]]] = []
    for file, entity_type in (("organizations.txt", "ORGANIZATION"), ("data_providers.txt", "ORGANIZATION"),
                              ("universities.txt", "UNIVERSITY"), ("vendors_products.txt", None)):
        for line in _lines(GAZETTEERS / file):
            kind = entity_type
            if kind is None:
                kind, line = line.split("\t", 1)
            names = [n.strip() for n in line.split("|") if n.strip()]
            named.append((names[0], kind, tuple(names[1:])))
    chosen = rng.sample(sorted(set(named)), size - size // 5)
    first = _lines(NAMES / "first_names.txt")
    last = _lines(NAMES / "last_names.txt")
    people = {f"{rng.choice(first).title()} {rng.choice(last).title()}" for _ in range(size)}
    chosen += [(p, "PERSON", ()) for p in sorted(people)[: size - len(chosen)]]
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("text_file", nargs="?", type=Path)
    ap.add_argument("--terms", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    path = args.text_file or (SEED if SEED.exists() else EXAMPLE)
    # Evaluation files mark names inline as [[LABEL|name]]; benchmark the plain text.
    text = re.sub(r"\[\[[A-Z_]+\|(.*?)\]\]", r"\1", path.read_text(encoding="utf-8"))

    from recognizers import sound_alike
    from recognizers.project_dictionary_recognizer import ProjectDictionary, ProjectDictionaryRecognizer
    from service.config import load_engine_config
    from service.engine.engine import Engine, RequestOptions

    engine = Engine(load_engine_config())
    terms = real_dictionary(args.terms)
    # As a project request brings it: the engine builds the recognizer with its configuration.
    with_dictionary = RequestOptions(dictionary=ProjectDictionary(terms))
    sounding = engine.dictionary_recognizer(with_dictionary)
    settings = engine.dictionary_sound_alike
    spelling = ProjectDictionaryRecognizer(terms, engine.config.dictionary,
                                           sound_alike=settings.model_copy(update={"enabled": False}))
    started = CLOCK()
    ProjectDictionaryRecognizer(terms, engine.config.dictionary, sound_alike=settings)
    build = CLOCK() - started

    engine.analyze(text)  # loads what any analysis loads (word frequencies, the model's caches)
    sound_alike.phonetic_keys.cache_clear()
    started = CLOCK()
    sounding.analyze(text, None, None)
    cold = CLOCK() - started
    # As the engine calls it: matches, then the suggestions for the review tier.
    warm = median_seconds(lambda: (sounding.analyze(text, None, None), sounding.suggestions(text)), args.repeat)
    alone_spelling = median_seconds(lambda: spelling.analyze(text, None, None), args.repeat)

    # The three settings take turns, so that load from other processes falls on all alike;
    # each round's ratios compare runs made seconds apart.
    runs = {
        "base": lambda: engine.analyze(text),
        "spelling": lambda: engine.analyze(text, options=RequestOptions(recognizers=(spelling,))),
        "sound": lambda: engine.analyze(text, options=with_dictionary),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for fn in runs.values():
        fn()  # warm-up
    for _ in range(args.repeat):
        for name, fn in runs.items():
            started = CLOCK()
            fn()
            times[name].append(CLOCK() - started)
    base, with_spelling, with_sound = (statistics.median(times[name]) for name in runs)
    ratio = {name: statistics.median(t / b for t, b in zip(times[name], times["base"])) for name in runs}

    words = len(text.split())
    print(f"text: {path.name} ({words} words); dictionary: {len(terms)} real names; "
          f"median CPU time of {args.repeat} runs (ratio: median of the rounds' ratios)")
    print(f"  analyze, no dictionary            {base * 1000:8.1f} ms")
    print(f"  analyze, dictionary by spelling   {with_spelling * 1000:8.1f} ms  x{ratio['spelling']:.3f}")
    print(f"  analyze, dictionary + sound-alike {with_sound * 1000:8.1f} ms  x{ratio['sound']:.3f}")
    print(f"  dictionary recognizer alone: spelling {alone_spelling * 1000:.1f} ms ({alone_spelling / base:.1%} of "
          f"analyze), with sound-alike matches and suggestions {warm * 1000:.1f} ms ({warm / base:.1%}); first call, cold key cache: "
          f"{cold * 1000:.1f} ms; building it: {build * 1000:.1f} ms")

if __name__ == "__main__":
    main()
