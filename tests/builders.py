"""Builders for test inputs shared across test folders (not fixtures)."""
from __future__ import annotations

import io


def docx_bytes(*paragraphs: str) -> bytes:
    """A real Word document, made with python-docx, one paragraph per argument."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
