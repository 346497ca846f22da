"""The ``tanon`` command: thin commands over the pipeline, assembled in one place.

    transcript_commands.py  analyze, redact, eval, serve
    project_commands.py     project ... and project dict ... (the local project store)
    config_commands.py      config show
    batch_command.py        batch (``service.batch``)
    hook_commands.py        check and redact-in-place, the pre-commit hook (``service.check``)
    parameters.py           shared options, the stderr console, the context accessor
    error_handler.py        every error to a message and an exit code, in one table

``main`` creates the process's application context (``service.context``) and hands it to
the command (click's ``ctx.obj``); tests hand in their own. Exit codes: 0 success, 1
findings where a check was asked for, 2 bad input, 3 broken setup, 130 interrupted.
Messages go to stderr; stdout carries only data (JSON or redacted text).
"""
from __future__ import annotations

import gc
import sys

import typer

from service.cli.batch_command import batch
from service.cli.config_commands import config_app
from service.cli.error_handler import run_command
from service.cli.hook_commands import check, redact_in_place
from service.cli.parameters import command_line_context, err
from service.cli.project_commands import project_app
from service.cli.transcript_commands import analyze, evaluate_gold, redact, serve
from service.context import AppContext

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    # Tracebacks can show local variables, i.e. transcript text: never print them.
    pretty_exceptions_enable=False,
    help="Find and pseudonymize names in interview transcripts.")

app.add_typer(project_app, name="project")
app.add_typer(config_app, name="config")
app.command("batch")(batch)
app.command("check")(check)
app.command("redact-in-place")(redact_in_place)
app.command()(analyze)
app.command()(redact)
app.command("eval")(evaluate_gold)
app.command()(serve)


def main(argv: list[str] | None = None, *, context: AppContext | None = None) -> int:
    """Run one command with ``context`` (default: a new one, closed at the end); return its exit code."""
    owned = context is None
    context = context or command_line_context()
    try:
        return run_command(lambda: app(args=argv, prog_name="tanon", standalone_mode=False, obj=context), err)
    finally:
        if owned:
            context.close()


def entry_point() -> None:
    code = main()
    # The process ends here. Its last garbage collection would walk every object the
    # engine loaded (the model, the word lists): about 0.4 s of a hook run. Frozen, they
    # are only freed, as at any exit; files and the store are closed already.
    gc.freeze()
    sys.exit(code)
