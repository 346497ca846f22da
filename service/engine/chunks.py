"""The model reads a long transcript in pieces, so that its memory does not grow with the
document; everything else reads the whole document at once.

A piece is a *core* with some text on each side (its context). The cores tile the
document; each is at most ``chunk_chars`` long and is cut between speaker turns (a blank
line, else a line break), else between sentences, else between words, always where a
space ends and a word starts, so that every token of the document is the same token in
the piece that reads it. The model reads core and context; what it finds is kept from the
piece whose core it starts in, whole even when it runs into the context after the core.
A document no longer than ``chunk_chars`` is one piece, read exactly as before.

The model's reading of all pieces is put back together as one ``DocumentReading``: the
entities, the tokens' offsets and their lemmas, and the document's context keywords (what
Presidio's context enhancement reads), with the offsets of the whole document. It holds
no spaCy ``Doc``: each piece's ``Doc`` is dropped once read.
"""
from __future__ import annotations

import re
from array import array
from collections import deque
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

import numpy
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
from spacy.language import Language

# Boundaries, best first: a blank line (a new turn in most layouts), a line break, a sentence
# end, a space. Each match ends where the next word starts.
_BOUNDARIES = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?…][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


@dataclass(frozen=True)
class Piece:
    start: int  # what the model reads: [start, end)
    core_start: int  # what this piece answers for: [core_start, core_end)
    core_end: int
    end: int


def plan_pieces(text: str, chunk_chars: int, context_chars: int) -> list[Piece]:
    """Cut ``text`` into pieces whose cores are at most ``chunk_chars`` long (linear time)."""
    n = len(text)
    if n <= chunk_chars:
        return [Piece(0, 0, n, n)]
    cores = []
    pos = 0
    while n - pos > chunk_chars:
        cut = _last_boundary(text, pos + max(1, chunk_chars // 2), pos + chunk_chars)
        cores.append((pos, cut))
        pos = cut
    cores.append((pos, n))
    return [Piece(_context_start(text, s, context_chars), s, e, _context_end(text, e, context_chars)) for s, e in cores]


def map_pieces(text: str, transform: Callable[[str], str], chunk_chars: int, context_chars: int) -> str:
    """``transform`` (which keeps every character's offset) applied piece by piece, each
    piece's core taken from its own result: what a transform that looks only at nearby
    words does to the whole text, in memory that does not grow with it."""
    pieces = plan_pieces(text, chunk_chars, context_chars)
    if len(pieces) == 1:
        return transform(text)
    return "".join(transform(text[p.start:p.end])[p.core_start - p.start:p.core_end - p.start] for p in pieces)


def _is_cut(text: str, i: int) -> bool:
    """A space before ``i`` and a word at ``i``."""
    return 0 < i < len(text) and text[i - 1].isspace() and not text[i].isspace()


def _last_boundary(text: str, lo: int, hi: int) -> int:
    """The best boundary in (lo, hi]: the last one of the best kind there; ``hi`` when
    there is none (a run of ``hi - lo`` characters without a space)."""
    for pattern in _BOUNDARIES:
        best = None
        for m in pattern.finditer(text, lo, hi + 1):
            if lo < m.end() <= hi and _is_cut(text, m.end()):
                best = m.end()
        if best is not None:
            return best
    return hi


def _context_start(text: str, core_start: int, context_chars: int) -> int:
    if core_start == 0 or context_chars == 0:
        return core_start
    hi = core_start - context_chars
    if hi <= 0:
        return 0
    return _last_boundary(text, max(0, hi - context_chars), hi) if hi - context_chars > 0 else 0


def _context_end(text: str, core_end: int, context_chars: int) -> int:
    n = len(text)
    if core_end >= n or context_chars == 0:
        return core_end
    lo = core_end + context_chars
    if lo >= n:
        return n
    for pattern in _BOUNDARIES:
        for m in pattern.finditer(text, lo, min(n, lo + context_chars)):
            if _is_cut(text, m.end()):
                return m.end()
    return min(n, lo + context_chars)


@dataclass(frozen=True)
class Entity:
    """An entity the model found, as the recognizers read it (a spaCy ``Span``'s fields)."""

    label_: str
    start_char: int
    end_char: int
    text: str


class ModelView:
    """What the recognizers read as ``nlp_artifacts.tokens``: the text the model read (the
    truecased copy of uncased speech-to-text) and its entities; and, for context
    enhancement, where each token ends."""

    def __init__(self, text: str, ents: list[Entity], ends: Sequence[int]) -> None:
        self.text = text
        self.ents = ents
        self.ends = ends

    def __len__(self) -> int:
        return len(self.ends)


class DocumentReading(NlpArtifacts):
    """The model's reading of one document, put together from its pieces."""

    def __init__(self, view: ModelView, starts: Sequence[int], lemmas: list[str], keywords: frozenset[str],
                 nlp_engine, language: str) -> None:
        # NlpArtifacts.__init__ would recompute the keywords as a list; set the fields here.
        self.entities = view.ents
        self.tokens = view
        self.tokens_indices = starts
        self.lemmas = lemmas
        self.keywords = keywords  # a set: the enhancer only asks whether a lemma is one
        self.nlp_engine = nlp_engine
        self.language = language
        self.scores = [1.0] * len(view.ents)

    def token_at(self, start: int) -> int:
        """The first token that ends after ``start`` (what Presidio's linear scan finds)."""
        return min(bisect_right(self.tokens.ends, start), len(self.tokens.ends) - 1)


class _Assembly:
    """One document's reading, piece by piece."""

    def __init__(self, text: str, pieces: list[Piece]) -> None:
        self.text = text
        self.pieces = pieces
        self.ents: list[Entity] = []
        self.starts = array("q")
        self.ends = array("q")
        self.lemmas: list[str] = []
        self.done = 0

    def add(self, doc, piece: Piece, words: dict[int, str]) -> None:
        offset = piece.start
        lo, hi = piece.core_start - offset, piece.core_end - offset
        last_end = self.ents[-1].end_char if self.ents else -1
        for ent in doc.ents:
            start = ent.start_char + offset
            # Kept by the piece its start is in; one that overlaps what the piece before
            # kept (read differently at the edge) is that piece's.
            if lo <= ent.start_char < hi and start >= last_end:
                end = ent.end_char + offset
                self.ents.append(Entity(ent.label_, start, end, self.text[start:end]))
                last_end = end
        strings = doc.vocab.strings
        # Read as one array rather than token by token: a Token object per token costs more
        # than the rest of this together. The 64-bit string keys become Python integers
        # once per distinct word, not once per token.
        table = doc.to_array([IDX, LENGTH, LEMMA, LOWER])
        idx = table[:, 0]
        inside = (idx >= lo) & (idx < hi)
        keys = numpy.where(table[:, 2] != 0, table[:, 2], table[:, 3])[inside]  # token.lemma_ or token.lower_
        distinct, which = numpy.unique(keys, return_inverse=True)
        forms = []
        for key in distinct.tolist():
            word = words.get(key)
            if word is None:
                word = words[key] = strings[key]
            forms.append(word)
        starts = (idx[inside] + offset).tolist()
        self.starts.extend(starts)
        self.ends.extend([start + length for start, length in zip(starts, table[:, 1][inside].tolist())])
        self.lemmas.extend([forms[i] for i in which.tolist()])
        self.done += 1


class DocumentReader:
    """Runs the model over documents' pieces through ``nlp.pipe``."""

    def __init__(self, nlp: Language, nlp_engine, *, chunk_chars: int, context_chars: int, batch_size: int) -> None:
        self.nlp = nlp
        self.nlp_engine = nlp_engine
        # Every piece fits the model's own limit (nlp.max_length), context included.
        limit = max(2, nlp.max_length)
        self.context_chars = min(context_chars, limit // 8)
        self.chunk_chars = max(1, min(chunk_chars, limit - 4 * self.context_chars - 1))
        self.batch_size = batch_size
        # lemma -> its keyword parts (none: not a keyword); one reader serves one run of documents
        self._keyword: dict[str, tuple[str, ...]] = {}

    def read(self, texts: Iterable[str]) -> Iterator[DocumentReading]:
        """One reading per text, in order. Pieces of short documents go through the model
        together (``batch_size`` at a time); a long document's pieces one by one, so that
        only one piece's activations are held at a time."""
        assemblies = (_Assembly(text, plan_pieces(text, self.chunk_chars, self.context_chars)) for text in texts)
        words: dict[int, str] = {}  # a word's hash -> the word, shared by the documents' lemma lists
        batch: list[tuple[_Assembly, Piece]] = []
        waiting: deque[_Assembly] = deque()  # in order; the first ones are done when all their pieces are read
        for assembly in assemblies:
            waiting.append(assembly)
            for piece in assembly.pieces:
                batch.append((assembly, piece))
                if len(batch) >= self.batch_size or len(assembly.pieces) > 1:
                    self._run(batch, words)
                    batch = []
                    while waiting and waiting[0].done == len(waiting[0].pieces):
                        yield self._finish(waiting.popleft())
        if batch:
            self._run(batch, words)
        for assembly in waiting:
            yield self._finish(assembly)

    def _run(self, batch: list[tuple[_Assembly, Piece]], words: dict[int, str]) -> None:
        texts = (assembly.text[piece.start:piece.end] for assembly, piece in batch)
        for (assembly, piece), doc in zip(batch, self.nlp.pipe(texts, batch_size=len(batch))):
            assembly.add(doc, piece, words)

    def _finish(self, assembly: _Assembly) -> DocumentReading:
        keywords = set()
        for lemma in set(assembly.lemmas):
            keywords.update(self._keywords_of(lemma))
        view = ModelView(assembly.text, assembly.ents, assembly.ends)
        return DocumentReading(view, assembly.starts, assembly.lemmas, frozenset(keywords), self.nlp_engine, "en")

    def _keywords_of(self, lemma: str) -> tuple[str, ...]:
        """Presidio's keywords (``NlpArtifacts.set_keywords``): lemmas that are not stop words,
        punctuation, "-PRON-" or "be", lower-cased, split at colons."""
        parts = self._keyword.get(lemma)
        if parts is None:
            engine = self.nlp_engine
            if engine.is_stopword(lemma, "en") or engine.is_punct(lemma, "en") or lemma in ("-PRON-", "be"):
                parts = ()
            else:
                parts = tuple(lemma.lower().split(":"))
            self._keyword[lemma] = parts
        return parts
