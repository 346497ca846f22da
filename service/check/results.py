"""What happened to each file, and the run's Report: the one place the exit code is decided.

    2  a file could not be checked (unreadable, malformed, too big): it wins, as black's
       failure count does, because a file nobody could read may hold anything
    1  check: names were reported; fix (redact-in-place): a file was rewritten, so
       pre-commit stops and the user reviews and re-stages it, as with formatters
    0  clean; and always after --update-baseline wrote the baseline (a deliberate command
       run by hand: it says "git add" on stderr; 3 is taken by broken setup here)

Errors that stop the whole run before any file is read (a broken ``.tanon.yaml`` or
baseline, a missing model) go through the CLI's error tree instead (exit 3).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from service.check.findings import BASELINE, PRAGMA, NameFinding


@dataclass(frozen=True)
class FileResult:
    path: Path
    findings: tuple[NameFinding, ...] = ()  # every finding, suppressed ones included
    error: str | None = None  # why the file could not be checked (names the file, never its text)
    skipped: bool = False  # excluded by .tanon.yaml, or the baseline itself
    replaced: int = 0  # redact-in-place: names replaced
    changed: bool = False  # redact-in-place: the file was rewritten

    @property
    def reported(self) -> tuple[NameFinding, ...]:
        return tuple(f for f in self.findings if f.suppressed_by is None)


CHECK, FIX, UPDATE_BASELINE = "check", "fix", "update-baseline"


@dataclass
class Report:
    mode: str = CHECK
    checked: int = 0
    skipped: int = 0
    failed: int = 0
    files_with_names: int = 0
    findings: int = 0
    by_pragma: int = 0
    by_baseline: int = 0
    changed: int = 0
    replaced: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        if result.skipped:
            self.skipped += 1
            return
        if result.error is not None:
            self.failed += 1
            self.errors.append(result.error)
            return
        self.checked += 1
        reported = result.reported
        self.findings += len(reported)
        self.files_with_names += bool(reported)
        self.by_pragma += sum(f.suppressed_by == PRAGMA for f in result.findings)
        self.by_baseline += sum(f.suppressed_by == BASELINE for f in result.findings)
        self.changed += result.changed
        self.replaced += result.replaced

    @property
    def return_code(self) -> int:
        if self.failed:
            return 2
        if self.mode == FIX:
            return 1 if self.changed else 0
        if self.mode == CHECK:
            return 1 if self.findings else 0
        return 0

    def check_summary(self) -> str:
        parts = [f"{_n(self.files_with_names, 'file')} with names, {_n(self.findings, 'finding')}"
                 f" ({_n(self.checked, 'file')} checked)"]
        if self.by_baseline or self.by_pragma:
            parts.append(f"accepted: {self.by_baseline} by the baseline, {self.by_pragma} by 'tanon: allow'")
        parts += self._tail()
        return "; ".join(parts)

    def fix_summary(self) -> str:
        parts = [f"{_n(self.changed, 'file')} rewritten, {_n(self.replaced, 'name')} replaced"
                 f" ({_n(self.checked, 'file')} checked)"]
        if self.by_baseline or self.by_pragma:
            parts.append(f"left as accepted: {self.by_baseline} by the baseline, {self.by_pragma} by 'tanon: allow'")
        parts += self._tail()
        return "; ".join(parts)

    def _tail(self) -> list[str]:
        tail = []
        if self.skipped:
            tail.append(f"{self.skipped} skipped")
        if self.failed:
            tail.append(f"{_n(self.failed, 'file')} could not be read")
        return tail


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
