"""How a name is shown in ``tanon check`` output.

Hook output lands in terminals, CI logs and chat pastes, so a name is masked by default:
its first character and a fixed ``***``. The first character helps find it on the line the
location names; the fixed tail hides the name's length.
"""
from __future__ import annotations

MASK_TAIL = "***"


def one_line(surface: str) -> str:
    """The name as one line: a name wrapped across lines or cues shows single-spaced."""
    return " ".join(surface.split())


def mask(surface: str) -> str:
    shown = one_line(surface)
    return shown[:1] + MASK_TAIL


def display(surface: str, *, show: bool) -> str:
    return one_line(surface) if show else mask(surface)
