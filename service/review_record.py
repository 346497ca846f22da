"""The review record: what a reviewer decided about one transcript, for a data steward.

For each decision: what kind of item it was (a finding, a suggestion, a name the reviewer
added), the action, the entity type, the surrogate that now stands in the text, who and
when, and where it is in the file (line and column, as ``tanon analyze`` says). Then
every finding and suggestion nobody decided, with what happened to it. Never the
original text, unless the sensitive version is asked for (``sensitive=True``: each row
then has ``text``).
"""
from __future__ import annotations

from datetime import datetime, timezone

from service.decisions import DecisionsDocument, ReviewDecision
from service.engine.decide import PLACEHOLDER
from service.engine.noise import normalize_surface
from service.engine.overrides import REJECT
from service.formats.locate import Locator
from service.pipeline import RedactedDocument

VERSION = 1


def review_record(decisions: DecisionsDocument, document: RedactedDocument, *, project: str | None = None,
                  sensitive: bool = False, now: datetime | None = None) -> dict:
    redaction, transcript = document.redaction, document.transcript
    text = transcript.text
    locator = Locator(transcript)
    engine_decisions = redaction.reviewed_from if redaction.reviewed_from is not None else redaction.decisions
    found = {(d.start, d.end): d for d in engine_decisions if d.entity_type != PLACEHOLDER}
    suggested = {(s.start, s.end): s for s in redaction.suggestions}

    def replaced_by(start: int, end: int) -> tuple[str | None, str | None]:
        """The type and surrogate now standing where ``[start, end)`` was."""
        for d, surrogate in zip(redaction.decisions, redaction.surrogates):
            if d.start <= start and end <= d.end and d.entity_type != PLACEHOLDER:
                return d.entity_type, surrogate
        return None, None

    def where(start: int, end: int) -> dict:
        place = locator.locate(start)
        row = {"start": start, "end": end, "line": place.line, "col": place.col}
        if sensitive:
            row["text"] = text[start:end]
        return row

    rows = []
    for n, d in enumerate(decisions.decisions, 1):
        span = (d.start, d.end)
        tier = d.tier or ("finding" if span in found else "suggestion" if span in suggested else "added")
        entity_type, surrogate = replaced_by(*span) if d.action != REJECT else (None, None)
        if entity_type is None:
            before = found.get(span) or suggested.get(span)
            entity_type = d.entity_type or (before.entity_type if before is not None else None)
        rows.append({
            "n": n,
            "tier": tier,
            "action": d.action,
            "entity_type": entity_type,
            "surrogate": surrogate,
            "apply_to_all": d.apply_to_all,
            "remember": d.remember,
            "reviewer": d.reviewer,
            "time": d.time.isoformat() if d.time else None,
            **where(*span),
        })

    decided_spans, decided_surfaces = _decided(text, decisions.decisions)
    pending = []
    for tier, items in (("finding", found), ("suggestion", suggested)):
        for (start, end), item in sorted(items.items()):
            if (start, end) in decided_spans or normalize_surface(text[start:end]) in decided_surfaces:
                continue
            entity_type, surrogate = replaced_by(start, end)
            pending.append({
                "tier": tier,
                "entity_type": entity_type or item.entity_type,
                "surrogate": surrogate,
                "outcome": "replaced" if surrogate is not None else "left as written",
                **where(start, end),
            })
    pending.sort(key=lambda row: row["start"])
    return {
        "version": VERSION,
        "document": decisions.document.model_dump(mode="json"),
        "project": project,
        "created_at": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "sensitive": sensitive,
        "reviewers": sorted({d.reviewer for d in decisions.decisions if d.reviewer}),
        "complete": not pending,
        "summary": {
            "findings": len(found),
            "suggestions": len(suggested),
            "decisions": len(rows),
            "not_reviewed": len(pending),
            "replacements": len(redaction.replacements),
        },
        "decisions": rows,
        "not_reviewed": pending,
    }


def _decided(text: str, decisions: list[ReviewDecision]) -> tuple[set[tuple[int, int]], set[str]]:
    """Spans a decision names, and surfaces decided for every mention."""
    spans = {(d.start, d.end) for d in decisions}
    surfaces = {normalize_surface(text[d.start:d.end]) for d in decisions if d.apply_to_all}
    return spans, surfaces
