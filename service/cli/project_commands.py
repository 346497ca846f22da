"""``tanon project ...``: projects, their dictionary and re-identification key, on the local store.

The command line opens the store in ``TANON_STORE_URL`` (default: a SQLite file under
``~/.local/share/tanon``) directly, without API keys: whoever can read the store file and
its key can read everything. Messages (stderr) never contain names; data goes to stdout or
to files written with mode 600.

The store is opened by the application context when a command first asks for it; the
commands that read transcripts import ``service.restoration`` when they run, since it
loads the engine's modules (spaCy, Presidio) that the other commands do without.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
import yaml

from service.atomic_files import write_atomic
from service.cli.parameters import app_context, err
from service.errors import InputError, TanonError
from service.input_files import read_input_file, read_text_file
from service.project_settings import ProjectSettingsError, check_project_name, parse_settings, settings_json

from service.vocabulary.entity_types import NAME_TYPES as ENTITY_TYPES, ORGANIZATION_ROLES
from service.vocabulary.sound_alike_modes import SOUND_ALIKE_MODES

SOUND_ALIKE_HELP = (
    f'How renderings that only sound like the name match ("alter ex" for Alteryx), one of {", ".join(SOUND_ALIKE_MODES)}: '
    "context (the default: with a vendor or employer cue, a capital or the name itself nearby), always (anywhere) "
    "or off."
)

project_app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Projects: a dictionary of known names and one set of surrogates for a whole study.",
)
dict_app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, help="A project's dictionary of known names.")
project_app.add_typer(dict_app, name="dict")

ProjectArg = Annotated[str, typer.Argument(help="Project name or id.")]


def write_private(path: Path, data: bytes) -> None:
    """Write atomically with mode 600 (the temporary file is created 600 before the rename)."""
    write_atomic(path, data)
    os.chmod(path, 0o600)


# -- projects ----------------------------------------------------------------------------


@project_app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A unique project name (not only digits).")],
    settings_file: Annotated[
        Optional[Path], typer.Option("--settings", help="JSON or YAML project settings (entities, allow_list).")
    ] = None,
) -> None:
    """Create a project and print its first admin API key (shown once)."""
    name = check_project_name(name)
    settings: dict = {}
    if settings_file is not None:
        try:
            settings = settings_json(parse_settings(_read_settings_file(settings_file)))
        except ProjectSettingsError as exc:  # say which file
            raise exc.at(str(settings_file)) from None
    context = app_context(ctx)
    store = context.store()
    project = store.create_project(name, settings)
    secret = store.create_api_key(project.id, role="admin")
    err.print(f"created project {project.id}; its admin API key (for the HTTP API) is shown once, below:", markup=False)
    typer.echo(secret)


def _read_settings_file(path: Path) -> dict:
    text = read_text_file(path, max_bytes=1_000_000)
    try:
        data = yaml.safe_load(text)  # JSON is YAML
    except yaml.YAMLError:
        raise InputError(str(path), "not valid JSON or YAML") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "project settings must be a mapping")
    return data


@project_app.command("list")
def list_projects(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the projects in the local store."""
    context = app_context(ctx)
    store = context.store()
    projects = store.list_projects()
    if as_json:
        rows = [{"id": p.id, "name": p.name, "settings": p.settings, "created_at": p.created_at.isoformat()} for p in projects]
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for p in projects:
        typer.echo(f"{p.id}\t{p.name}\t{p.created_at:%Y-%m-%d}")


@project_app.command("delete")
def delete(
    ctx: typer.Context,
    project: ProjectArg,
    yes: Annotated[bool, typer.Option("--yes", help="Really delete: the key, dictionary and API keys go too.")] = False,
) -> None:
    """Delete a project with its re-identification key, dictionary and API keys."""
    if not yes:
        raise InputError("project", "deleting a project destroys its re-identification key; add --yes")
    context = app_context(ctx)
    store = context.store()
    found = context.find_project(project)
    store.delete_project(found.id)
    err.print(f"deleted project {found.id}", markup=False)


@project_app.command("api-key")
def api_key(
    ctx: typer.Context,
    project: ProjectArg,
    role: Annotated[str, typer.Option("--role", help="admin or redactor.")] = "redactor",
) -> None:
    """Create another API key for the HTTP API (printed once)."""
    context = app_context(ctx)
    store = context.store()
    found = context.find_project(project)
    secret = store.create_api_key(found.id, role=role)
    err.print(f"new {role} key for project {found.id}, shown once:", markup=False)
    typer.echo(secret)


@project_app.command("export-key")
def export_key(
    ctx: typer.Context,
    project: ProjectArg,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (mode 600) instead of stdout.")] = None,
    with_records: Annotated[
        bool, typer.Option("--with-records", help="Also export each redacted document's record: every replacement with its exact original.")
    ] = False,
) -> None:
    """Export the re-identification key (every surrogate with its original) as JSON. Sensitive."""
    from service.restoration import public_records

    context = app_context(ctx)
    store = context.store()
    found = context.find_project(project)
    entries = store.export_key(found.id)
    exported = {"project_id": found.id, "entries": entries}
    if with_records:
        exported["records"] = public_records(store.export_redaction_records(found.id))
    data = json.dumps(exported, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    err.print(
        "warning: the re-identification key maps every surrogate back to a real name; "
        "keep it encrypted and away from the redacted transcripts",
        markup=False,
    )
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_private(output, data)
        records = f" and {len(exported['records'])} document records" if with_records else ""
        err.print(f"{len(entries)} entries{records} written to {output} (mode 600)", markup=False)


@project_app.command("reidentify")
def reidentify(
    ctx: typer.Context,
    project: ProjectArg,
    path: Annotated[Path, typer.Argument(help="A transcript redacted in this project: .txt, Otter .txt, .vtt, .srt, .docx or .json.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (mode 600, atomically) instead of stdout.")] = None,
    file_format: Annotated[
        Optional[str], typer.Option("--format", help="text, otter, vtt, srt, docx or json (default: from the extension or content).")
    ] = None,
) -> None:
    """Put the original names back into a transcript redacted in this project.

    A file as it was written by `tanon redact --project` comes back byte for byte. If its
    text was edited since, each surrogate gets its first-seen original, and stderr says so.
    """
    from service.restoration import reidentify_document

    if output is not None and output.resolve() == path.resolve():
        raise InputError(str(path), "the output is the input file; write the re-identified file elsewhere")
    context = app_context(ctx)
    max_bytes = context.settings.max_request_bytes
    data = read_input_file(path, max_bytes=max_bytes)
    found = context.find_project(project)
    result = reidentify_document(context.store(), found.id, data, name=str(path), format=file_format, max_bytes=max_bytes)
    if result.note:
        err.print(f"{path}: {result.note}", markup=False)
    if output is None:
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
    else:
        write_private(output, result.data)
        err.print(f"{path}: {result.mode} re-identification written to {output} (mode 600)", markup=False)


# -- dictionary --------------------------------------------------------------------------


@dict_app.command("add")
def dict_add(
    ctx: typer.Context,
    project: ProjectArg,
    term: Annotated[str, typer.Argument(help='The name as it is usually written, e.g. "Northwind Analytics".')],
    entity_type: Annotated[str, typer.Option("--type", help=f"One of {', '.join(ENTITY_TYPES)}.")],
    role: Annotated[Optional[str], typer.Option("--role", help=f"ORGANIZATION only: {', '.join(ORGANIZATION_ROLES)}.")] = None,
    aliases: Annotated[Optional[list[str]], typer.Option("--alias", help="Another way it is written (repeatable).")] = None,
    surrogate: Annotated[Optional[str], typer.Option("--surrogate", help='Fixed surrogate, e.g. "Company Y".')] = None,
    sound_alike: Annotated[Optional[str], typer.Option("--sound-alike", help=SOUND_ALIKE_HELP)] = None,
) -> None:
    """Add a known name to the project's dictionary."""
    context = app_context(ctx)
    store = context.store()
    found = context.find_project(project)
    added = store.add_term(found.id, term, entity_type, role=role, aliases=aliases or (), surrogate=surrogate,
                           sound_alike=sound_alike)
    err.print(f"added term {added.id} ({added.entity_type}) to project {found.id}", markup=False)


@dict_app.command("list")
def dict_list(ctx: typer.Context, project: ProjectArg) -> None:
    """Print the dictionary: id, type, role, fixed surrogate, term, aliases and sound-alike mode (contains names)."""
    context = app_context(ctx)
    store = context.store()
    terms = store.list_terms(context.find_project(project).id)
    for t in terms:
        typer.echo("\t".join([str(t.id), t.entity_type, t.role or "-", t.surrogate or "-", t.term, "|".join(t.aliases),
                              t.sound_alike]))


@dict_app.command("remove")
def dict_remove(ctx: typer.Context, project: ProjectArg, term_id: Annotated[int, typer.Argument(help="Term id (see `dict list`).")]) -> None:
    """Remove a term (a surrogate it already fixed stays with its entity)."""
    context = app_context(ctx)
    store = context.store()
    found = context.find_project(project)
    store.delete_term(found.id, term_id)
    err.print(f"removed term {term_id} from project {found.id}", markup=False)


def _terms_format(path: Path, explicit: str | None) -> str:
    fmt = (explicit or path.suffix.lstrip(".")).lower()
    fmt = "yaml" if fmt == "yml" else fmt
    if fmt not in ("csv", "yaml"):
        raise InputError(str(path), "dictionary files are .csv, .yaml or .yml (or pass --format csv|yaml)")
    return fmt


@dict_app.command("import")
def dict_import(
    ctx: typer.Context,
    project: ProjectArg,
    path: Annotated[Path, typer.Argument(help="A .csv (term,entity_type,role,aliases,surrogate,sound_alike) or .yaml dictionary.")],
    file_format: Annotated[Optional[str], typer.Option("--format", help="csv or yaml (default: from the extension).")] = None,
) -> None:
    """Import terms from a CSV or YAML file (all or nothing; identical terms are skipped)."""
    fmt = _terms_format(path, file_format)
    text = read_text_file(path, max_bytes=app_context(ctx).settings.max_request_bytes)
    context = app_context(ctx)
    store = context.store()
    found = context.find_project(project)
    try:
        added = store.import_terms(found.id, text, format=fmt)
    except TanonError as exc:  # the store's refusal, saying which file
        raise exc.at(str(path)) from None
    err.print(f"{path}: {added} terms added to project {found.id}", markup=False)


@dict_app.command("export")
def dict_export(
    ctx: typer.Context,
    project: ProjectArg,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (mode 600) instead of stdout.")] = None,
    file_format: Annotated[Optional[str], typer.Option("--format", help="csv or yaml (default: from -o's extension, else csv).")] = None,
) -> None:
    """Export the dictionary as CSV or YAML (contains names)."""
    if file_format is not None:
        fmt = {"csv": "csv", "yaml": "yaml", "yml": "yaml"}.get(file_format.lower())
        if fmt is None:
            raise InputError("--format", "use csv or yaml")
    elif output is not None and output.suffix:
        fmt = _terms_format(output, None)
    else:
        fmt = "csv"
    context = app_context(ctx)
    store = context.store()
    text = store.export_terms(context.find_project(project).id, format=fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_private(output, text.encode("utf-8"))
        err.print(f"dictionary written to {output} (mode 600)", markup=False)
