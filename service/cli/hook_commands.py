"""``tanon check`` and ``tanon redact-in-place``: the pre-commit hook's commands, options
and output around ``service.check`` (which decides what is found and the exit code).

Findings go to stdout (``path:line:col: TYPE 'P***' (recognizer)``); everything else
(errors, the summary, the mitigations) to stderr. The exit code is ``Report.return_code``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import click
import typer

from service.check.mask import display
from service.check.pragma import PRAGMA
from service.check.repo_config import CONFIG_NAME
from service.check.results import CHECK, FIX, UPDATE_BASELINE, FileResult, Report
from service.cli.parameters import app_context

if TYPE_CHECKING:  # run.py loads the engine's modules (spaCy, Presidio): imported when a command runs
    from service.check.run import RunSettings

FilesArg = Annotated[list[Path], typer.Argument(help="Transcript files (pre-commit passes the staged ones).")]
ShowOption = Annotated[bool, typer.Option("--show", help="Print the names themselves (default: masked, 'P***').")]
BaselineOption = Annotated[
    Optional[Path],
    typer.Option("--baseline", help="Baseline of accepted findings (default: .tanon-baseline.json beside .tanon.yaml, "
                                    "else at the repository root)."),
]
ProjectOption = Annotated[
    Optional[str], typer.Option("--project", help="Project name or id (default: 'project' in .tanon.yaml).")
]
RepoConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", help=f"The repository's {CONFIG_NAME} (default: the nearest one from the working "
                                  "directory up to the repository root)."),
]
EngineConfigOption = Annotated[
    Optional[Path], typer.Option("--engine-config", help="Engine YAML (default: TANON_CONFIG or the bundled config/default.yaml).")
]


def check(
    ctx: typer.Context,
    files: FilesArg,
    show: ShowOption = False,
    baseline: BaselineOption = None,
    update: Annotated[bool, typer.Option("--update-baseline", help="Accept the current findings: write them, hashed, "
                                                                   "to the baseline (exit 0), then git add it.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Same as tanon redact-in-place.")] = False,
    project: ProjectOption = None,
    config: RepoConfigOption = None,
    engine_config: EngineConfigOption = None,
) -> None:
    """Fail when transcripts still contain names (for pre-commit): print each, masked, with where it is."""
    if fix and update:
        raise click.UsageError("use either --fix or --update-baseline, not both")
    if fix:
        redact_in_place(ctx, files, baseline=baseline, project=project, config=config, engine_config=engine_config)
        return
    from service.check.run import check_files, run_settings, update_baseline

    context = app_context(ctx)
    settings = run_settings(context, repo_config=config, baseline=baseline, project=project)
    report = Report(UPDATE_BASELINE if update else CHECK)
    results = []
    # The engine is built when the first readable file needs it.
    for result in check_files(context.engine_factory(engine_config), files, settings):
        report.add(result)
        results.append(result)
        _print_error(result)
        if not update:
            for f in result.reported:
                shown = display(f.surface, show=show)
                typer.echo(f"{result.path}:{f.line}:{f.col}: {f.entity_type} {shown!r} ({f.recognizer})")
    if update:
        update_baseline(results, settings.baseline)
        where = _shown_path(settings.baseline.path)
        _say(f"wrote {where}: {settings.baseline.count()} accepted findings in {len(settings.baseline.results)} "
             f"files (hashed, no names). Commit it: git add {where}")
    else:
        _say(report.check_summary())
        if report.findings or report.failed:
            _say(_mitigations(report, settings))
    raise click.exceptions.Exit(report.return_code)  # cli.main returns its code (typer.Exit's is lost there)


def redact_in_place(
    ctx: typer.Context,
    files: FilesArg,
    baseline: BaselineOption = None,
    project: ProjectOption = None,
    config: RepoConfigOption = None,
    engine_config: EngineConfigOption = None,
) -> None:
    """Replace names in transcripts with pseudonyms, in place (for pre-commit); exit 1 when a file changed."""
    from service.check.run import fix_files, run_settings

    context = app_context(ctx)
    settings = run_settings(context, repo_config=config, baseline=baseline, project=project, with_book=True)
    report = Report(FIX)
    for result in fix_files(context.engine_factory(engine_config), files, settings):
        report.add(result)
        _print_error(result)
        if result.changed:
            _say(f"rewrote {result.path}: {result.replaced} names replaced with pseudonyms")
    _say(report.fix_summary())
    if report.changed:
        _say("Review the rewritten files, then git add them.")
    raise click.exceptions.Exit(report.return_code)  # cli.main returns its code (typer.Exit's is lost there)


def _print_error(result: FileResult) -> None:
    if result.error is not None:
        _say(f"error: {result.error}")


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _shown_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def _mitigations(report: Report, settings: "RunSettings") -> str:
    lines = ["Possible mitigations:"]
    if report.findings:
        baseline = _shown_path(settings.baseline.path)
        config = _shown_path(settings.repo.path) if settings.repo.path else CONFIG_NAME
        lines += [
            "  - replace the names with pseudonyms: tanon redact-in-place FILE... (or tanon redact FILE --in-place),"
            " review, then git add",
            f"  - accept findings you reviewed: tanon check --update-baseline FILE..., then git add {baseline}",
            f"  - accept the names on one line: put '{PRAGMA}' anywhere on it (in WebVTT: a NOTE block right before the cue)",
            f"  - never report a word that is not a name here: add it to 'allow:' in {config}",
            "  - see them: tanon check --show FILE (prints the names: not in shared logs)",
        ]
    if report.failed:
        lines.append(f"  - a file that could not be read: fix or re-export it; if it is not a transcript, add it to"
                     f" 'exclude:' in {CONFIG_NAME} or to the hook's exclude: pattern")
    return "\n".join(lines)
