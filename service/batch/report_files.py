"""``OUT_DIR/report.json`` (every file: status, format, entities by type, surrogates used,
error reason) and ``OUT_DIR/report.csv`` (one summary row per file). Neither ever holds
an original name or transcript text: counts, surrogate labels and reasons only."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

from service.batch.manifest import OK, SKIPPED, FileRecord
from service.batch.paths import REPORT_CSV, REPORT_JSON
from service.atomic_files import write_atomic

REPORT_VERSION = 1
_FORMULA_START = ("=", "+", "-", "@")  # spreadsheets run cells starting with these


def file_row(record: FileRecord, *, run_id: str) -> dict:
    return {
        "path": record.path,
        "status": record.status,
        "format": record.format,
        "entities_by_type": record.entities_by_type,
        "replacements": record.replacements,
        "surrogates_used": record.surrogates_used,
        "error": record.error,
        "from_earlier_run": record.run != run_id,
    }


def build_report(rows: list[dict], *, project: str | None, engine: dict, fingerprint: str) -> dict:
    entities: Counter[str] = Counter()
    for row in rows:
        entities.update(row["entities_by_type"])
    return {
        "version": REPORT_VERSION,
        "project": project,
        "engine": engine,
        "engine_fingerprint": fingerprint,
        "totals": {
            "files": sum(1 for r in rows if r["status"] != SKIPPED),
            "ok": sum(1 for r in rows if r["status"] == OK),
            "failed": sum(1 for r in rows if r["status"] not in (OK, SKIPPED)),
            "skipped": sum(1 for r in rows if r["status"] == SKIPPED),
            "from_earlier_runs": sum(1 for r in rows if r["from_earlier_run"]),
            "entities_by_type": dict(sorted(entities.items())),
        },
        "files": rows,
    }


def report_csv(rows: list[dict]) -> str:
    types = sorted({t for row in rows for t in row["entities_by_type"]})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", "status", "format", "replacements", "surrogates", *types, "error"])
    for row in rows:
        counts = [row["entities_by_type"].get(t, 0) for t in types]
        writer.writerow([_cell(row["path"]), row["status"], row["format"] or "", row["replacements"],
                         len(row["surrogates_used"]), *counts, _cell(row["error"] or "")])
    return out.getvalue()


def write_reports(out_dir: Path, report: dict) -> None:
    write_atomic(out_dir / REPORT_JSON, json.dumps(report, indent=2, ensure_ascii=False).encode("utf-8"))
    write_atomic(out_dir / REPORT_CSV, report_csv(report["files"]).encode("utf-8"))


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
