"""The vocabulary is the bottom layer, and recognizers stand on it alone: importing a
recognizer must not load the project store (SQLAlchemy, cryptography, Alembic) or the engine."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = ("sqlalchemy", "cryptography", "alembic", "service.store", "service.engine")


def _loaded_after_import(module: str) -> list[str]:
    code = f"import json, sys; import {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


@pytest.mark.parametrize(
    "module",
    ["recognizers.project_dictionary_recognizer", "recognizers.person_name_recognizer", "recognizers"],
)
def test_layering_recognizers_do_not_load_store_or_engine(module):
    loaded = _loaded_after_import(module)
    leaked = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert leaked == []


def test_layering_vocabulary_imports_nothing_else_from_service():
    loaded = _loaded_after_import("service.vocabulary.canonical, service.vocabulary.generic_words, "
                                  "service.vocabulary.word_frequency, service.vocabulary.entity_types")
    own = [m for m in loaded if m.startswith("service.") and not m.startswith("service.vocabulary")]
    assert own == []
