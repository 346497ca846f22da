"""The contract every transcript recognizer follows.

A recognizer is a Presidio ``EntityRecognizer`` with a versioned ``name`` (the key it is
registered under) and a helper that attaches a one-line reason to every result, so a
researcher can see why text was flagged.
"""
from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult


class TranscriptRecognizer(EntityRecognizer):
    """Base class: subclasses set ``NAME`` and ``ENTITIES`` and implement ``analyze``."""

    NAME: ClassVar[str] = ""
    ENTITIES: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, supported_entities: list[str] | None = None, **kwargs) -> None:
        super().__init__(
            supported_entities=list(supported_entities or self.ENTITIES),
            name=self.NAME,
            supported_language="en",
            **kwargs,
        )

    def load(self) -> None:  # data is loaded in __init__; nothing lazy
        return None

    def result(self, start: int, end: int, entity_type: str, score: float, reason: str) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.NAME,
            original_score=score,
            textual_explanation=reason,
        )
        return RecognizerResult(
            entity_type=entity_type,
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def keep_outermost(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Drop results that lie inside another result of the same recognizer and type.

    One sweep in reading order: every result kept so far starts at or before the current
    one, so the current one lies inside one of them exactly when the furthest end among
    them (of its type) reaches its end.
    """
    kept: list[RecognizerResult] = []
    furthest_end: dict[str, int] = {}
    for r in sorted(results, key=lambda r: (r.start, -r.end)):
        if furthest_end.get(r.entity_type, -1) >= r.end:
            continue
        kept.append(r)
        furthest_end[r.entity_type] = r.end
    return kept
