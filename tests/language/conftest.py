"""Fixtures for the language tests: the sample interviews in other languages."""
from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture(scope="session")
def german_path() -> Path:
    return SAMPLES / "interview_de.txt"


@pytest.fixture(scope="session")
def spanish_path() -> Path:
    return SAMPLES / "interview_es.txt"
