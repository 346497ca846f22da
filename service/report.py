"""report: what the engine changed and why, as plain data (JSON-ready).

Reports carry offsets, types, recognizers and reasons, never the original text.
"""
from __future__ import annotations

from collections import Counter

from service.config import EngineConfig
from service.engine.engine import Analysis, Redaction
from service.formats import Transcript
from service.formats.locate import Locator
from service.engine.nlp import installed_models


def entity_rows(analysis: Analysis | Redaction, surrogates: list[str | None] | None = None) -> list[dict]:
    rows = []
    for i, d in enumerate(analysis.decisions):
        row = {
            "start": d.start,
            "end": d.end,
            "entity_type": d.entity_type,
            "score": d.score,
            "recognizer": d.recognizer,
            "reason": d.reason,
        }
        if surrogates is not None:
            row["surrogate"] = surrogates[i]
        rows.append(row)
    return rows


def suggestion_rows(analysis: Analysis, *, terms: bool = False) -> list[dict]:
    """The analysis's suggestions (spans for a person to confirm), without the dictionary
    term each resembles and how it sounds unless ``terms`` (a view for the project's admin)."""
    rows = []
    for s in analysis.suggestions:
        row = {"start": s.start, "end": s.end, "entity_type": s.entity_type, "score": s.score,
               "recognizer": s.recognizer, "how": s.kind, "evidence": s.evidence}
        if terms:
            row["term"], row["method"] = s.term, s.method
        rows.append(row)
    return rows


def located_rows(transcript: Transcript, analysis: Analysis | Redaction) -> list[dict]:
    """``entity_rows`` with where each finding starts in the file: ``line`` and ``col``
    (1-based; for DOCX the paragraph, see ``service.formats.locate``). ``start``/``end``
    stay offsets into the transcript text the engine analyzed."""
    locator = Locator(transcript)
    rows = entity_rows(analysis)
    for row in rows:
        where = locator.locate(row["start"])
        row["line"], row["col"] = where.line, where.col
    return rows


def summary(redaction: Redaction) -> dict:
    counts = Counter(d.entity_type for d in redaction.decisions)
    return {
        "entities_by_type": dict(sorted(counts.items())),
        "replacements": len(redaction.replacements),
        "surrogates_used": sorted({s for s in redaction.surrogates if s}),
        "dropped_as_noise": sum(1 for d in redaction.dropped if d.why.startswith("transcript noise")),
    }


def engine_info(config: EngineConfig) -> dict:
    """The resolved configuration that produced a report (so results can be reproduced)."""
    models = installed_models(config.nlp)
    return {
        "model": models.get("en"),  # the English pipeline that ran: the first installed of nlp.models.en
        "models": models,
        "pipes": list(config.nlp.pipes),
        "recognizers": [e.name for e in config.recognizers if e.enabled],
        # Every option of every recognizer that ran, defaults filled in.
        "recognizer_options": {e.name: e.options for e in config.recognizers if e.enabled},
        # How a project's dictionary is matched (spelling and sound-alike thresholds).
        "dictionary": config.dictionary.model_dump(mode="json"),
        "score_threshold": config.decide.score_threshold,
        "propagation": config.propagation.enabled,
        "operators": {t: p.operator for t, p in sorted(config.entities.items())},
    }
