"""The baseline: findings someone reviewed and accepted, committed beside the transcripts.

As detect-secrets' ``.secrets.baseline``, but the file can be committed without leaking
names: an entry is ``sha256(salt, file path, entity type, normalized name)`` with a random
salt per baseline, stored in the file (kept when the baseline is updated, so unchanged
findings keep their hashes and diffs stay small). A finding is suppressed when its hash is
listed for its file, wherever it is in the file: line numbers are not part of it, so editing
around a name does not bring it back.

    {"version": 1, "salt": "<32 hex>", "hash": "...",
     "results": {"interviews/p3.txt": [{"type": "PERSON", "hashed_name": "<64 hex>"}]}}

Paths are relative to the baseline's directory, with forward slashes. The salt only stops
precomputed tables: whoever has the baseline and a guess ("is Priya Raman in p3.txt?") can
confirm the guess, as with any verifiable hash of a short secret.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from service.engine.noise import normalize_surface
from service.errors import SetupError
from service.atomic_files import write_atomic

FORMAT_VERSION = 1
HASH_DESCRIPTION = "sha256 of salt, path, entity type and normalized name, NUL-separated"


class BaselineError(SetupError):
    """A baseline file that cannot be read or is not one (exit 3: broken configuration)."""


def hashed_name(salt: str, file_key: str, entity_type: str, surface: str) -> str:
    parts = (salt, file_key, entity_type, normalize_surface(surface))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


@dataclass
class Baseline:
    path: Path
    salt: str = field(default_factory=lambda: secrets.token_hex(16))
    results: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # file -> {(type, hash)}

    def file_key(self, file: Path) -> str:
        """``file`` as the baseline names it: relative to the baseline's directory."""
        return Path(os.path.relpath(file.resolve(), self.path.resolve().parent)).as_posix()

    def entry(self, file_key: str, entity_type: str, surface: str) -> tuple[str, str]:
        return entity_type, hashed_name(self.salt, file_key, entity_type, surface)

    def contains(self, file_key: str, entity_type: str, surface: str) -> bool:
        return self.entry(file_key, entity_type, surface) in self.results.get(file_key, ())

    def set_file(self, file_key: str, findings: list[tuple[str, str]]) -> None:
        """Make ``(entity_type, surface)`` findings the file's whole entry (none: drop the file)."""
        entries = {self.entry(file_key, t, s) for t, s in findings}
        if entries:
            self.results[file_key] = entries
        else:
            self.results.pop(file_key, None)

    def prune_missing(self) -> None:
        """Drop files that no longer exist (renamed or deleted transcripts)."""
        base = self.path.resolve().parent
        # normpath: "../raw.txt" must not depend on the baseline's directory existing yet
        for key in [k for k in self.results if not Path(os.path.normpath(base / k)).exists()]:
            del self.results[key]

    def count(self) -> int:
        return sum(len(v) for v in self.results.values())

    def to_bytes(self) -> bytes:
        doc = {
            "version": FORMAT_VERSION,
            "generated_by": "tanon check --update-baseline",
            "hash": HASH_DESCRIPTION,
            "salt": self.salt,
            "results": {
                key: [{"type": t, "hashed_name": h} for t, h in sorted(entries)]
                for key, entries in sorted(self.results.items())
            },
        }
        return (json.dumps(doc, indent=2) + "\n").encode("utf-8")

    def save(self) -> None:
        write_atomic(self.path, self.to_bytes())


def load_baseline(path: Path) -> Baseline:
    """The baseline at ``path``; a new, empty one (not yet written) when there is no file."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Baseline(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc.__class__.__name__})") from None
    except ValueError:
        raise BaselineError(f"{path}: the baseline is not valid JSON") from None
    try:
        if doc.get("version") != FORMAT_VERSION:
            raise BaselineError(f"{path}: unsupported baseline version (expected {FORMAT_VERSION})")
        salt = doc["salt"]
        if not isinstance(salt, str) or len(salt) < 16:
            raise BaselineError(f"{path}: the baseline's salt is missing or too short")
        results = {
            str(key): {(str(item["type"]), str(item["hashed_name"])) for item in items}
            for key, items in doc["results"].items()
        }
    except BaselineError:
        raise
    except (AttributeError, KeyError, TypeError):
        raise BaselineError(f"{path}: not a tanon baseline (expected version, salt and results)") from None
    return Baseline(path, salt, results)
