"""Time the transcript-check hook on a commit of five transcripts (a script, not a test).

    python tests/check/time_hook.py [FILE ...]

Without files: five interview transcripts from shared/eval/dev (gold marks removed) when
that folder exists, else the repository's examples and format samples. Prints the wall
time of (a) ``tanon check`` over the files, model load included, and (b) ``git commit``
through the real pre-commit with the check hook; with the dev set also (c) a commit whose
fifth transcript is lowercase speech-to-text, which makes the engine load the truecaser.
"""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.check.hook_repo import CHECKOUT, commit, init_hooked_repo, isolated_env, run  # noqa: E402

DEV = CHECKOUT.parent / "shared" / "eval" / "dev" / "docs"
CASED = ["d01_telecom_marketing.txt", "d02_hr_tech_otter.txt", "d03_hospital_data_zoom.txt",
         "d04_farm_focus_group.txt", "d06_museum_curator_srt.txt"]
UNCASED = "d05_cybersecurity_asr.txt"
FALLBACK = [CHECKOUT / "examples" / "interview_03.txt"] + [
    CHECKOUT / "tests" / "formats" / "samples" / name
    for name in ("interview.txt", "otter.txt", "zoom.vtt", "whisper.json")
]
_MARK = re.compile(r"\[\[[A-Z_]+\|(.*?)\]\]")


def stage(files: list[Path], into: Path) -> list[str]:
    names = []
    for path in files:
        text = path.read_bytes()
        if path.parent == DEV:
            text = _MARK.sub(r"\1", text.decode("utf-8")).encode("utf-8")
        (into / path.name).write_bytes(text)
        names.append(path.name)
    return names


def measure(label: str, files: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        env = isolated_env(Path(scratch))
        repo = init_hooked_repo(Path(scratch) / "study", env)
        names = stage(files, repo)
        words = sum(len((repo / n).read_bytes().split()) for n in names)
        started = time.perf_counter()
        checked = run(repo, env, sys.executable, "-m", "service", "check", *names, check=False)
        direct = time.perf_counter() - started
        started = time.perf_counter()
        committed = commit(repo, env, *names, skip="transcript-redact")
        hooked = time.perf_counter() - started
        print(f"{label}: {len(names)} files, {words} words")
        print(f"  tanon check (one process, model load included): {direct:.2f} s, exit {checked.returncode}")
        print(f"  git commit through pre-commit (transcript-check): {hooked:.2f} s, exit {committed.returncode}")


def main(argv: list[str]) -> None:
    if shutil.which("git") is None:
        sys.exit("needs git")
    if argv:
        measure("given files", [Path(a).resolve() for a in argv])
    elif DEV.is_dir():
        measure("five cased interviews (shared/eval/dev)", [DEV / n for n in CASED])
        measure("four cased + one lowercase ASR interview (loads the truecaser)",
                [DEV / n for n in CASED[:4]] + [DEV / UNCASED])
    else:
        measure("examples and format samples", FALLBACK)


if __name__ == "__main__":
    main(sys.argv[1:])
