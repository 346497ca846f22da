"""The ``tanon`` command: a thin shell over the engine.

Exit codes: 0 success, 1 findings where a check was asked for, 2 bad input, 3 broken setup,
130 interrupted. Messages go to stderr; stdout carries only data (JSON or redacted text).
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from rich.console import Console

from service.check import commands as check_commands
from service.batch.cli import batch
from service.config import ConfigError, dump_engine_config, get_settings, load_engine_config
from service.errors import InputError, SetupError, TanonError
from service.project_cli import find_project, local_store, project_app
from service.textfile import read_input_file, write_atomic

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    # Tracebacks can show local variables, i.e. transcript text: never print them.
    pretty_exceptions_enable=False,
    help="Find and pseudonymize names in interview transcripts.")
err = Console(stderr=True, soft_wrap=True, highlight=False)

ConfigOption = Annotated[
    Optional[Path], typer.Option("--config", help="Engine YAML (default: TANON_CONFIG or the bundled config/default.yaml).")
]
LanguageOption = Annotated[
    Optional[str],
    typer.Option(
        "--language",
        help="ISO 639 code of the transcript's language (en, fr, ...). Default: detected; a language "
        "without an installed model is refused (exit 2).",
    ),
]
ProjectOption = Annotated[
    Optional[str],
    typer.Option("--project", help="Project name or id: use its dictionary, settings and project-wide surrogates."),
]

config_app = typer.Typer(no_args_is_help=True, help="The engine configuration.")

app.add_typer(project_app, name="project")
app.add_typer(config_app, name="config")
app.command("batch")(batch)
app.command("check")(check_commands.check)
app.command("redact-in-place")(check_commands.redact_in_place)


@contextmanager
def _project(project: str | None) -> Iterator[tuple[object, object | None]]:
    """The project's request options and store-backed surrogate book (nothing without --project)."""
    from service.engine.engine import NO_OPTIONS

    if project is None:
        yield NO_OPTIONS, None
        return
    from service.projects import ProjectSettingsError, StoreBook, project_options

    with local_store() as store:
        found = find_project(store, project)
        try:
            options = project_options(store, found, cache=None)
        except ProjectSettingsError as exc:
            raise SetupError(f"project {found.id}: {exc}") from None
        yield options, StoreBook(store, found.id)


def _engine(config: Path | None):
    from service.engine.engine import Engine
    from service.engine.nlp import ModelNotInstalled

    try:
        return Engine(load_engine_config(config or get_settings().config))
    except (ConfigError, ModelNotInstalled) as exc:
        raise SetupError(str(exc)) from None


FormatOption = Annotated[
    Optional[str], typer.Option("--format", help="text, otter, vtt, srt, docx or json (default: from the extension or content).")
]


@app.command()
def analyze(
    path: Annotated[Path, typer.Argument(help="A transcript: .txt, Otter .txt, .vtt, .srt, .docx or speech-to-text .json.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON that POST /v1/analyze/file returns.")] = False,
    file_format: FormatOption = None,
    config: ConfigOption = None,
    project: ProjectOption = None,
    language: LanguageOption = None,
) -> None:
    """List the names found in a transcript, where they are in the file (line:col), with the
    recognizer and the reason for each."""
    from service.engine.engine import TextTooLong
    from service.pipeline import analyze_document
    from service.report import located_rows

    max_bytes = get_settings().max_request_bytes
    data = read_input_file(path, max_bytes=max_bytes)
    with _project(project) as (options, _):
        engine = _engine(config)
        try:
            transcript, analysis = analyze_document(engine, data, name=str(path), format=file_format,
                                                    max_bytes=max_bytes, options=options,
                                                    language=language)
        except TextTooLong as exc:
            raise InputError(str(path), str(exc)) from None
    rows = located_rows(transcript, analysis)
    if as_json:
        typer.echo(json.dumps({"filename": str(path), "format": transcript.format, "entities": rows},
                              ensure_ascii=False))
        return
    for row in rows:
        surface = " ".join(transcript.text[row["start"]:row["end"]].split())
        typer.echo(f"{path}:{row['line']}:{row['col']}: {row['entity_type']} {surface!r} "
                   f"({row['recognizer']}: {row['reason']})")


@app.command()
def redact(
    path: Annotated[Path, typer.Argument(help="A transcript: .txt, Otter .txt, .vtt, .srt, .docx or speech-to-text .json.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Where to write the redacted file (default: stdout).")] = None,
    report: Annotated[Optional[Path], typer.Option("--report", help="Also write a JSON report of every replacement.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Overwrite the input file (only when asked).")] = False,
    file_format: Annotated[
        Optional[str], typer.Option("--format", help="text, otter, vtt, srt, docx or json (default: from the extension or content).")
    ] = None,
    config: ConfigOption = None,
    project: ProjectOption = None,
    language: LanguageOption = None,
    decisions: Annotated[
        Optional[Path],
        typer.Option("--decisions", help="A reviewer's decisions on this file (the review page's download): "
                     "applied after the engine's own; refused if made on other bytes."),
    ] = None,
) -> None:
    """Replace the names in a transcript with consistent pseudonyms, keeping its format."""
    from service.decisions import parse_decisions
    from service.pipeline import redact_document
    from service.projects import report_rows
    from service.report import engine_info, entity_rows, summary

    if in_place:
        if output is not None:
            raise InputError(str(path), "use either --in-place or --output, not both")
        output = path
    elif output is not None and output.resolve() == path.resolve():
        raise InputError(str(path), "the output is the input file; pass --in-place to overwrite it")
    data = read_input_file(path, max_bytes=get_settings().max_request_bytes)
    reviewed = None
    if decisions is not None:
        reviewed = parse_decisions(read_input_file(decisions, max_bytes=get_settings().max_request_bytes),
                                   name=str(decisions))
    with _project(project) as (options, book):
        engine = _engine(config)
        document = redact_document(
            engine, data, name=str(path), format=file_format, max_bytes=get_settings().max_request_bytes,
            book=book, options=options, language=language, decisions=reviewed,
        )
    redaction = document.redaction
    if output is None:
        sys.stdout.buffer.write(document.data)
        sys.stdout.flush()
    else:
        write_atomic(output, document.data)
        err.print(f"{path}: {len(redaction.replacements)} replacements, written to {output} ({document.format})")
    for warning in document.warnings:
        err.print(f"{path}: warning: {warning['message']}", markup=False)
    if report is not None:
        doc = {
            "file": str(path),
            "format": document.format,
            "language": redaction.language,
            "summary": summary(redaction),
            "entities": report_rows(entity_rows(redaction, redaction.surrogates)),
            "warnings": document.warnings,
            "engine": engine_info(engine.config),
        }
        if reviewed is not None:
            from service.review_record import review_record

            doc["review"] = review_record(reviewed, document, project=project)
        write_atomic(report, json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8"))


@app.command("eval")
def evaluate_gold(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL: one {\"text\", \"entities\"} document per line.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Also list missed names and frequent false tokens.")] = False,
    config: ConfigOption = None,
    language: Annotated[
        str, typer.Option("--language", help="The language of the labelled set; every document is analysed in it.")
    ] = "en",
) -> None:
    """Measure detection quality (R_direct, R_all, P_tok, keep_ph) on a labelled set."""
    from service.evaluation import evaluate, load_gold

    if not gold.exists():
        raise InputError(str(gold), "no such file")
    result = evaluate(_engine(config), load_gold(gold), verbose=verbose, language=language)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    typer.echo(
        f"{gold.name}: R_direct {result['R_direct']:.3f}  R_all {result['R_all']:.3f}  "
        f"P_tok {result['P_tok']:.3f}  keep_ph {result['keep_ph']:.3f}  ({result['docs']} docs, {result['words']} words)"
    )
    typer.echo("per label: " + ", ".join(f"{k} {v}" for k, v in result["per_label"].items()))
    typer.echo(f"consistency: split {result['split']}  merged {result['merged']}  "
               f"edge errors {result['edge_errors']} ({result['edge_error_rate']:.1%} of predicted spans)")
    typer.echo(f"review: recall {result['review_recall']:.3f} (R_direct of findings and suggestions)  "
               f"suggestions {result['suggestions']} ({result['suggestions_per_150_words']:.2f} per 150 words)")
    if verbose:
        for doc_id, label, surface in result["misses"]:
            typer.echo(f"missed {label} in {doc_id}: {surface!r}")
        typer.echo("frequent false tokens: " + ", ".join(f"{t} ({n})" for t, n in result["top_fp_tokens"]))
        for doc_id, kind, what, surrogates in result["consistency"]:
            typer.echo(f"{kind} in {doc_id}: {what!r}" + (f" -> {surrogates}" if surrogates else ""))
        for doc_id, label, surface in result["review_misses"]:
            typer.echo(f"missed by findings and suggestions, {label} in {doc_id}: {surface!r}")


@config_app.command("show")
def show_config(config: ConfigOption = None) -> None:
    """Print the resolved engine configuration as YAML, with every default filled in."""
    try:
        resolved = load_engine_config(config or get_settings().config)
    except ConfigError as exc:
        raise SetupError(str(exc)) from None
    typer.echo(dump_engine_config(resolved), nl=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (each loads the model once).")] = 1,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs) and the review page (/review)."""
    import uvicorn

    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    err.print(f"review page: http://{shown}:{port}/review  (API docs: http://{shown}:{port}/docs)", markup=False)
    uvicorn.run("service.api.app:app", host=host, port=port, workers=workers, log_level=get_settings().log_level.lower())


# typer 0.29 vendors click: catch both families so every version maps errors the same way.
_ABORT = (click.exceptions.Abort, typer.Abort)
_EXIT = (click.exceptions.Exit, typer.Exit)
_USAGE = (click.exceptions.ClickException, getattr(typer, "TyperException", click.exceptions.ClickException))


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs a command and turns every known failure into a message and a code."""
    try:
        result = app(args=argv, prog_name="tanon", standalone_mode=False)
    except TanonError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, markup=True)
        return exc.exit_code
    except _ABORT:
        err.print("interrupted")
        return 130
    except _EXIT as exc:
        return exc.exit_code
    except _USAGE as exc:
        if hasattr(exc, "show"):
            exc.show()
        else:
            err.print(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so without printing text or a traceback
        err.print(f"internal error ({exc.__class__.__name__}); please report it with the command you ran")
        return 3
    # Without standalone mode, an exit requested by a command comes back as its code.
    return result if isinstance(result, int) else 0


def entry_point() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
