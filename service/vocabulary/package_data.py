"""Where an installed package keeps a data file, found without importing the package
(importing wordfreq or truecase costs seconds: the engine reads their files itself)."""
from __future__ import annotations

import importlib.util
from pathlib import Path


def package_data_file(package: str, *parts: str) -> Path | None:
    """``parts`` inside the installed ``package``'s folder; None when the package or the
    file is not there."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)
    return path if path.is_file() else None
