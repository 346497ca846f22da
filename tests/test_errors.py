"""service.errors: one tree, each kind with its exit code and HTTP status declared once, and
messages that say where on the command line but never over HTTP."""
from __future__ import annotations

import pytest

from service import errors
from service.batch.errors import SomeFilesFailed, WorkerFailed
from service.batch.uploads import UploadError
from service.check.baseline import BaselineError
from service.check.repo_config import RepoConfigError
from service.config import ConfigError
from service.engine.nlp import ModelNotInstalled
from service.formats import FormatError
from service.project_access import InvalidStoredSettings
from service.project_settings import InvalidProjectName, ProjectSettingsError
from service.store import errors as store_errors
from service.store_setup import StoreNotConfigured

KINDS = (errors.InputError, errors.NotFound, errors.Conflict, errors.Busy, errors.SetupError)


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found | {sub for child in found for sub in _subclasses(child)}


def test_errors_every_member_is_one_kind_with_a_code_and_a_status():
    members = _subclasses(errors.TanonError) - {store_errors.StoreError, SomeFilesFailed}
    assert {ConfigError, ModelNotInstalled, FormatError, UploadError, store_errors.ProjectNotFound} <= members
    for member in members:
        assert issubclass(member, KINDS), member
        assert member.exit_code in (2, 3) and member.http_status in (404, 409, 413, 422, 500, 503), member


def test_errors_every_store_error_is_one_kind():
    for member in _subclasses(store_errors.StoreError):
        assert issubclass(member, KINDS), member


@pytest.mark.parametrize(
    ("error", "exit_code", "status", "message", "detail"),
    [
        (errors.InputError("notes.txt", "no such file"), 2, 422, "notes.txt: no such file", "no such file"),
        (errors.InputError("call.vtt", "cue ends before it starts", line=3), 2, 422,
         "call.vtt:3: cue ends before it starts", "cue ends before it starts"),
        (errors.TextTooLong("text has 9 characters; the limit is 8").at("long.txt"), 2, 413,
         "long.txt: text has 9 characters; the limit is 8", "text has 9 characters; the limit is 8"),
        (FormatError("vtt", "cue ends before it starts", line=3), 2, 422,
         "cannot read vtt file: cue ends before it starts (line 3)", "cue ends before it starts"),
        (UploadError("upload 2 is a symbolic link"), 2, 422, "upload 2 is a symbolic link", "upload 2 is a symbolic link"),
        (ProjectSettingsError("invalid project settings: allow_list: too long"), 2, 422,
         "invalid project settings: allow_list: too long", "invalid project settings: allow_list: too long"),
        (InvalidProjectName("a project name cannot be only digits"), 2, 422, "project name: a project name cannot be only digits",
         "a project name cannot be only digits"),
        (store_errors.ProjectNotFound("no project with id 7"), 2, 404, "no project with id 7", "no project with id 7"),
        (store_errors.DuplicateTerm("term 3 is already in the dictionary"), 2, 409,
         "term 3 is already in the dictionary", "term 3 is already in the dictionary"),
        (store_errors.InvalidTerm("unknown entity type"), 2, 422, "unknown entity type", "unknown entity type"),
        (store_errors.StoreBusy("gave up after 8 conflicting attempts"), 3, 503,
         "project store: gave up after 8 conflicting attempts", "gave up after 8 conflicting attempts"),
        (store_errors.KeyMismatch("this database was created with a different store key"), 3, 503,
         "project store: this database was created with a different store key",
         "project store unavailable: this database was created with a different store key"),
        (StoreNotConfigured("no project store key: set TANON_STORE_KEY"), 3, 503,
         "no project store key: set TANON_STORE_KEY", "project store unavailable: no project store key: set TANON_STORE_KEY"),
        (InvalidStoredSettings("invalid project settings: colour: extra", where="project 4"), 3, 409,
         "project 4: invalid project settings: colour: extra", "invalid project settings: colour: extra"),
        (ConfigError("/etc/tanon/engine.yaml: recognizer gazetteer.v1: unknown option 'min_lenght'"), 3, 500,
         "/etc/tanon/engine.yaml: recognizer gazetteer.v1: unknown option 'min_lenght'",
         "the service is not set up correctly; its log says why"),
        (BaselineError(".tanon-baseline.json: not valid JSON"), 3, 500, ".tanon-baseline.json: not valid JSON",
         "the service is not set up correctly; its log says why"),
        (RepoConfigError(".tanon.yaml: allow: unknown key"), 3, 500, ".tanon.yaml: allow: unknown key",
         "the service is not set up correctly; its log says why"),
        (WorkerFailed("a worker process died"), 3, 500, "a worker process died",
         "the service is not set up correctly; its log says why"),
        (SomeFilesFailed("1 of 2 files could not be redacted"), 1, 500, "1 of 2 files could not be redacted",
         "1 of 2 files could not be redacted"),
    ],
)
def test_errors_table(error, exit_code, status, message, detail):
    assert (error.exit_code, error.http_status, str(error), error.detail) == (exit_code, status, message, detail)


def test_errors_input_errors_stay_value_errors():
    """Callers that catch ValueError for a bad value (a format error, a bad project name) still do."""
    assert issubclass(FormatError, ValueError) and issubclass(InvalidProjectName, ValueError)
