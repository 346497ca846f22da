"""The engine fingerprint: what a redacted output depends on besides its input and project.

It covers the engine configuration, the data files and folders it names (noise list,
gazetteers, name lists), the spaCy model's package version and tanon's version. A batch
redoes a file when the fingerprint recorded for it differs.
"""
from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from service import __version__
from service.config import EngineConfig
from service.engine.nlp import installed_models


def engine_fingerprint(config: EngineConfig) -> str:
    digest = hashlib.sha256()
    settings = config.model_dump(mode="json", exclude={"base_dir"})
    digest.update(json.dumps(settings, sort_keys=True).encode("utf-8"))
    digest.update(f"\0tanon {__version__}\0".encode("utf-8"))
    # The pipelines that would run (the first installed of each preference list).
    for language, model in sorted(installed_models(config.nlp).items()):
        digest.update(f"model {language} {model} {_model_version(model)}\0".encode("utf-8"))
    for path in _data_files(config):
        digest.update(path.relative_to(config.base_dir).as_posix().encode("utf-8") if path.is_relative_to(config.base_dir)
                      else path.name.encode("utf-8"))
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _data_files(config: EngineConfig) -> list[Path]:
    """Files the configuration names, relative to its folder (a named folder: its files)."""
    names = {config.decide.noise_file}
    names.update(s.noise_file for s in config.language.settings.values() if s.noise_file)
    for entry in config.recognizers:
        names.update(_strings(entry.options))
    files: set[Path] = set()
    for name in names:
        path = config.resolve(name)
        if path.is_file():
            files.add(path)
        elif path.is_dir():
            files.update(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    return sorted(files)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _model_version(model: str) -> str:
    """The installed version of the package that provides the spaCy model ``model``."""
    for distribution in metadata.packages_distributions().get(model, []):
        try:
            return f"{distribution} {metadata.version(distribution)}"
        except metadata.PackageNotFoundError:
            continue
    return "unknown"
