"""service.cli.error_handler: every way a command ends, to a message on stderr and an exit code."""
from __future__ import annotations

import io

import click
import pytest
import sqlalchemy as sa
from rich.console import Console

from service.cli.error_handler import run_command
from service.errors import InputError, StoreUnavailable


def _raise(error: BaseException):
    def command():
        raise error

    return command


@pytest.mark.parametrize(
    ("error", "code", "shown", "hidden"),
    [
        (InputError("notes.txt", "no such file"), 2, "error: notes.txt: no such file", None),
        (StoreUnavailable("no project store key: set TANON_STORE_KEY"), 3, "no project store key", None),
        (sa.exc.OperationalError("SELECT secret_name FROM t", {}, Exception("postgresql://u:pw@h/db")), 3,
         "project store database error (OperationalError)", "pw@h"),
        (ValueError("Priya Raman is not a number"), 3, "internal error (ValueError)", "Priya"),
        (KeyboardInterrupt(), 130, "", None),
        (click.exceptions.Abort(), 130, "interrupted", None),
        (click.exceptions.Exit(1), 1, "", None),
    ],
)
def test_error_handler_maps_each_ending_to_a_code_and_a_message(error, code, shown, hidden):
    out = io.StringIO()
    assert run_command(_raise(error), Console(file=out, width=200)) == code
    assert shown in out.getvalue()
    assert "Traceback" not in out.getvalue()
    if hidden:
        assert hidden not in out.getvalue()


def test_error_handler_passes_a_command_result_through():
    assert run_command(lambda: 4, Console(file=io.StringIO())) == 4
    assert run_command(lambda: None, Console(file=io.StringIO())) == 0
