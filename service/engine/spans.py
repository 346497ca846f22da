"""Where spans lie: is a span inside, or touching, one of a set of spans? Bisection over
the starts with the furthest end reached so far, so each question costs O(log n)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterable


class SpanIndex:
    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.furthest_end = list(accumulate((end for _, end in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        """Is [start, end) inside one of the spans?"""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.furthest_end[i] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Does one of the spans reach into [start, end)?"""
        before = bisect_left(self.starts, end)  # the spans that start before it ends
        return bool(before) and self.furthest_end[before - 1] > start
