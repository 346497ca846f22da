"""The HTTP service under load and under hostile input, against a real uvicorn server.

    python bench/service_benchmark.py [--workers 2] [--clients 8] [--requests 200]
                                      [--repo PATH] [--skip-load] [--skip-hostile]

load     ``--clients`` concurrent clients send 1,000-word transcripts to /v1/redact on a
         server with ``--workers`` worker processes: throughput, p50 and p95 latency, and
         how many answers were 503 (the work queue refusing, with Retry-After).
hostile  one request each, on a one-worker server: a 20 kB "http://a.a.a..." line, 10,000
         "[", a 2,000,000-character line, 10,000 names in one text, and a 5 MB transcript.
         For each: status, wall time, the worker's peak RSS during the request and its RSS
         after it (Linux: /proc/PID/status, VmHWM reset through clear_refs).

``--repo`` runs the server from another checkout (its own .venv), to compare before/after
in one sitting. Texts are generated here; no transcript from the evaluation sets is used.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Widely used given names and surnames, to build sentences with many names in them.
FIRST = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard "
         "Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty").split()
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
        "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White").split()
FILLER = ("so we talked about the rollout and how the team handled the data pipeline when the "
          "numbers did not match what the dashboard showed last quarter and then").split()


def interview(words: int, seed: int) -> str:
    """About ``words`` words of interview turns with a few names, as a transcript has."""
    rng = random.Random(seed)
    lines, count = [], 0
    while count < words:
        speaker = "Interviewer" if len(lines) % 2 == 0 else "Participant"
        turn = rng.sample(FILLER, 18)
        turn.insert(rng.randrange(len(turn)), f"{rng.choice(FIRST)} {rng.choice(LAST)}")
        lines.append(f"{speaker}: {' '.join(turn).capitalize()}.")
        count += len(turn) + 2
    return "\n".join(lines) + "\n"


def hostile_inputs() -> dict[str, str]:
    rng = random.Random(7)
    names = ", ".join(f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(10_000))
    five_mb = interview(900_000, 3)
    return {
        "20 kB URL line": "Participant: see http://" + "a." * 10_000 + "\n",
        "10,000 '['": "Participant: " + "[" * 10_000 + "\n",
        "2,000,000-char line": "Participant: " + "word " * 400_000 + "\n",
        "10,000 names": f"Participant: I worked with {names}.\n",
        f"5 MB transcript ({len(five_mb.encode()) / 1e6:.1f} MB)": five_mb,
    }


class Server:
    def __init__(self, repo: Path, workers: int, env: dict[str, str]) -> None:
        self.port = _free_port()
        python = repo / ".venv" / "bin" / "python"
        self.proc = subprocess.Popen(
            [str(python), "-m", "uvicorn", "service.api.app:app", "--port", str(self.port),
             "--workers", str(workers), "--log-level", "warning"],
            cwd=repo, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        else:
            self.stop()
            raise SystemExit("the server did not become ready")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        pids = [int(p) for p in children.read_text().split()] if children.exists() else []
        return pids or [self.proc.pid]

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, text: str, timeout: float = 900) -> tuple[int, float]:
    body = json.dumps({"text": text}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return status, time.perf_counter() - started


def rss_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_load(repo: Path, workers: int, clients: int, requests: int) -> None:
    server = Server(repo, workers, {})
    texts = [interview(1_000, seed) for seed in range(16)]
    try:
        for text in texts[:4]:  # warm every worker a little
            post(server.url + "/v1/redact", text)
        latencies, statuses, lock = [], [], threading.Lock()
        counter = iter(range(requests))

        def client() -> None:
            for i in counter:
                status, seconds = post(server.url + "/v1/redact", texts[i % len(texts)])
                with lock:
                    statuses.append(status)
                    if status == 200:
                        latencies.append(seconds)

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        server.stop()
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")
    print(f"load: {repo.name}, {workers} workers, {clients} clients, {requests} requests of ~1,000 words")
    print(f"  throughput {len(latencies) / wall:.1f} req/s   p50 {statistics.median(latencies):.2f} s   "
          f"p95 {p95:.2f} s   503: {statuses.count(503)}   other non-200: "
          f"{sum(1 for s in statuses if s not in (200, 503))}")


def run_hostile(repo: Path) -> None:
    server = Server(repo, 1, {"TANON_MAX_REQUEST_BYTES": "6000000"})
    try:
        (pid,) = server.worker_pids()[:1]
        post(server.url + "/v1/redact", interview(200, 1))
        print(f"hostile input: {repo.name}, one worker, RSS at rest {rss_mb(pid, 'VmRSS'):.0f} MB")
        print(f"  {'input':34} {'status':>6} {'wall s':>8} {'peak MB':>8} {'after MB':>9}")
        for name, text in hostile_inputs().items():
            Path(f"/proc/{pid}/clear_refs").write_text("5")  # reset the peak (VmHWM)
            status, seconds = post(server.url + "/v1/redact", text)
            print(f"  {name:34} {status:>6} {seconds:>8.2f} {rss_mb(pid, 'VmHWM'):>8.0f} {rss_mb(pid, 'VmRSS'):>9.0f}",
                  flush=True)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-hostile", action="store_true")
    args = parser.parse_args()
    if not args.skip_load:
        run_load(args.repo.resolve(), args.workers, args.clients, args.requests)
    if not args.skip_hostile:
        run_hostile(args.repo.resolve())


if __name__ == "__main__":
    sys.exit(main())
