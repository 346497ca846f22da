"""The errors a user can meet: one tree. Each kind declares its exit code and HTTP status
here, once; each edge translates the tree in one place (the command line in
``service.cli.error_handler``, the HTTP API in ``service.api.error_handlers``).

    TanonError                      exit 1   HTTP 500
    ├── InputError (ValueError)     exit 2   HTTP 422  the file or request is unusable: says which and why
    │   ├── FormatError             (service.formats) a file that cannot be read or written back whole
    │   ├── LanguageError           the transcript's language has no installed model
    │   ├── ProjectSettingsError    (service.project_access) settings that do not validate
    │   ├── UploadError             (service.batch.uploads) an upload that cannot become a job
    │   └── TooLarge                exit 2   HTTP 413
    │       └── TextTooLong         more characters than the engine takes (nlp.max_chars)
    ├── NotFound                    exit 2   HTTP 404  no project, term, API key or job with that id
    ├── Conflict                    exit 2   HTTP 409  the name is taken, the surrogate is someone else's
    ├── Busy                        exit 3   HTTP 503  gave up under contention; the same request can succeed later
    └── SetupError                  exit 3   HTTP 500  the installation or configuration is broken
        ├── ConfigError             (service.config) the engine YAML
        ├── ModelNotInstalled       (service.engine.nlp) a configured spaCy model is missing
        └── StoreUnavailable        exit 3   HTTP 503  the project store cannot be opened or read with this key

The project store's errors (``service.store.errors.StoreError``) are members too: each is
also one of the kinds above (``ProjectNotFound`` is a ``NotFound``).

Messages never contain transcript text, names, terms or keys: they are printed, logged
and returned to HTTP clients as they are. ``where`` (a file name, "project store") is
shown on the command line and left out over HTTP, where a file name is the client's own
and may itself be a name.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import ClassVar


class TanonError(Exception):
    exit_code: ClassVar[int] = 1
    http_status: ClassVar[int] = 500
    where: str | None = None  # shown before the message on the command line

    def __init__(self, message: str = "", *, where: str | None = None) -> None:
        self.message = message
        if where is not None:
            self.where = where
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    @property
    def detail(self) -> str:
        """What an HTTP client is told: the message without ``where``."""
        return self.message

    def at(self, where: str | None) -> TanonError:
        """This error, saying where it happened (e.g. the file the user named); returns it."""
        if where:
            self.where = where
        return self


class InputError(TanonError, ValueError):
    """The file or request is unusable; ``path`` names it, ``line`` says where in it."""

    exit_code = 2
    http_status = 422

    def __init__(self, path: str | None, reason: str, *, line: int | None = None) -> None:
        self.path, self.reason, self.line = path, reason, line
        where = path
        if line is not None:
            where = f"{path or 'input'}:{line}"
        super().__init__(reason, where=where)

    @property
    def detail(self) -> str:
        return self.reason


class LanguageError(InputError):
    """The transcript's language, detected or asked for, has no installed model."""


class TooLarge(InputError):
    http_status = 413


class TextTooLong(TooLarge):
    """A text longer than the engine takes (``nlp.max_chars``); the message gives counts only."""

    def __init__(self, reason: str) -> None:
        super().__init__(None, reason)


class NotFound(TanonError):
    exit_code = 2
    http_status = 404


class Conflict(TanonError):
    exit_code = 2
    http_status = 409


class Busy(TanonError):
    exit_code = 3
    http_status = 503


class SetupError(TanonError):
    """Broken installation or configuration. Over HTTP the client gets a stable detail and
    the message goes to the service's log (it names files on the server)."""

    exit_code = 3
    http_status = 500

    @property
    def detail(self) -> str:
        return "the service is not set up correctly; its log says why"


class StoreUnavailable(SetupError):
    """The project store cannot be opened or read (no key, another key, unreachable)."""

    http_status = 503

    @property
    def detail(self) -> str:
        return f"project store unavailable: {self.message}"


# -- validation errors, as a client may read them ----------------------------------------------

def public_validation_errors(
    errors: Iterable[Mapping], data: object, *, field_names: Collection[str], skip: int = 0
) -> list[dict]:
    """Pydantic's errors as ``[{loc, msg, type}]`` that never repeat what the client sent.

    A field name the client made up is request content too (``{"Jane Doe": 1}``): an
    unknown field is reported as "an unknown field" with its position in its object, and
    any other key of the submitted data that is not a declared field (``field_names``; a
    mapping's own keys, say) as ``<key N>``, its position. ``data`` is what was validated;
    the first ``skip`` elements of each ``loc`` are not in it (``"body"`` of a request).
    Pydantic's messages describe the schema, never the input; the input is left out."""
    public = []
    for error in errors:
        loc, kind = list(error.get("loc", ())), str(error.get("type", ""))
        msg = str(error.get("msg", ""))
        safe, node = loc[:skip], data
        for index, part in enumerate(loc[skip:], start=skip):
            is_unknown_field = kind == "extra_forbidden" and index == len(loc) - 1
            if isinstance(node, Mapping) and part in node:
                position = list(node).index(part) + 1
                if is_unknown_field:
                    msg = f"an unknown field (field {position} of this object) is not allowed"
                    break
                safe.append(part if part in field_names else f"<key {position}>")
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                safe.append(part)
                node = node[part]
            elif is_unknown_field:
                msg = "an unknown field is not allowed"
                break
            else:  # pydantic's own parts ("[key]", a union member) or where the data ends
                safe.append(part if isinstance(part, int) or part in field_names or part == "[key]" else "<key>")
                node = None
        public.append({"loc": safe, "msg": msg, "type": kind})
    return public
