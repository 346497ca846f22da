"""A git repository with this checkout's hooks installed by the real pre-commit
(shared by the end-to-end test and ``time_hook.py``)."""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

CHECKOUT = Path(__file__).resolve().parents[2]


def local_hooks() -> dict:
    """.pre-commit-hooks.yaml as ``repo: local`` hooks with ``language: system`` running THIS
    checkout's tanon (``<sys.executable> -m service ...``): offline-safe, and right in any
    virtualenv (``/work/venv``, a fresh clone's ``.venv``). ``repo: <clone>`` would keep
    ``language: python``: pre-commit would build its own virtualenv and pip-install the
    package with spaCy, the model and Presidio from PyPI (network, minutes per run)."""
    manifest = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hooks = []
    for hook in sorted(manifest, key=lambda h: h["id"] != "transcript-redact"):  # fix first, then check
        command = hook["entry"].removeprefix("tanon ")
        hooks.append({**hook, "language": "system", "entry": f"{shlex.quote(sys.executable)} -m service {command}"})
    return {"repos": [{"repo": "local", "hooks": hooks}]}


def isolated_env(scratch: Path) -> dict[str, str]:
    """The environment for git, pre-commit and tanon: no user git config, a private
    pre-commit cache and project store, this checkout importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TANON_", "GIT_", "PRE_COMMIT"))}
    home = scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),  # no user git config (hooksPath, signing) leaks in
        GIT_CONFIG_NOSYSTEM="1",
        XDG_DATA_HOME=str(home / "data"),
        PRE_COMMIT_HOME=str(scratch / "pre-commit-home"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(CHECKOUT), os.environ.get("PYTHONPATH")])),
        GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.invalid",
    )
    return env


def run(repo: Path, env: dict, *argv: str, check: bool = True, **extra_env: str) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, cwd=repo, env={**env, **extra_env}, capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"{argv[:4]} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def init_hooked_repo(repo: Path, env: dict) -> Path:
    """``git init``, write .pre-commit-config.yaml, ``pre-commit install``, commit the config."""
    repo.mkdir(parents=True)
    run(repo, env, "git", "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(local_hooks(), sort_keys=False), encoding="utf-8")
    run(repo, env, sys.executable, "-m", "pre_commit", "install")
    run(repo, env, "git", "add", ".pre-commit-config.yaml")
    run(repo, env, "git", "commit", "-q", "-m", "hooks")  # no transcripts: both hooks are skipped
    return repo


def commit(repo: Path, env: dict, *files: str, skip: str = "") -> subprocess.CompletedProcess:
    run(repo, env, "git", "add", *files)
    return run(repo, env, "git", "commit", "-m", "transcripts", check=False, SKIP=skip)
