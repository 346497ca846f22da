"""``tanon analyze``, ``tanon redact``, ``tanon eval`` and ``tanon serve``: one transcript (or a
labelled set) through the one path, ``service.pipeline``.

The pipeline, the engine and the store are imported inside the command that runs them:
they load spaCy, Presidio and SQLAlchemy (about 1.5 s), which ``tanon --help`` and the
commands that need none of them should not wait for.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from service.atomic_files import write_atomic
from service.cli.parameters import ConfigOption, FormatOption, LanguageOption, ProjectOption, app_context, err
from service.errors import InputError
from service.input_files import read_input_file

TranscriptArg = Annotated[
    Path, typer.Argument(help="A transcript: .txt, Otter .txt, .vtt, .srt, .docx or speech-to-text .json.")
]


def analyze(
    ctx: typer.Context,
    path: TranscriptArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON that POST /v1/analyze/file returns.")] = False,
    file_format: FormatOption = None,
    config: ConfigOption = None,
    project: ProjectOption = None,
    language: LanguageOption = None,
) -> None:
    """List the names found in a transcript, where they are in the file (line:col), with the
    recognizer and the reason for each."""
    from service.pipeline import analyze_document
    from service.report import entity_rows

    context = app_context(ctx)
    max_bytes = context.settings.max_request_bytes
    data = read_input_file(path, max_bytes=max_bytes)
    check_input_file(data, context.settings, path=path, format=file_format)  # before the model loads
    scope = context.project_scope(project)
    transcript, analysis = analyze_document(context.engine(config), data, name=str(path), format=file_format,
                                            max_bytes=max_bytes, options=scope.options, language=language)
    _say_if_no_text(path, transcript.text)
    # Whoever runs this reads the project's dictionary anyway: show which term each hit matched.
    rows = entity_rows(analysis, transcript=transcript, show_terms=True)
    if as_json:
        typer.echo(json.dumps({"filename": str(path), "format": transcript.format, "entities": rows},
                              ensure_ascii=False))
        return
    for row in rows:
        surface = " ".join(transcript.text[row["start"]:row["end"]].split())
        term = f", term {row['term']!r}" if "term" in row else ""
        typer.echo(f"{path}:{row['line']}:{row['col']}: {row['entity_type']} {surface!r} "
                   f"({row['recognizer']}: {row['reason']}{term})")


def redact(
    ctx: typer.Context,
    path: TranscriptArg,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Where to write the redacted file (default: stdout).")] = None,
    report: Annotated[Optional[Path], typer.Option("--report", help="Also write a JSON report of every replacement.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Overwrite the input file (only when asked).")] = False,
    file_format: FormatOption = None,
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
    from service.report import engine_info, entity_rows, summary
    from service.review_record import review_record

    if in_place:
        if output is not None:
            raise InputError(str(path), "use either --in-place or --output, not both")
        output = path
    elif output is not None and output.resolve() == path.resolve():
        raise InputError(str(path), "the output is the input file; pass --in-place to overwrite it")
    context = app_context(ctx)
    max_bytes = context.settings.max_request_bytes
    data = read_input_file(path, max_bytes=max_bytes)
    check_input_file(data, context.settings, path=path, format=file_format)  # before the model loads
    if output is None:
        _refuse_binary_to_terminal(path, data, file_format)
    reviewed = None
    if decisions is not None:
        reviewed = parse_decisions(read_input_file(decisions, max_bytes=max_bytes), name=str(decisions))
    scope = context.project_scope(project)
    engine = context.engine(config)
    document = redact_document(engine, data, name=str(path), format=file_format, max_bytes=max_bytes,
                               book=scope.book, options=scope.options, language=language, decisions=reviewed)
    redaction = document.redaction
    _say_if_no_text(path, document.transcript.text)
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
            # The report travels with the redacted file: no dictionary terms in it.
            "entities": entity_rows(redaction),
            "warnings": document.warnings,
            "engine": engine_info(engine.config),
        }
        if reviewed is not None:
            doc["review"] = review_record(reviewed, document, project=project)
        write_atomic(report, json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8"))


def _say_if_no_text(path: Path, text: str) -> None:
    """An empty file is no error, but the user should not have to guess why nothing happened."""
    if not text.strip():
        err.print(f"{path}: no text in this file: nothing to find or redact", markup=False)


def _refuse_binary_to_terminal(path: Path, data: bytes, file_format: str | None) -> None:
    """A Word file written to a terminal is noise that can upset it: ask for -o, as curl does."""
    from service.formats import FormatError, detect_format

    if not sys.stdout.isatty():
        return
    try:
        binary = (file_format or detect_format(data, str(path))) == "docx"
    except FormatError:
        return  # the reader says what is wrong with the file
    if binary:
        raise InputError(str(path), "the redacted Word file is binary: not writing it to the terminal; "
                                    "use -o FILE or redirect the output (> FILE)")


def evaluate_gold(
    ctx: typer.Context,
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
    result = evaluate(app_context(ctx).engine(config), load_gold(gold), verbose=verbose, language=language)
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


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (each loads the model once).")] = 1,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs) and the review page (/review)."""
    import uvicorn  # the server: only for this command

    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    err.print(f"review page: http://{shown}:{port}/review  (API docs: http://{shown}:{port}/docs)", markup=False)
    uvicorn.run("service.api.app:app", host=host, port=port, workers=workers,
                log_level=app_context(ctx).settings.log_level.lower())


def check_input_file(data: bytes, settings, *, path: Path, format: str | None) -> None:
    """Read the file as its format reads it and check its text's shape (``service.text_limits``)
    before the model loads: a file that will be refused costs no model load."""
    from service.pipeline import read_document
    from service.text_limits import TextLimits, check_text

    transcript = read_document(data, name=str(path), format=format, max_bytes=settings.max_request_bytes)
    check_text(transcript.text, TextLimits.from_settings(settings), path=str(path))

