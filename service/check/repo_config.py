"""The repository's ``.tanon.yaml``: what the hook needs to know about this repository.

    project: my-study             # a project in the local store: its dictionary, allow list, surrogates
    allow: [Spark, Jupyter]       # words never reported (compared case-, space- and possessive-insensitively)
    baseline: .tanon-baseline.json   # relative to this file
    exclude: ["fixtures/*", "*.redacted.txt"]   # fnmatch globs on paths relative to this file

Found by walking up from the working directory, stopping at the repository root (the
first directory with a ``.git``), so a stray file above the repository never applies.
Validated strictly; errors name the file and the key, never the value (it may be a name).
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from service.errors import SetupError

CONFIG_NAME = ".tanon.yaml"
DEFAULT_BASELINE = ".tanon-baseline.json"

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class RepoConfigError(SetupError):
    """A ``.tanon.yaml`` that cannot be read or does not validate (exit 3: broken configuration)."""


class RepoConfigModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    project: NonEmpty | None = None
    allow: list[NonEmpty] = Field(default_factory=list, max_length=10_000)
    baseline: NonEmpty | None = None
    exclude: list[NonEmpty] = Field(default_factory=list, max_length=1_000)


@dataclass(frozen=True)
class RepoConfig:
    """The validated settings and the directory their relative paths are relative to."""

    root: Path
    path: Path | None = None  # None: no .tanon.yaml was found
    project: str | None = None
    allow: tuple[str, ...] = ()
    baseline: str | None = None
    exclude: tuple[str, ...] = ()

    def baseline_path(self) -> Path:
        return self.root / (self.baseline or DEFAULT_BASELINE)

    def relative(self, file: Path) -> str:
        """``file`` relative to the root, with forward slashes (what globs and the baseline use)."""
        return Path(os.path.relpath(file.resolve(), self.root.resolve())).as_posix()

    def excludes(self, file: Path) -> bool:
        relative = self.relative(file)
        return any(fnmatch.fnmatchcase(relative, pattern) for pattern in self.exclude)


def find_repo_config(start: Path) -> Path | None:
    """The nearest ``.tanon.yaml`` from ``start`` upwards, not above the repository root."""
    directory = start.resolve()
    for candidate in (directory, *directory.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
        if (candidate / ".git").exists():
            return None
    return None


def repository_root(start: Path) -> Path:
    """Where defaults live without a ``.tanon.yaml``: the repository root, else ``start``."""
    directory = start.resolve()
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return directory


def load_repo_config(path: Path) -> RepoConfig:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RepoConfigError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RepoConfigError(f"{path}: cannot read it ({exc.__class__.__name__})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise RepoConfigError(f"{path}: not valid YAML{where}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise RepoConfigError(f"{path}: expected a mapping with the keys project, allow, baseline, exclude")
    try:
        model = RepoConfigModel.model_validate(raw)
    except ValidationError as exc:
        raise RepoConfigError(f"{path}: {_summary(exc)}") from None
    return RepoConfig(path.resolve().parent, path, model.project, tuple(model.allow), model.baseline,
                      tuple(model.exclude))


def resolve_repo_config(explicit: Path | None, cwd: Path) -> RepoConfig:
    """``--config FILE`` if given, else the nearest ``.tanon.yaml``, else the defaults."""
    if explicit is not None:
        return load_repo_config(explicit)
    found = find_repo_config(cwd)
    return load_repo_config(found) if found is not None else RepoConfig(repository_root(cwd))


def _summary(exc: ValidationError) -> str:
    """Where and what, never the value: an allow-list entry is a name."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())) or "file"
        message = "unknown key (expected project, allow, baseline, exclude)" if error.get("type") == "extra_forbidden" \
            else error.get("msg", "invalid")
        parts.append(f"{where}: {message}")
    return "; ".join(parts)
