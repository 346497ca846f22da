"""How the engine's cost grows with the length of one document.

    python bench/scaling_benchmark.py [--quick] [--sizes 1000,10000,...] [--lowercase] [--config YAML]

Builds one document per size (1k, 10k, 100k and 500k words by default; --quick: 1k, 10k,
100k) by concatenating real transcript text: the examples shipped in the repository and,
when the evaluation data is next to the repository, the public transcript sets
(``../shared/eval/public/*.jsonl``; never required). Each size runs in a fresh process, so
that its peak RSS is its own: the engine is built and warmed up on a short text, then the
document is analysed and redacted once. --lowercase: the same documents all lowercase
(speech-to-text without capitals, so the truecaser runs too).

Prints, per size: words, CPU seconds, CPU milliseconds per word, peak RSS (MB). Exits 1
when the largest size costs more than --max-ratio (1.3) times the CPU per word of the
10k-word document, or when any peak RSS passes --max-rss-mb (700).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
PUBLIC = REPO.parent / "shared" / "eval" / "public"
DEFAULT_SIZES = (1_000, 10_000, 100_000, 500_000)
QUICK_SIZES = (1_000, 10_000, 100_000)
REFERENCE_SIZE = 10_000


def source_texts() -> list[str]:
    """Real transcript text, in a fixed order (the same document at every run)."""
    texts = []
    for path in sorted((REPO / "examples").glob("*")):
        if path.suffix in (".txt", ".vtt"):
            texts.append(path.read_text(encoding="utf-8"))
    if PUBLIC.is_dir():
        # Long spoken transcripts first (earnings calls), then parliament speech.
        for name in ("earnings21.jsonl", "slue_voxpopuli.jsonl"):
            path = PUBLIC / name
            if path.is_file():
                with path.open(encoding="utf-8") as handle:
                    texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    return texts


def build_document(words: int) -> str:
    """``words`` words of transcript text: whole documents in turn, the last one cut at a
    line; the sources repeat when they run out."""
    texts = source_texts()
    parts, count, i = [], 0, 0
    while count < words:
        text = texts[i % len(texts)]
        i += 1
        need = words - count
        lines = text.splitlines(keepends=True)
        taken = []
        for line in lines:
            n = len(line.split())
            if n > need and taken:
                break
            taken.append(line)
            need -= n
            count += n
            if need <= 0:
                break
        parts.append("".join(taken).rstrip("\n") + "\n\n")
    return "".join(parts)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_one(words: int, config: str | None, lowercase: bool) -> dict:
    """Build the engine, warm it up, analyse and redact one ``words``-word document."""
    from service.config import load_engine_config
    from service.engine.engine import Engine

    text, warm_up = build_document(words), build_document(300)
    if lowercase:
        text, warm_up = text.lower(), warm_up.lower()
    engine = Engine(load_engine_config(config))
    engine.redact(warm_up, language="en")  # warm-up: lazy loads, caches
    cpu, wall = cpu_seconds(), time.perf_counter()
    redaction = engine.redact(text, language="en")
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"words": len(text.split()), "chars": len(text), "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
            "ms_per_word": round(1000 * cpu / len(text.split()), 4), "peak_rss_mb": round(peak_kb / 1024),
            "decisions": len(redaction.decisions)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k, 10k and 100k words only")
    parser.add_argument("--sizes", help="comma-separated word counts, e.g. 1000,10000")
    parser.add_argument("--config", help="engine YAML (default: the bundled configuration)")
    parser.add_argument("--lowercase", action="store_true", help="every document all lowercase")
    parser.add_argument("--max-ratio", type=float, default=1.3,
                        help="largest size's CPU per word over the 10k document's (default 1.3)")
    parser.add_argument("--max-rss-mb", type=float, default=700, help="peak RSS limit per size (default 700)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.config, args.lowercase)))
        return 0
    sizes = QUICK_SIZES if args.quick else DEFAULT_SIZES
    if args.sizes:
        sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    if not PUBLIC.is_dir():
        print("(the public transcript sets are absent: the document repeats the examples)")
    rows = []
    print(f"{'words':>8} {'chars':>9} {'CPU s':>8} {'wall s':>8} {'ms/word':>8} {'peak MB':>8} {'decisions':>9}")
    for size in sizes:
        command = [sys.executable, str(Path(__file__).resolve()), "--one", str(size)]
        if args.config:
            command += ["--config", args.config]
        if args.lowercase:
            command.append("--lowercase")
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        if done.returncode != 0:
            print(f"{size:>8} failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
            return 1
        row = json.loads(done.stdout.strip().splitlines()[-1]) | {"size": size}
        rows.append(row)
        print(f"{row['words']:>8} {row['chars']:>9} {row['cpu_s']:>8.2f} {row['wall_s']:>8.2f} "
              f"{row['ms_per_word']:>8.4f} {row['peak_rss_mb']:>8} {row['decisions']:>9}", flush=True)
    failed = False
    reference = next((r for r in rows if r["size"] == REFERENCE_SIZE), None)
    largest = max(rows, key=lambda r: r["size"])
    if reference is not None and largest is not reference:
        ratio = largest["ms_per_word"] / reference["ms_per_word"]
        verdict = "ok" if ratio <= args.max_ratio else "FAIL"
        failed |= ratio > args.max_ratio
        print(f"CPU per word, {largest['words']:,} words over {REFERENCE_SIZE:,}: {ratio:.2f}x "
              f"(limit {args.max_ratio}x) {verdict}")
    peak = max(r["peak_rss_mb"] for r in rows)
    failed |= peak > args.max_rss_mb
    print(f"peak RSS: {peak} MB (limit {args.max_rss_mb:g} MB) {'ok' if peak <= args.max_rss_mb else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
