"""Speed of the engine against stock Presidio and raw spaCy, on the same text in one run.

    python bench/benchmark.py [TEXT_FILE] [--repeat N]

(a) raw spaCy: the configured model with only the pipes the engine uses, nlp(text)
(b) stock Presidio: AnalyzerEngine (default recognizers, full model, ORGANIZATION on)
    + AnonymizerEngine with the same model
(c) this engine: analyze + redact

Prints words/s for each and the ratios c/a (engine time over raw spaCy) and b/c
(Presidio time over engine). The default text is the seed interview when ../shared is
present, else the example transcript shipped in the repo. Model loading is not timed;
each approach is warmed up once, then the median of N runs is reported.
"""
from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SEED = REPO.parent / "shared" / "eval" / "seed" / "interview_5_seed.txt"
EXAMPLE = REPO / "examples" / "interview_03.txt"


def median_seconds(fn, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("text_file", nargs="?", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    path = args.text_file or (SEED if SEED.exists() else EXAMPLE)
    # Evaluation files mark names inline as [[LABEL|name]]; benchmark the plain text.
    text = re.sub(r"\[\[[A-Z_]+\|(.*?)\]\]", r"\1", path.read_text(encoding="utf-8"))
    words = len(text.split())

    from presidio_anonymizer import AnonymizerEngine

    from bench.results_table import stock_presidio
    from service.config import get_settings, load_engine_config
    from service.engine.engine import Engine
    from service.engine.nlp import english_model, load_spacy

    config = load_engine_config(get_settings().config)  # TANON_CONFIG, else the default
    model = english_model(config.nlp)
    base = rss_mb()
    nlp = load_spacy(model, config.nlp)
    engine = Engine(config)
    after_engine = rss_mb()
    presidio = stock_presidio(model)
    anonymizer = AnonymizerEngine()
    presidio_entities = ["PERSON", "ORGANIZATION", "LOCATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "URL"]

    def raw_spacy():
        nlp(text)

    def stock_presidio():
        results = presidio.analyze(text=text, language="en", entities=presidio_entities)
        anonymizer.anonymize(text=text, analyzer_results=results)

    def this_engine():
        engine.redact(text)

    a = median_seconds(raw_spacy, args.repeat)
    b = median_seconds(stock_presidio, args.repeat)
    c = median_seconds(this_engine, args.repeat)
    print(f"text: {path.name}, {words} words, median of {args.repeat} runs, model {model}")
    print(f"(a) raw spaCy ({'+'.join(config.nlp.pipes)})  {a * 1000:8.1f} ms  {words / a:9.0f} words/s")
    print(f"(b) stock Presidio          {b * 1000:8.1f} ms  {words / b:9.0f} words/s")
    print(f"(c) this engine             {c * 1000:8.1f} ms  {words / c:9.0f} words/s")
    print(f"c/a = {c / a:.2f}  (engine time over raw spaCy; target <= 1.5)")
    print(f"b/c = {b / c:.2f}  (stock Presidio time over engine; target >= 1.5)")
    print(f"peak RSS: {base:.0f} MB before models, {after_engine:.0f} MB with the engine, {rss_mb():.0f} MB with Presidio too")


if __name__ == "__main__":
    main()
