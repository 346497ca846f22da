"""The hook's runs: their settings (``run_settings``), and the loops over files: check, fix
in place, update the baseline.

Every file goes through ``service.pipeline`` (the one path); a file that cannot be read
becomes a ``FileResult`` with the reason, and the other files are still checked. The
engine is asked for only when a file needs it, so a run over missing files never loads
the model.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from service import formats
from service.check.baseline import Baseline, load_baseline
from service.check.findings import PRAGMA, find_names
from service.check.repo_config import RepoConfig, resolve_repo_config
from service.check.results import FileResult
from service.context import AppContext
from service.engine.noise import normalize_surface
from service.engine.request_options import RequestOptions
from service.errors import Busy, InputError, SetupError
from service.atomic_files import write_atomic
from service.input_files import read_input_file

if TYPE_CHECKING:  # the engine (spaCy, Presidio) is imported when a file that could be read needs it
    from service.engine.engine import Engine
    from service.engine.pseudonymize import SurrogateBook

EngineSource = Callable[[], "Engine"]


@dataclass(frozen=True)
class RunSettings:
    repo: RepoConfig
    baseline: Baseline
    options: RequestOptions
    max_bytes: int
    book: SurrogateBook | None = None  # a project's store-backed book; None: one per document

    def skips(self, path: Path) -> bool:
        """Excluded by ``.tanon.yaml``, or one of the hook's own files (the baseline is .json)."""
        resolved = path.resolve()
        own = {self.baseline.path.resolve()} | ({self.repo.path.resolve()} if self.repo.path else set())
        return resolved in own or self.repo.excludes(path)


def run_settings(context: AppContext, *, repo_config: Path | None = None, baseline: Path | None = None,
                 project: str | None = None, with_book: bool = False, cwd: Path | None = None) -> RunSettings:
    """The repository's ``.tanon.yaml`` (``repo_config``, else the nearest one), its baseline,
    and the project it names (``project`` wins): its options with the repository's allow
    list added, and (``with_book``, for fixing in place) its store-backed surrogate book."""
    repo = resolve_repo_config(repo_config, cwd or Path.cwd())
    loaded = load_baseline(baseline or repo.baseline_path())
    scope = context.project_scope(project or repo.project)
    allow = frozenset(form for form in (normalize_surface(word) for word in repo.allow) if form)
    options = replace(scope.options, allow=scope.options.allow | allow)
    return RunSettings(repo, loaded, options, context.settings.max_request_bytes, scope.book if with_book else None)


def check_files(engine: EngineSource, paths: Iterable[Path], settings: RunSettings) -> Iterator[FileResult]:
    for path in paths:
        yield _guarded(path, settings, lambda: _check_one(engine, path, settings))


def fix_files(engine: EngineSource, paths: Iterable[Path], settings: RunSettings) -> Iterator[FileResult]:
    for path in paths:
        yield _guarded(path, settings, lambda: _fix_one(engine, path, settings))


def update_baseline(results: Iterable[FileResult], baseline: Baseline) -> None:
    """Record each checked file's findings (all but pragma'd ones) as its whole baseline entry,
    drop files that no longer exist, and write the baseline atomically. Files that could not
    be read keep their old entries."""
    for result in results:
        if result.skipped or result.error is not None:
            continue
        accepted = [(f.entity_type, f.surface) for f in result.findings if f.suppressed_by != PRAGMA]
        baseline.set_file(baseline.file_key(result.path), accepted)
    baseline.prune_missing()
    baseline.save()


def _guarded(path: Path, settings: RunSettings, work: Callable[[], FileResult]) -> FileResult:
    if settings.skips(path):
        return FileResult(path, skipped=True)
    try:
        return work()
    except InputError as exc:  # unreadable, malformed, too long, another language: says which file
        return FileResult(path, error=str(exc))
    except (SetupError, Busy):  # the installation or the store: every file would fail alike
        raise
    except Exception as exc:  # a bug on one file must not hide the others; its message may quote text
        return FileResult(path, error=f"{path}: internal error ({exc.__class__.__name__}); please report it")


def _check_one(engine: EngineSource, path: Path, settings: RunSettings) -> FileResult:
    data = read_input_file(path, max_bytes=settings.max_bytes)
    from service.pipeline import analyze_document

    transcript, analysis = analyze_document(engine(), data, name=str(path), max_bytes=settings.max_bytes,
                                            options=settings.options)
    found = find_names(transcript, analysis.decisions, baseline=settings.baseline,
                       file_key=settings.baseline.file_key(path))
    return FileResult(path, tuple(found))


def _fix_one(engine: EngineSource, path: Path, settings: RunSettings) -> FileResult:
    data = read_input_file(path, max_bytes=settings.max_bytes)
    from service.pipeline import redact_document

    document = redact_document(engine(), data, name=str(path), max_bytes=settings.max_bytes,
                               book=settings.book, options=settings.options)
    found = find_names(document.transcript, document.redaction.decisions, baseline=settings.baseline,
                       file_key=settings.baseline.file_key(path))
    # What check accepts (pragma, baseline) stays as written.
    accepted = {(f.start, f.end) for f in found if f.suppressed_by}
    replacements = [r for r in document.redaction.replacements if (r.start, r.end) not in accepted]
    out = document.data
    if accepted:
        try:
            out = formats.write(document.transcript, replacements)
        except formats.FormatError as exc:
            raise InputError(str(path), exc.reason, line=exc.line) from None
    changed = out != data
    if changed:
        write_atomic(path, out)
    return FileResult(path, tuple(f for f in found if f.suppressed_by), replaced=len(replacements) if changed else 0,
                      changed=changed)
