"""Speed of the engine against raw spaCy and stock Presidio, its cold start, and the other
benchmarks' tables, in one run.

    python bench/benchmark.py [TEXT_FILE] [--repeat N] [--quick]

1. One document, in this process (model loading not timed; a warm-up round, then the
   median of N rounds, each running every approach once in a shuffled order, after a
   garbage collection),
   CPU and wall time, words per CPU second:
   (a) raw spaCy NER: the configured model with only the pipes the engine uses, nlp.pipe
   (b) stock Presidio: AnalyzerEngine (its predefined recognizers, the whole model,
       ORGANIZATION on) + AnonymizerEngine; and its analyze alone
   (c) this engine: analyze, and redact (analyze + pseudonymize)
   Ratios: analyze/(a) (the engine's overhead over the model; target <= 1.15) and
   (b)/redact (how much slower stock Presidio is; target >= 1.9), on CPU time, each the
   median over rounds of the ratio within one round. Then the
   same text all lowercased (speech-to-text without capitals: the truecaser runs too).
   Peak RSS of this process: before the models, with the engine, with Presidio too.
2. Cold start: ``tanon check`` on five cased transcripts (the examples shipped in the
   repository and two variants of one), then with one of them all lowercase, each in a
   new process: wall time and CPU time (median of 3 runs), model loading included.
3. When present, bench/scaling_benchmark.py --quick (CPU per word as one document grows)
   and bench/service_benchmark.py --skip-hostile (HTTP: 8 clients, 2 workers), run as
   subprocesses; their output is printed as it is.

--quick: one run per measure, no lowercased text, no subprocess benchmarks (section 3).
The default text is the seed interview when ../shared is present, else the example
transcript shipped in the repository. Ratios are measured within one run, so they
compare on a busy machine; absolute times do not (the load average is printed).
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SEED = REPO.parent / "shared" / "eval" / "seed" / "interview_5_seed.txt"
EXAMPLES = REPO / "examples"
EXAMPLE = EXAMPLES / "interview_03.txt"
PRESIDIO_ENTITIES = ["PERSON", "ORGANIZATION", "LOCATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "URL"]


def timed(approaches: dict, text: str, repeat: int) -> dict[str, tuple[list[float], list[float]]]:
    """CPU and wall seconds of each approach in each of ``repeat`` rounds, after one warm-up
    round; in each round every approach runs once (in an order that changes from round
    to round), so a machine that gets busier or quieter during the run weighs on all alike."""
    cpu: dict[str, list[float]] = {name: [] for name in approaches}
    wall: dict[str, list[float]] = {name: [] for name in approaches}
    for round_ in range(repeat + 1):
        # Each round in another order (the same in every run): an approach run right after
        # another finds the processor's caches filled with that one's model and data.
        order = list(approaches)
        random.Random(round_).shuffle(order)
        for name in order:
            fn = approaches[name]
            gc.collect()  # the garbage of the approach before is not collected on this one's time
            c, w = time.process_time(), time.perf_counter()
            fn(text)
            if round_:
                cpu[name].append(time.process_time() - c)
                wall[name].append(time.perf_counter() - w)
    return {name: (cpu[name], wall[name]) for name in approaches}


def ratio(times: dict, a: str, b: str, kind: int) -> float:
    """The median over rounds of a's time over b's in the same round: on a virtual machine
    whose speed drifts by 10-20% from one second to the next, a ratio within a round holds
    better than a ratio of medians taken over different moments."""
    return statistics.median(x / y for x, y in zip(times[a][kind], times[b][kind]))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def per_document(text: str, label: str, approaches: dict, repeat: int) -> None:
    words = len(text.split())
    times = timed(approaches, text, repeat)
    print(f"{label}: {words:,} words, median of {repeat} rounds")
    print(f"  {'':28} {'CPU ms':>9} {'wall ms':>9} {'words/CPU s':>12}")
    for name, (cpu, wall) in times.items():
        cpu, wall = statistics.median(cpu), statistics.median(wall)
        print(f"  {name:28} {cpu * 1000:9.1f} {wall * 1000:9.1f} {words / cpu:12,.0f}")
    raw, presidio, presidio_analyze = "(a) raw spaCy NER", "(b) stock Presidio", "(b) stock Presidio: analyze"
    analyze, redact = "(c) this engine: analyze", "(c) this engine: redact"
    print("  ratios: the median over rounds of the ratio within a round")
    print(f"  analyze/(a) = {ratio(times, analyze, raw, 0):.2f} CPU, {ratio(times, analyze, raw, 1):.2f} wall  (target <= 1.15)")
    print(f"  redact/(a)  = {ratio(times, redact, raw, 0):.2f} CPU, {ratio(times, redact, raw, 1):.2f} wall")
    print(f"  (b)/redact  = {ratio(times, presidio, redact, 0):.2f} CPU, {ratio(times, presidio, redact, 1):.2f} wall  (target >= 1.9)")
    print(f"  (b) analyze/(c) analyze = {ratio(times, presidio_analyze, analyze, 0):.2f} CPU, "
          f"{ratio(times, presidio_analyze, analyze, 1):.2f} wall")


def transcripts(folder: Path, lowercase: bool) -> list[str]:
    """Five cased transcripts (the shipped examples and two variants of one) in ``folder``;
    with ``lowercase``, the last of them all lowercase."""
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    half = len(lines) // 2
    shutil.copy(EXAMPLE, folder / "a.txt")
    shutil.copy(EXAMPLES / "team_call.vtt", folder / "b.vtt")
    shutil.copy(EXAMPLES / "interview_07.docx", folder / "c.docx")
    (folder / "d.txt").write_text("".join(lines[half:] + lines[:half]), encoding="utf-8")
    last = text.replace("Interviewer", "Moderator")
    (folder / "e.txt").write_text(last.lower() if lowercase else last, encoding="utf-8")
    return ["a.txt", "b.vtt", "c.docx", "d.txt", "e.txt"]


def cold_start(lowercase: bool, runs: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of ``tanon check`` on the five files in a new process."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as tmp:
        files = transcripts(Path(tmp), lowercase)
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "service", "check", *files], cwd=tmp,
                                  capture_output=True, text=True)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if done.returncode not in (0, 1):
                sys.exit(f"tanon check failed ({done.returncode}): {done.stderr[-2000:]}")
    return statistics.median(walls), statistics.median(cpus), runs


def run_script(name: str, args: list[str]) -> None:
    path = REPO / "bench" / name
    if not path.exists():
        print(f"{name}: not in this checkout, skipped")
        return
    print(f"$ python bench/{name} {' '.join(args)}", flush=True)
    done = subprocess.run([sys.executable, str(path), *args], cwd=REPO, capture_output=True, text=True)
    print(done.stdout.rstrip())
    if done.returncode:
        print(f"  (exit {done.returncode}) {done.stderr.strip()[-1500:]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("text_file", nargs="?", type=Path)
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--quick", action="store_true", help="one run per measure; no lowercased text, no subprocess benchmarks")
    args = ap.parse_args()
    repeat = 1 if args.quick else args.repeat
    path = args.text_file or (SEED if SEED.exists() else EXAMPLE)
    # Evaluation files mark names inline as [[LABEL|name]]; benchmark the plain text.
    text = re.sub(r"\[\[[A-Z_]+\|(.*?)\]\]", r"\1", path.read_text(encoding="utf-8"))
    print(f"bench/benchmark.py on {path.name}; {load()}")

    from service.config import get_settings, load_engine_config
    from service.engine.engine import Engine
    from service.engine.nlp import english_model, load_spacy

    config = load_engine_config(get_settings().config)  # TANON_CONFIG, else the default
    model = english_model(config.nlp)
    base = rss_mb()
    nlp = load_spacy(model, config.nlp)
    engine = Engine(config)
    with_engine = rss_mb()

    from presidio_anonymizer import AnonymizerEngine

    from bench.results_table import stock_presidio

    presidio = stock_presidio(model)
    anonymizer = AnonymizerEngine()

    def stock(t: str) -> None:
        anonymizer.anonymize(text=t, analyzer_results=presidio.analyze(text=t, language="en", entities=PRESIDIO_ENTITIES))

    approaches = {
        "(a) raw spaCy NER": lambda t: list(nlp.pipe([t], batch_size=config.nlp.batch_size)),
        "(b) stock Presidio": stock,
        "(b) stock Presidio: analyze": lambda t: presidio.analyze(text=t, language="en", entities=PRESIDIO_ENTITIES),
        "(c) this engine: analyze": lambda t: engine.analyze(t),
        "(c) this engine: redact": lambda t: engine.redact(t),
    }
    print(f"model {model}; pipes for (a) and (c): {'+'.join(nlp.pipe_names)}")
    print()
    per_document(text, path.name, approaches, repeat)
    if not args.quick:
        print()
        per_document(text.lower(), f"{path.name}, all lowercase", approaches, repeat)
    print(f"peak RSS: {base:.0f} MB before the models, {with_engine:.0f} MB with the engine, "
          f"{rss_mb():.0f} MB with stock Presidio too")

    from service.engine.truecase import case_table, table_folder

    folder = table_folder()
    if folder is not None and not (folder / "words.pickle").exists():
        start = time.perf_counter()
        case_table()  # built once per installation; not part of a cold start
        print(f"truecaser table built in {time.perf_counter() - start:.1f} s (once per installation)")
    print()
    runs = 1 if args.quick else 3
    print(f"cold start, tanon check on five transcripts in a new process (median of {runs}); {load()}")
    for lowercase, label in ((False, "five cased"), (True, "four cased, one lowercase")):
        wall, cpu, _ = cold_start(lowercase, runs)
        print(f"  {label:28} {wall:6.2f} s wall  {cpu:6.2f} s CPU")

    if not args.quick:
        print()
        run_script("scaling_benchmark.py", ["--quick"])
        print()
        run_script("service_benchmark.py", ["--skip-hostile", "--clients", "8", "--workers", "2"])
    print()
    print(f"done; {load()}")


if __name__ == "__main__":
    main()
