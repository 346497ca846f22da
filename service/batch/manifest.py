"""The resume manifest: ``OUT_DIR/.tanon-batch/manifest.json``, rewritten atomically after
every file.

A file counts as done, and a rerun skips it, when its record has the same content hash
(sha256 of the input), engine fingerprint and project as now, says ``ok``, and its output
exists. Anything else (a changed input, a new configuration, another project, a failure,
a missing output) is redone. Records carry counts and surrogate labels, never names.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from service.atomic_files import write_atomic

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1
OK, FAILED = "ok", "failed"
SKIPPED = "skipped"  # not a transcript: in the report with the reason, never in the manifest


@dataclass(frozen=True)
class FileRecord:
    path: str  # relative to IN_DIR (and OUT_DIR), POSIX separators
    sha256: str
    engine: str  # engine fingerprint
    project: str  # which surrogates: "batch" (per-batch store) or "project:<id>"
    status: str
    format: str | None = None
    entities_by_type: dict[str, int] = field(default_factory=dict)
    replacements: int = 0
    surrogates_used: list[str] = field(default_factory=list)
    error: str | None = None
    run: str = ""  # the run that produced it
    seconds: float = 0.0


class Manifest:
    def __init__(self, path: Path, records: dict[str, FileRecord] | None = None) -> None:
        self.path = path
        self.records: dict[str, FileRecord] = dict(records or {})

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest at ``path``; empty when missing or unreadable (everything is redone)."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") != FORMAT_VERSION:
                return cls(path)
            records = {r["path"]: FileRecord(**r) for r in raw["files"]}
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path)
        return cls(path, records)

    def is_done(self, rel_path: str, *, sha256: str, engine: str, project: str, output: Path) -> bool:
        record = self.records.get(rel_path)
        return (
            record is not None and record.status == OK and record.sha256 == sha256
            and record.engine == engine and record.project == project and output.is_file()
        )

    def record(self, record: FileRecord) -> None:
        self.records[record.path] = record

    def keep_only(self, rel_paths: set[str]) -> None:
        """Forget files no longer in the input folder."""
        self.records = {p: r for p, r in self.records.items() if p in rel_paths}

    def save(self) -> None:
        files = [asdict(self.records[p]) for p in sorted(self.records)]
        data = json.dumps({"version": FORMAT_VERSION, "files": files}, indent=1, ensure_ascii=False)
        write_atomic(self.path, data.encode("utf-8"))
