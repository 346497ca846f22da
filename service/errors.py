"""The errors a user can meet, in one tree, caught once by each entry point.

    TanonError                 exit 1
    ├── InputError             exit 2: the file or request is unusable (says which and why)
    │   ├── LanguageError      its language has no installed model (names the language)
    │   └── (service.formats.FormatError is mapped to InputError at the edge)
    └── SetupError             exit 3: the installation or configuration is broken

Messages never contain transcript text or names.
"""
from __future__ import annotations


class TanonError(Exception):
    exit_code = 1


class InputError(TanonError):
    exit_code = 2

    def __init__(self, path: str | None, reason: str, *, line: int | None = None) -> None:
        self.path, self.reason, self.line = path, reason, line
        where = path or "input"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {reason}")


class LanguageError(InputError):
    """The transcript's language, detected or asked for, has no installed model."""


class SetupError(TanonError):
    exit_code = 3
