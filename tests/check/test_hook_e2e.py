"""The hooks under the real pre-commit, in a real git repository, as real subprocesses.

The hooks are those of .pre-commit-hooks.yaml, declared ``repo: local`` with
``language: system`` and an entry that runs THIS checkout's tanon (see
``hook_repo.local_hooks`` for why not ``repo: <clone>``).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.check.conftest import RAW, RAW_NAMES, located
from tests.check.hook_repo import commit, init_hooked_repo, isolated_env, run

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

REDACTED = (
    "Interview 3 - [Person 1]\n\nInterviewer: Thanks for joining us today.\n\n"
    "[Person 1]: I worked at [Company A] for three years.\n"
)


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return isolated_env(tmp_path)


@pytest.fixture
def study(tmp_path, env) -> Path:
    """A git repository with the hooks installed by the real pre-commit."""
    return init_hooked_repo(tmp_path / "study", env)


def commits(repo: Path, env: dict) -> int:
    return int(run(repo, env, "git", "rev-list", "--count", "HEAD").stdout)


def has_names(text: str) -> bool:
    return any(name in text for name in RAW_NAMES)


def test_raw_transcript_is_refused_with_masked_findings(study, env):
    (study / "interview.txt").write_text(RAW, encoding="utf-8")
    result = commit(study, env, "interview.txt", skip="transcript-redact")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and commits(study, env) == 1
    findings = [line for line in output.splitlines() if line.startswith("interview.txt:")]
    assert located("\n".join(findings)) == [
        "interview.txt:1:15: PERSON 'P***'",
        "interview.txt:5:1: PERSON 'P***'",
        "interview.txt:5:26: ORGANIZATION 'N***'",
    ]
    assert "Possible mitigations" in output and not has_names(output)


def test_redacted_transcript_passes(study, env):
    (study / "interview.txt").write_text(REDACTED, encoding="utf-8")
    result = commit(study, env, "interview.txt")
    assert result.returncode == 0, result.stdout
    assert commits(study, env) == 2 and (study / "interview.txt").read_text(encoding="utf-8") == REDACTED


def test_baselined_findings_pass_and_the_committed_baseline_has_no_names(study, env):
    (study / "interview.txt").write_text(RAW, encoding="utf-8")
    update = run(study, env, sys.executable, "-m", "service", "check", "--update-baseline", "interview.txt")
    assert "git add .tanon-baseline.json" in update.stderr
    result = commit(study, env, "interview.txt", ".tanon-baseline.json")  # the baseline matches \.json$ too
    assert result.returncode == 0, result.stdout
    assert (study / "interview.txt").read_text(encoding="utf-8") == RAW  # the redact hook left it alone
    assert not has_names(run(study, env, "git", "show", "HEAD:.tanon-baseline.json").stdout)


def test_pragma_lines_pass(study, env):
    text = "".join(line + ("  # tanon: allow" if has_names(line) else "") + "\n" for line in RAW.splitlines())
    (study / "interview.txt").write_text(text, encoding="utf-8")
    result = commit(study, env, "interview.txt")
    assert result.returncode == 0, result.stdout
    assert (study / "interview.txt").read_text(encoding="utf-8") == text


def test_redact_hook_rewrites_then_the_restaged_commit_passes(study, env):
    (study / "interview.txt").write_text(RAW, encoding="utf-8")
    first = commit(study, env, "interview.txt")
    output = first.stdout + first.stderr
    assert first.returncode != 0 and commits(study, env) == 1
    assert "rewrote interview.txt: 3 names replaced" in output and "files were modified by this hook" in output
    assert not has_names(output)
    rewritten = (study / "interview.txt").read_text(encoding="utf-8")
    assert rewritten == REDACTED
    second = commit(study, env, "interview.txt")
    assert second.returncode == 0, second.stdout
    assert run(study, env, "git", "show", "HEAD:interview.txt").stdout == REDACTED


def test_python_m_service_exit_codes(tmp_path, env):
    (tmp_path / "raw.txt").write_text(RAW, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(REDACTED, encoding="utf-8")
    tanon = (sys.executable, "-m", "service", "check")
    found = run(tmp_path, env, *tanon, "raw.txt", check=False)
    assert found.returncode == 1 and found.stdout.startswith("raw.txt:1:15: PERSON 'P***'")
    assert "1 file with names, 3 findings" in found.stderr and not has_names(found.stderr)
    assert run(tmp_path, env, *tanon, "clean.txt", check=False).returncode == 0
    missing = run(tmp_path, env, *tanon, "missing.txt", check=False)
    assert missing.returncode == 2 and "missing.txt: no such file" in missing.stderr
