"""Letter classes for regular expressions that must hold beyond ASCII: Python's ``re`` has no
``\\p{Lu}``, and ``[A-Z]`` misses "İlknur", "Łukasz" and "Émile"."""
from __future__ import annotations

# The Unicode blocks that hold cased letters (Latin, Greek, Cyrillic, Armenian, Georgian and
# their extensions, full-width Latin, and the cased scripts beyond the first plane); the
# mathematical alphanumerics are left out: they are symbols, not names.
_CASED_BLOCKS = ((0x0000, 0x2200), (0x2C00, 0x2E00), (0xA640, 0xA800), (0xAB30, 0xABC0), (0xFF00, 0xFF60),
                 (0x10400, 0x10600), (0x10C80, 0x10D00), (0x118A0, 0x11900), (0x16E40, 0x16EA0),
                 (0x1E900, 0x1E960))


def _char_class(predicate) -> str:
    parts = []
    for first, last in _CASED_BLOCKS:
        start = None
        for code in range(first, last + 1):
            inside = code < last and predicate(chr(code))
            if inside and start is None:
                start = code
            elif not inside and start is not None:
                parts.append(_escape(start) if start == code - 1 else f"{_escape(start)}-{_escape(code - 1)}")
                start = None
    return f"[{''.join(parts)}]"


def _escape(code: int) -> str:
    return f"\\U{code:08x}"


# A capital letter (Unicode Lu and Lt: "A", "İ", "Ł", "ǅ"), as a character class.
UPPER = _char_class(lambda c: c.isupper() or c.istitle())
