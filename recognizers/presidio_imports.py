"""Import Presidio without its whole set of predefined recognizers.

``import presidio_analyzer`` (any part of it) imports the package's recognizer registry,
which imports ``presidio_analyzer.predefined_recognizers``: about a hundred recognizers
for other countries' identifiers, whose class bodies compile their patterns (the URL
pattern alone takes 0.2 s). The engine uses three of them (e-mail, phone, URL) and none
of the rest.

``defer_predefined_recognizers()``, called before the first Presidio import, puts a
stand-in for that package (and for its ``generic`` subpackage) in ``sys.modules``: a
name one of them exports is imported from its own module the first time it is read;
reading any other name, listing the package, or ``load_all()`` runs the real package
``__init__`` into the stand-in, which then is the real package. Nothing changes in
what a recognizer does, only when its module is imported. Stock Presidio finds its
predefined recognizers by their classes' subclasses, so code that builds stock Presidio
in the same process calls ``load_all()`` first.

When Presidio is already imported, or its files are not where this expects them, nothing
is deferred.
"""
from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
import threading
from pathlib import Path
from types import ModuleType

PACKAGE = "presidio_analyzer.predefined_recognizers"
_DEFERRED = (PACKAGE, f"{PACKAGE}.generic")
_lock = threading.RLock()


class _DeferredPackage(ModuleType):
    """A package whose ``__init__`` runs only when a name not mapped to a submodule is read."""

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__") and name != "__all__":
            raise AttributeError(name)
        target = self.__dict__.get("_deferred_names", {}).get(name)
        if target is None:
            self._load_all()
        else:
            module = importlib.import_module(target)
            setattr(self, name, getattr(module, name))
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}") from None

    def __dir__(self):
        self._load_all()
        return list(self.__dict__)

    def _load_all(self) -> None:
        with _lock:
            if self.__dict__.pop("_deferred_names", None) is None:
                return
            self.__spec__.loader.exec_module(self)


def _exported_names(init: Path, package: str) -> dict[str, str]:
    """Name -> module, for each ``from X import name`` at the top of a package ``__init__``."""
    names = {}
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            module = f"{base}.{node.module}" if node.module else base
        else:
            module = node.module or ""
        if module == package or not module.startswith(package + "."):
            continue
        for alias in node.names:
            if alias.name != "*":
                names[alias.asname or alias.name] = module
    return names


def _stand_in(name: str, folder: Path) -> ModuleType | None:
    init = folder / "__init__.py"
    if not init.is_file():
        return None
    spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(folder)])
    if spec is None or spec.loader is None:
        return None
    module = _DeferredPackage(name)
    module.__spec__ = spec
    module.__loader__ = spec.loader
    module.__file__ = str(init)
    module.__path__ = [str(folder)]
    module.__package__ = name
    module._deferred_names = _exported_names(init, name)
    return module


def defer_predefined_recognizers() -> None:
    """Install the stand-ins unless Presidio is already imported (idempotent)."""
    with _lock:
        if "presidio_analyzer" in sys.modules or PACKAGE in sys.modules:
            return
        try:
            spec = importlib.util.find_spec("presidio_analyzer")
        except (ImportError, ValueError):
            return
        if spec is None or not spec.submodule_search_locations:
            return
        root = Path(list(spec.submodule_search_locations)[0])
        try:
            modules = [_stand_in(name, root.joinpath(*name.split(".")[1:])) for name in _DEFERRED]
        except (OSError, SyntaxError, ValueError):
            return
        if any(m is None for m in modules):
            return
        parent, generic = modules
        # The parent's mapping sends e.g. EmailRecognizer to ``...generic.email_recognizer``,
        # which imports ``...generic`` first: that one is deferred too.
        for module in modules:
            sys.modules[module.__name__] = module
        parent.generic = generic


def load_all() -> None:
    """Import every predefined recognizer (before building stock Presidio in this process)."""
    for name in _DEFERRED:
        module = importlib.import_module(name)
        if isinstance(module, _DeferredPackage):
            module._load_all()
