"""Batch throughput: files/s with 1 and 2 workers on the same generated folder, and the
speed-up. Each configuration runs in a fresh Python process, so both pay for their own
imports and model loads; the figures are given with that start-up and without it
(steady state: from the moment every worker has finished its first file).

    python bench/batch_benchmark.py [--files 40] [--workers 1 2]

For scale, it also measures the machine's own ceiling: the same files redacted by one
plain engine process, then by two independent ones at once (no batch machinery). A
batch speed-up cannot exceed that ratio; on shared virtual machines it can be well
under the number of cores.

The folder holds copies of varied transcripts: the seed interview and the six dev
interviews from ../shared/eval when present, the example interview and the format
samples (txt, Otter, VTT, SRT, JSON), and a DOCX built here.
"""
from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STARTED = time.time()  # the child's clock starts before any heavy import
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def sources() -> list[tuple[str, bytes]]:
    shared = REPO.parent / "shared" / "eval"
    found = [(p.name, p.read_bytes()) for p in sorted((shared / "dev" / "docs").glob("*.txt"))]
    seed = shared / "seed" / "interview_5_seed.txt"
    if seed.exists():
        found.append((seed.name, seed.read_bytes()))
    found.append(("interview_03.txt", (REPO / "examples" / "interview_03.txt").read_bytes()))
    samples = REPO / "tests" / "formats" / "samples"
    for name in ("otter.txt", "zoom.vtt", "inline_tags.srt", "whisperx.json"):
        found.append((name, (samples / name).read_bytes()))
    found.append(("interview.docx", _docx((REPO / "examples" / "interview_03.txt").read_text(encoding="utf-8"))))
    return found


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_folder(root: Path, files: int) -> tuple[int, int]:
    """``files`` copies of the sources, round robin; returns (files, bytes)."""
    pool, total = sources(), 0
    for i in range(files):
        name, data = pool[i % len(pool)]
        target = root / f"batch_{i // len(pool):02d}" / f"{i:03d}_{name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        total += len(data)
    return files, total


def child(in_dir: Path, out_dir: Path, workers: int) -> None:
    """One run in this fresh process; prints start and completion times as JSON."""
    from service.batch.runner import BatchRequest, run_batch
    from service.context import AppContext

    finished: list[float] = []
    with AppContext() as context:
        summary = run_batch(BatchRequest(in_dir, out_dir, workers=workers), context, progress=False,
                            on_result=lambda result: finished.append(time.time()))
    print(json.dumps({"started": STARTED, "finished": finished, "ok": summary.ok, "files": summary.files}))


def plain(in_dir: Path, part: int, parts: int) -> None:
    """Redact every ``parts``-th file (from ``part``) with a bare engine; print the seconds after loading."""
    from service.config import load_engine_config
    from service.engine.engine import Engine
    from service.pipeline import redact_document

    engine = Engine(load_engine_config())
    files = sorted(p for p in in_dir.rglob("*") if p.is_file())[part::parts]
    started = time.time()
    for path in files:
        redact_document(engine, path.read_bytes(), name=path.name, max_bytes=20_000_000)
    print(json.dumps({"files": len(files), "seconds": time.time() - started}))


def ceiling(in_dir: Path, processes: int) -> float:
    """Files/s of ``processes`` independent engine processes splitting the folder (after loading)."""
    runs = [subprocess.Popen([sys.executable, __file__, "--plain", str(in_dir), str(i), str(processes)],
                             stdout=subprocess.PIPE, text=True) for i in range(processes)]
    results = [json.loads(run.communicate()[0].strip().splitlines()[-1]) for run in runs]
    return sum(r["files"] for r in results) / max(r["seconds"] for r in results)


def measure(in_dir: Path, out_dir: Path, workers: int) -> dict:
    shutil.rmtree(out_dir, ignore_errors=True)
    run = subprocess.run([sys.executable, __file__, "--child", str(in_dir), str(out_dir), str(workers)],
                         capture_output=True, text=True, check=True)
    times = json.loads(run.stdout.strip().splitlines()[-1])
    finished = sorted(times["finished"])
    warm_from = finished[workers - 1]  # every worker has finished (and so loaded) once
    return {
        "workers": workers,
        "files": len(finished),
        "ok": times["ok"],
        "total_s": finished[-1] - times["started"],
        "files_per_s": len(finished) / (finished[-1] - times["started"]),
        "steady_files_per_s": (len(finished) - workers) / (finished[-1] - warm_from),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--plain", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return
    if args.plain:
        plain(Path(args.plain[0]), int(args.plain[1]), int(args.plain[2]))
        return
    with tempfile.TemporaryDirectory(prefix="tanon-batch-bench-") as tmp:
        in_dir = Path(tmp) / "in"
        files, size = make_folder(in_dir, args.files)
        print(f"{files} files, {size / 1000:.0f} kB, {len(sources())} distinct transcripts")
        results = [measure(in_dir, Path(tmp) / f"out{w}", w) for w in args.workers]
        most = max(args.workers)
        machine = {n: ceiling(in_dir, n) for n in sorted({1, most})}
    for r in results:
        print(f"{r['workers']} worker(s): {r['files_per_s']:.2f} files/s with start-up ({r['total_s']:.1f} s), "
              f"{r['steady_files_per_s']:.2f} files/s steady ({r['ok']}/{r['files']} ok)")
    if len(results) > 1:
        base, best = results[0], results[-1]
        print(f"speed-up {best['workers']} vs {base['workers']}: {best['files_per_s'] / base['files_per_s']:.2f}x with start-up, "
              f"{best['steady_files_per_s'] / base['steady_files_per_s']:.2f}x steady")
    for n, rate in machine.items():
        print(f"machine ceiling, {n} plain engine process(es): {rate:.2f} files/s")
    if len(machine) > 1:
        print(f"machine ceiling speed-up: {machine[most] / machine[1]:.2f}x")


if __name__ == "__main__":
    main()
