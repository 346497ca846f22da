"""The span index the engine asks whether a span lies inside or touches others."""
from __future__ import annotations

from service.engine.spans import SpanIndex


def test_span_index_covers_and_overlaps():
    index = SpanIndex([(10, 20), (0, 4), (12, 30)])
    assert index.covers(12, 20) and index.covers(0, 4) and index.covers(15, 30)
    assert not index.covers(3, 6) and not index.covers(4, 5) and not index.covers(25, 31)
    assert index.overlaps(3, 5) and index.overlaps(29, 40)
    assert not index.overlaps(4, 10) and not index.overlaps(30, 35)
    assert not SpanIndex([]).covers(0, 1) and not SpanIndex([]).overlaps(0, 1)
