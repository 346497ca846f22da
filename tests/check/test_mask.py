"""How names are shown: masked by default (first character and a fixed tail), plain with --show."""
import pytest

from service.check.mask import display, mask


@pytest.mark.parametrize(
    "surface, masked",
    [
        ("Priya Raman", "P***"),
        ("Northwind Analytics Inc.", "N***"),  # the length is hidden: same tail for any name
        ("Amin", "A***"),
        ("northwind's", "n***"),
        ("Ólafur", "Ó***"),
        ("  Priya\n Raman", "P***"),  # a name wrapped across lines
        ("priya.raman@example.org", "p***"),
        ("+1 416 555 0199", "+***"),
        ("", "***"),
    ],
)
def test_mask(surface, masked):
    assert mask(surface) == masked


@pytest.mark.parametrize(
    "surface, show, shown",
    [
        ("Priya Raman", False, "P***"),
        ("Priya Raman", True, "Priya Raman"),
        ("Priya\nRaman", True, "Priya Raman"),  # one line, single-spaced
        ("Priya\r\n  Raman", True, "Priya Raman"),
    ],
)
def test_display(surface, show, shown):
    assert display(surface, show=show) == shown
