"""report: what the engine found or changed and why, as plain data (JSON-ready).

Reports carry offsets, types, recognizers, reasons and surrogates, never the original
text; a dictionary term only where the caller may see the dictionary (``show_terms``).
"""
from __future__ import annotations

from collections import Counter

from service.config import EngineConfig
from service.engine.engine import Analysis, Redaction
from service.engine.nlp import installed_models
from service.formats import Transcript
from service.formats.locate import Locator


def entity_rows(result: Analysis | Redaction, *, transcript: Transcript | None = None,
                show_terms: bool = False) -> list[dict]:
    """One row per decision: the one place a report row is built, from structured fields.

    Every row: ``start``, ``end`` (offsets into the analyzed text), ``entity_type``,
    ``score``, ``recognizer``, ``reason`` (prose that never quotes a name or a dictionary
    term). A redaction's rows add ``surrogate``. With ``transcript``: ``line`` and ``col``,
    where the finding starts in the file (1-based; for DOCX the paragraph, see
    ``service.formats.locate``). With ``show_terms`` (a caller allowed to see the project's
    dictionary): ``term``, on the rows a dictionary term matched.
    """
    surrogates = result.surrogates if isinstance(result, Redaction) else None
    locator = Locator(transcript) if transcript is not None else None
    rows = []
    for i, d in enumerate(result.decisions):
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
        if locator is not None:
            where = locator.locate(d.start)
            row["line"], row["col"] = where.line, where.col
        if show_terms and d.term_match is not None:
            row["term"] = d.term_match.term
        rows.append(row)
    return rows


def suggestion_rows(result: Analysis | Redaction, *, transcript: Transcript | None = None) -> list[dict]:
    """One row per suggestion (a span a reviewer should look at): ``start``, ``end``,
    ``entity_type``, ``score``, ``source`` (the recognizer that proposed it), ``reason``
    (never a name or a term), ``term_id`` (the store id of the dictionary term it sounds
    like, or None); with ``transcript``, ``line`` and ``col`` as in ``entity_rows``."""
    locator = Locator(transcript) if transcript is not None else None
    rows = []
    for s in result.suggestions:
        row = {"start": s.start, "end": s.end, "entity_type": s.entity_type, "score": s.score, "source": s.source,
               "reason": s.reason, "term_id": s.term_id}
        if locator is not None:
            where = locator.locate(s.start)
            row["line"], row["col"] = where.line, where.col
        rows.append(row)
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
