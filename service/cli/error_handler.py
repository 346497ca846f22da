"""The command line's one translation table: every way a command can end, to a message on
stderr and an exit code.

    TanonError (service.errors)    its message; its exit code (2 bad input, 3 broken setup, ...)
    SQLAlchemyError                3: the project store's database failed (class name only)
    click usage errors             2: click's own message (unknown option, missing argument)
    ^C, click Abort                130
    anything else                  3: "internal error (TypeError)": a bug; no traceback,
                                   whose local variables could hold transcript text

Messages never contain transcript text or names: the errors' own messages are written
that way, and nothing else is printed.
"""
from __future__ import annotations

import sys
from collections.abc import Callable

import click
import typer
from rich.console import Console

from service.errors import TanonError

INTERRUPTED = 130
BUG = 3

# typer 0.29 vendors click: catch both families so every version maps errors the same way.
_ABORT = (click.exceptions.Abort, typer.Abort)
_EXIT = (click.exceptions.Exit, typer.Exit)
_USAGE = (click.exceptions.ClickException, getattr(typer, "TyperException", click.exceptions.ClickException))


def run_command(command: Callable[[], object], err: Console) -> int:
    """Run ``command`` (a parsed ``tanon`` invocation) and return its exit code."""
    try:
        result = command()
    except TanonError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, markup=True)
        return exc.exit_code
    except _ABORT:
        err.print("interrupted")
        return INTERRUPTED
    except _EXIT as exc:
        return exc.exit_code
    except _USAGE as exc:
        if hasattr(exc, "show"):
            exc.show()
        else:
            err.print(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        return INTERRUPTED
    except Exception as exc:
        if _is_database_error(exc):  # never its message: it can hold the URL or parameters
            err.print(f"[red]error:[/red] project store database error ({exc.__class__.__name__})", markup=True)
            return 3
        err.print(f"internal error ({exc.__class__.__name__}); please report it with the command you ran")
        return BUG
    # Without standalone mode, an exit requested by a command comes back as its code.
    return result if isinstance(result, int) else 0


def _is_database_error(exc: Exception) -> bool:
    """A SQLAlchemy error. Not imported here: a command that never opened the store has not
    loaded SQLAlchemy (and cannot have raised one of its errors)."""
    sqlalchemy = sys.modules.get("sqlalchemy")
    return sqlalchemy is not None and isinstance(exc, sqlalchemy.exc.SQLAlchemyError)
