"""Property: for a transcript in any format with names planted at hostile spots, the engine
either refuses it with a clear error or returns it with every planted name gone and every
other character unchanged. Bounded in CI; ``--hypothesis-profile=nightly`` runs it longer."""
from __future__ import annotations

import json

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given  # noqa: E402

from recognizers.project_dictionary_recognizer import ProjectDictionaryRecognizer  # noqa: E402
from service import formats  # noqa: E402
from service.engine.engine import RequestOptions  # noqa: E402
from service.errors import InputError  # noqa: E402
from service.pipeline import redact_document  # noqa: E402

from .transcripts import ANY_FILE, NAME_WORDS, Planted, redacted_residue, residue  # noqa: E402

OPTIONS = RequestOptions(recognizers=(ProjectDictionaryRecognizer(
    [("Dana Whitlock", "PERSON", ()), ("İlknur Işık", "PERSON", ()), ("Brackenfold", "ORGANIZATION", ()),
     ("Quillmere Analytics", "ORGANIZATION", ())]),))


def _shown(planted: Planted, data: bytes) -> str:
    """The file as characters: its decoded text, or for Word its paragraphs."""
    if planted.format == "docx":
        return formats.read(data, filename=planted.filename).text
    if planted.format == "json":  # values, whichever escapes the file uses
        return json.dumps(json.loads(data), ensure_ascii=False)
    return data.decode("utf-8-sig")


@given(planted=ANY_FILE)
def test_planted_names_are_all_replaced_and_nothing_else_changes(engine, planted):
    try:
        document = redact_document(engine, planted.data, name=planted.filename, max_bytes=1_000_000, options=OPTIONS)
    except InputError as refused:  # a refusal is allowed if it says why and echoes no name
        assert refused.reason and not any(word in str(refused) for word in NAME_WORDS)
        return
    assert document.format == planted.format
    out = _shown(planted, document.data)
    assert not [word for word in NAME_WORDS if word in out], out
    assert redacted_residue(out) == residue(_shown(planted, planted.data))
    formats.read(document.data, filename=planted.filename)  # still a valid file of its format
