"""``tanon batch IN_DIR OUT_DIR``: the command line of a batch run (``service.batch``).

Exit codes: 0 every file redacted, 1 some files failed (each is in report.json with its
reason; the rest were redacted), 2 bad arguments, 3 broken setup, 130 interrupted (rerun
the same command to resume).
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from service.cli.parameters import ConfigOption, app_context, say


def batch(
    ctx: typer.Context,
    in_dir: Annotated[Path, typer.Argument(help="Folder of transcripts (.txt .vtt .srt .docx .json), read recursively; never modified.")],
    out_dir: Annotated[Path, typer.Argument(help="Where the redacted files go (same relative paths and formats), with report.json and report.csv.")],
    project: Annotated[
        Optional[str],
        typer.Option("--project", help="Project name or id: its dictionary, settings and surrogates (default: a store of the batch's own in OUT_DIR/.tanon-batch)."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="Processes on this machine; each loads the model once.")] = 1,
    dask: Annotated[
        Optional[str],
        typer.Option("--dask", metavar="SCHEDULER_ADDRESS", help="Run on a Dask cluster (e.g. tcp://host:8786); IN_DIR and OUT_DIR must be on a shared disk."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Redact every transcript under IN_DIR into OUT_DIR; a rerun resumes where a run stopped."""
    # The batch runner loads the engine's modules and the store (spaCy, Presidio, SQLAlchemy).
    from service.batch.errors import SomeFilesFailed
    from service.batch.runner import BatchRequest, run_batch

    summary = run_batch(BatchRequest(in_dir, out_dir, project=project, workers=workers, dask=dask, config=config),
                        app_context(ctx))
    earlier = f" ({summary.from_earlier_runs} in earlier runs)" if summary.from_earlier_runs else ""
    skipped = f", {summary.skipped} skipped (not transcripts; listed in the report)" if summary.skipped else ""
    say(f"{summary.files} files: {summary.ok} redacted{earlier}, {summary.failed} failed{skipped}; report: {summary.report}")
    if summary.return_code:
        raise SomeFilesFailed(f"{summary.failed} of {summary.files} files could not be redacted; the reasons are in {summary.report}")
