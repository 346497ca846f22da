"""Import Presidio and spaCy without the parts of them the engine never uses.

``import presidio_analyzer`` (any part of it) imports the package's recognizer registry,
which imports ``presidio_analyzer.predefined_recognizers``: about a hundred recognizers
for other countries' identifiers, whose class bodies compile their patterns (the URL
pattern alone takes 0.2 s). The engine uses three of them (e-mail, phone, URL). And
``import spacy`` imports spaCy's command line (``spacy.cli``: its training, packaging and
project commands, Jinja templates, a YAML file read at import), 0.3 s, for the one
function it exports from it.

``defer_unused_imports()``, called before the first import of either, makes these
packages (``_DEFERRED``) load lazily: a name the package's ``__init__`` imports from one
of its modules is imported from that module the first time it is read; reading any
other name, listing the package, or ``load_all()`` runs the real ``__init__`` into the
module, which then is the real package. Nothing changes in what the code does, only when
a module is imported. Stock Presidio finds its predefined recognizers by their classes'
subclasses, so code that builds stock Presidio in the same process calls ``load_all()``
first. A package imported before the call is left as it is.
"""
from __future__ import annotations

import ast
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
from pathlib import Path
from types import ModuleType

_DEFERRED = (
    "presidio_analyzer.predefined_recognizers",
    "presidio_analyzer.predefined_recognizers.generic",  # e-mail and phone, without the URL patterns
    "spacy.cli",
)
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

    def __setattr__(self, name: str, value) -> None:
        # Importing a submodule sets it on its package; where the package's ``__init__``
        # exports a same-named object from it (spacy.cli.info, the function), that object
        # is what the name means once the package is loaded: keep the name unset until read.
        if (isinstance(value, ModuleType) and value.__name__ == f"{self.__name__}.{name}"
                and name in self.__dict__.get("_deferred_names", {})):
            return
        super().__setattr__(name, value)

    def __dir__(self):
        self._load_all()
        return list(self.__dict__)

    def _load_all(self) -> None:
        with _lock:
            if self.__dict__.pop("_deferred_names", None) is None:
                return
            self.__dict__.pop("_real_loader").exec_module(self)


class _DeferredLoader(importlib.abc.Loader):
    def __init__(self, real: importlib.machinery.ModuleSpec) -> None:
        self.real = real

    def create_module(self, spec):
        return _DeferredPackage(spec.name)

    def exec_module(self, module) -> None:
        module._deferred_names = _exported_names(Path(self.real.origin), module.__name__)
        module._real_loader = self.real.loader


class _DeferringFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname not in _DEFERRED:
            return None
        real = importlib.machinery.PathFinder.find_spec(fullname, path)
        if real is None or real.origin is None or not real.submodule_search_locations \
                or not isinstance(real.loader, importlib.machinery.SourceFileLoader):
            return None  # not a plain package here: imported as usual
        try:
            _exported_names(Path(real.origin), fullname)
        except (OSError, SyntaxError, ValueError):
            return None
        spec = importlib.machinery.ModuleSpec(fullname, _DeferredLoader(real), origin=real.origin, is_package=True)
        spec.submodule_search_locations = list(real.submodule_search_locations)
        spec.has_location = True
        return spec


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


_FINDER = _DeferringFinder()


def defer_unused_imports() -> None:
    """Load the packages in ``_DEFERRED`` lazily from now on (idempotent)."""
    with _lock:
        if _FINDER not in sys.meta_path:
            sys.meta_path.insert(0, _FINDER)


def load_all() -> None:
    """Import every predefined Presidio recognizer (before building stock Presidio in this process)."""
    for name in _DEFERRED[:2]:
        module = importlib.import_module(name)
        if isinstance(module, _DeferredPackage):
            module._load_all()
