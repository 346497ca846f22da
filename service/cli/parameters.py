"""What several commands share: their common options, the stderr console, and the
application context every command is handed (``main`` puts it in click's ``ctx.obj``)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console

from service.config import get_settings
from service.context import AppContext

if TYPE_CHECKING:
    from service.engine.engine import Engine

# Messages go to stderr; stdout carries only data (JSON, redacted text, findings).
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
FormatOption = Annotated[
    Optional[str], typer.Option("--format", help="text, otter, vtt, srt, docx or json (default: from the extension or content).")
]


def say(message: str) -> None:
    """A message for the user on stderr, printed as it is (no rich markup)."""
    err.print(message, markup=False)


def command_line_context(*, engine: Engine | None = None) -> AppContext:
    """The context of one ``tanon`` run: the local store's key file is created on first use.
    ``engine``: an engine this process has loaded already (for the default configuration)."""
    return AppContext(get_settings(), engine=engine, create_store_key=True, announce=say)


def app_context(ctx: typer.Context) -> AppContext:
    """The process's application context (created by ``service.cli.main``)."""
    context = ctx.find_object(AppContext)
    if context is None:  # invoked without main(), e.g. by click's test runner: a context of its own
        context = ctx.obj = command_line_context()
        ctx.call_on_close(context.close)
    return context
