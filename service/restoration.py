"""Re-identification that gives back the original, not just the names.

When a document is redacted in a project, the project keeps a *redaction record* for it
(encrypted in the store, found by a keyed hash of the redacted transcript text, i.e. the
text the format reader makes of the redacted file, whatever its bytes):

* ``undo``: what ``formats.restore`` needs to rebuild the original file byte for byte from
  the redacted one (the replaced source text only: names, and any line a replacement emptied);
* ``spans``: ``[start, end, surrogate, original]`` for each replacement, as offsets into the
  redacted transcript text;
* keyed fingerprints of the redacted and of the original file.

Re-identifying a file (or a text) reads it with the same format reader and looks the record up:

* ``exact``: the file is byte for byte the one written: the original file comes back exactly;
* ``text``: the file's text is the one written but its bytes changed (re-saved, line endings
  converted): each surrogate gets back the exact original text it replaced, written through
  the format writer (a name that spanned two cue lines comes back in the first one);
* ``approximate``: no record matches (the text was edited after redaction): each surrogate
  gets its entity's first-seen original, as the re-identification key has it, and the
  result says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from service import formats
from service.engine.engine import Redaction
from service.errors import InputError
from service.models import Replacement
from service.pipeline import WrittenFile, read_document
from service.vocabulary.surrogate_labels import label_core, label_pattern

if TYPE_CHECKING:
    from service.store import ProjectStore

RECORD_VERSION = 1
EXACT, TEXT, APPROXIMATE = "exact", "text", "approximate"
NOTES = {
    EXACT: None,
    TEXT: "exact names, rewritten file: the file's bytes changed after redaction (its text did not); "
          "each surrogate restored to the exact text it replaced",
    APPROXIMATE: "approximate: no redaction record for this text; each surrogate restored to its first-seen original",
}
# Line joins a writer may add or drop right after a surrogate (a name wrapped over lines).
_MAX_JOIN_CHANGE = 4


@dataclass(frozen=True)
class Reidentified:
    data: bytes
    format: str
    mode: str  # exact | text | approximate

    @property
    def note(self) -> str | None:
        """What the caller must be told (None when the original came back exactly)."""
        return NOTES[self.mode]


# -- at redaction ------------------------------------------------------------------------------


def placeholder_surfaces(text: str, redaction: Redaction) -> dict[str, str]:
    """Label core -> the first placeholder with that core as written ("company a" -> "Company A")."""
    found: dict[str, str] = {}
    for d in redaction.decisions:
        if d.entity_type == "PLACEHOLDER":
            surface = text[d.start:d.end]
            core = label_core(surface)
            if core:
                found.setdefault(core, surface)
    return found


def build_record(redaction: Redaction, written: WrittenFile, fingerprint) -> tuple[str, dict[str, Any]]:
    """The redacted transcript text (the record's key) and the record of one redaction."""
    transcript = written.transcript
    reread = formats.read(written.data, format=transcript.format)
    record = {
        "v": RECORD_VERSION,
        "format": transcript.format,
        "file": fingerprint(written.data),
        "original": fingerprint(transcript.source),
        "undo": written.undo,
        "spans": _surrogate_spans(redaction, transcript.text, reread.text),
    }
    return reread.text, record


def remember_redaction(
    store: ProjectStore, project_id: int, text: str, redaction: Redaction, written: WrittenFile | None
) -> list[dict]:
    """Reserve the document's placeholder labels for the project, keep its redaction record,
    and return a warning for each placeholder whose label was already issued as a surrogate."""
    surfaces = placeholder_surfaces(text, redaction)
    redacted_text, record = (None, None) if written is None else build_record(redaction, written, store.fingerprint)
    collisions = store.remember_redaction(
        project_id, redacted_text=redacted_text or "", record=record, placeholder_cores=surfaces
    )
    return [collision_warning(surfaces[core], label) for core, label in sorted(collisions.items())]


def collision_warning(placeholder: str, surrogate: str) -> dict:
    """A placeholder's surface holds the same label core as the issued surrogate, so it shows no name."""
    return {
        "code": "placeholder_collision",
        "placeholder": placeholder,
        "surrogate": surrogate,
        "message": f"placeholder '{placeholder}' collides with an already issued surrogate '{surrogate}'; "
                   "the surrogate is kept (it cannot be taken back), so the two now read alike",
    }


def _surrogate_spans(redaction: Redaction, original: str, reread: str) -> list[list] | None:
    """``[start, end, surrogate, original]`` of each replacement in the re-read redacted text,
    or None when the writer's output cannot be lined up with the engine's redacted text."""
    ordered = sorted(redaction.replacements, key=lambda r: r.start)
    spans_r, shift = [], 0
    for r in ordered:
        start = r.start + shift
        spans_r.append((start, start + len(r.text)))
        shift += len(r.text) - (r.end - r.start)
    located = _line_up(redaction.text, spans_r, reread)
    if located is None:
        return None
    return [[s, e, r.text, original[r.start:r.end]] for (s, e), r in zip(located, ordered)]


def _line_up(redacted: str, spans: list[tuple[int, int]], reread: str) -> list[tuple[int, int]] | None:
    """Where each span of ``redacted`` sits in ``reread``: the same text, except that right
    after a surrogate a writer may have added or dropped a few line joins (a name that
    spanned cue lines leaves the rest of the next line, or an emptied line goes)."""
    out = []
    end_r = end_p = 0
    for start_r, stop_r in spans:
        start_p = _after_gap(redacted[end_r:start_r], reread, end_p, redacted[start_r:stop_r])
        if start_p is None:
            return None
        end_r, end_p = stop_r, start_p + stop_r - start_r
        out.append((start_p, end_p))
    if _after_gap(redacted[end_r:], reread, end_p, "", final=True) is None:
        return None
    return out


def _after_gap(gap: str, reread: str, at: int, surrogate: str, *, final: bool = False) -> int | None:
    """Where the text after ``gap`` starts in ``reread`` (``gap`` following position ``at``),
    given that ``surrogate`` comes next; the fewest added or dropped joins win."""
    for added, dropped in _JOIN_CHANGES:
        if dropped > len(gap):
            continue
        begin = at + added
        end = begin + len(gap) - dropped
        if reread[begin:end] != gap[dropped:] or (final and end != len(reread)):
            continue
        if reread[end:end + len(surrogate)] == surrogate:
            return end
    return None


# (characters added, characters dropped) after a surrogate, fewest changes first.
_JOIN_CHANGES = sorted(
    ((a, d) for a in range(_MAX_JOIN_CHANGE + 1) for d in range(_MAX_JOIN_CHANGE + 1)),
    key=lambda change: (change[0] + change[1], change[1]),
)


# -- at re-identification -----------------------------------------------------------------------


def reidentify_document(
    store: ProjectStore, project_id: int, data: bytes, *, name: str | None = None, format: str | None = None,
    max_bytes: int,
) -> Reidentified:
    """Put the originals back into a file redacted in this project (see the module doc)."""
    transcript = read_document(data, name=name, format=format, max_bytes=max_bytes)
    record = store.redaction_record(project_id, transcript.text)
    if record is not None and record.get("format") == transcript.format:
        exact = _restore_exact(store, data, transcript.format, record)
        if exact is not None:
            return Reidentified(exact, transcript.format, EXACT)
        replacements = _record_replacements(transcript.text, record)
        if replacements is not None:
            return Reidentified(_write(transcript, replacements, name), transcript.format, TEXT)
    originals = store.surrogate_originals(project_id)
    replacements = _label_replacements(transcript.text, originals)
    return Reidentified(_write(transcript, replacements, name), transcript.format, APPROXIMATE)


def reidentify_text(store: ProjectStore, project_id: int, text: str, *, max_bytes: int) -> tuple[str, str]:
    """(restored text, mode) for a text redacted as plain text in this project."""
    try:
        result = reidentify_document(store, project_id, text.encode("utf-8"), format="text", max_bytes=max_bytes)
    except InputError:  # not readable as a text file (a NUL character): by label only
        return store.reidentify(project_id, text), APPROXIMATE
    return result.data.decode("utf-8"), result.mode


def _restore_exact(store: ProjectStore, data: bytes, format: str, record: dict) -> bytes | None:
    if record.get("file") != store.fingerprint(data):
        return None
    try:
        restored = formats.restore(data, format, record.get("undo") or [])
    except formats.FormatError:
        return None
    return restored if store.fingerprint(restored) == record.get("original") else None


def _record_replacements(text: str, record: dict) -> list[Replacement] | None:
    spans = record.get("spans")
    if spans is None:
        return None
    out = []
    for start, end, surrogate, original in spans:
        if text[start:end] != surrogate:
            return None
        out.append(Replacement(start, end, original))
    return out


def _label_replacements(text: str, originals: dict[str, str]) -> list[Replacement]:
    pattern = label_pattern(originals)
    if pattern is None:
        return []
    return [Replacement(m.start(), m.end(), originals[m.group(0)]) for m in pattern.finditer(text)]


def _write(transcript: formats.Transcript, replacements: list[Replacement], name: str | None) -> bytes:
    try:
        return formats.write(transcript, replacements)
    except formats.FormatError as exc:
        raise InputError(name, str(exc), line=exc.line) from None


def public_records(rows: list[dict]) -> list[dict]:
    """Stored records as the key export shows them: per document, each replacement's place in
    the redacted transcript text, its surrogate and the original. Contains names."""
    out = []
    for row in rows:
        record = row["record"]
        out.append({
            "text_hash": row["text_hash"],
            "format": record.get("format"),
            "created_at": row["created_at"].isoformat() if row.get("created_at") else None,
            "replacements": [
                {"start": s, "end": e, "surrogate": surrogate, "original": original}
                for s, e, surrogate, original in (record.get("spans") or [])
            ],
        })
    return out
