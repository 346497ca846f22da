"""Builders for test inputs shared across test folders (not fixtures)."""
from __future__ import annotations

import io
import re
import zipfile


def docx_bytes(*paragraphs: str) -> bytes:
    """A real Word document, made with python-docx, one paragraph per argument."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive holding ``members`` (name -> content), in that order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def engine_yaml(path, recognizers: list[dict]):
    """An engine YAML at ``path``: the default configuration with another recognizers list
    (the shipped lists and noise file stay in use)."""
    from pathlib import Path

    import yaml

    from config import CONFIG_DIR

    raw = yaml.safe_load((CONFIG_DIR / "default.yaml").read_text(encoding="utf-8"))
    raw["recognizers"] = recognizers
    raw["base_dir"] = str(CONFIG_DIR)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def decisions_json(data: bytes, format: str, text: str, *entries: tuple) -> str:
    """A decisions document for the file ``data`` (read as ``format``, giving ``text``):
    each entry is ``(words, action, entity_type)`` or ``(words, action, entity_type, {more fields})``,
    placed at the first occurrence of ``words`` in ``text``."""
    import hashlib
    import json

    decisions = []
    for words, action, entity_type, *more in entries:
        start = text.index(words)
        decisions.append({"start": start, "end": start + len(words), "action": action, "entity_type": entity_type,
                          **(more[0] if more else {})})
    return json.dumps({"version": 1, "document": {"sha256": hashlib.sha256(data).hexdigest(), "format": format},
                       "decisions": decisions})


# A Fernet token: version byte 0x80 and a timestamp, urlsafe base64 ("gAAAAA..."), padded.
_FERNET_TOKEN = re.compile(rb"gAAAAA[A-Za-z0-9_-]+=*")


def readable_bytes_at_rest(files) -> bytes:
    """The bytes of ``files`` with every Fernet token cut out, lowercased, for grepping a store.

    Random ciphertext compared lowercased contains a short needle ("nwa-", "amin") now and
    then; what is left after the tokens are cut out is what a reader of the disk would see.
    """
    raw = b"".join(path.read_bytes() for path in files)
    return _FERNET_TOKEN.sub(b" ", raw).lower()
