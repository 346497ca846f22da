"""Which language a transcript is written in.

The NER model, the noise lists and the word frequencies are per language: an English
model reading a German interview replaces "Sie" and "Trabajo" and misses "Frau Müller",
silently. So the engine asks this module first and refuses a language it has no model for.

The guess comes from py3langid (BSD-3-Clause; its n-gram model ships in the wheel, so
nothing is downloaded). Transcript layout is taken out before guessing: speaker labels,
timestamps, numbers, tags and addresses say nothing about the language, and names
("Jürgen", "Deutsche Bank") say the wrong thing, so capitalized words after the first of a
sentence are left out too.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from service.config import LanguageDetectionConfig
from service.engine.cache_files import cache_dir, cached_pickle, source_stamp

# Layout and tokens that carry no language: "Jane Doe:" / "P1:" labels at a line start,
# Otter's "Speaker 1  0:03" lines, [inaudible]-style tags, addresses, and every number.
_LABEL = re.compile(r"^[ \t]*[^\s:][^:\n]{0,40}:[ \t]", re.MULTILINE)
_TIMED_LINE = re.compile(r"^[^\n]{0,60}?[ \t]\d{1,2}:\d{2}(?::\d{2})?[ \t]*$", re.MULTILINE)
_TAG = re.compile(r"[\[(<{][^\])>}\n]{0,40}[\])>}]")
_ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)
_NUMBER = re.compile(r"\S*\d\S*")
_SENTENCE = re.compile(r"[^.!?¿¡\n]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class LanguageGuess:
    """``code`` is an ISO 639 code, or None when the text has too few words to tell."""

    code: str | None
    confidence: float
    words: int

    @property
    def name(self) -> str:
        return language_name(self.code) if self.code else "unknown"


def language_name(code: str) -> str:
    """English name of an ISO 639 code ("de" -> "German")."""
    import langcodes

    try:
        return langcodes.Language.get(code).display_name()
    except (LookupError, ValueError):  # an unknown or malformed code: the code is the name
        return code


def language_words(text: str) -> list[str]:
    """The words that tell a language: no labels, tags, numbers, addresses or names."""
    text = _ADDRESS.sub(" ", _TAG.sub(" ", _LABEL.sub(" ", _TIMED_LINE.sub(" ", text))))
    text = _NUMBER.sub(" ", text)
    words: list[str] = []
    for sentence in _SENTENCE.finditer(text):
        found = _WORD.findall(sentence.group())
        # The first word of a sentence is capitalized by grammar; a later capital is
        # usually a name (in German also a noun: the words between still tell German).
        words += found[:1] + [w for w in found[1:] if not w[0].isupper()]
    return words


def sample(words: list[str], limit: int, pieces: int = 8) -> list[str]:
    """At most ``limit`` words, taken from ``pieces`` places spread over the text, so a
    long transcript costs no more than a short one and an English preamble cannot hide
    the language of the rest."""
    if len(words) <= limit:
        return words
    size = limit // pieces
    step = (len(words) - size) / (pieces - 1)
    return [w for i in range(pieces) for w in words[round(i * step):round(i * step) + size]]


# Characters per word, generously: a long text is cut to about this many characters per
# sampled word before it is cleaned, so the cleaning costs no more than the guess.
_CHARS_PER_WORD = 6


def excerpts(text: str, chars: int, pieces: int = 8) -> list[str]:
    """The whole text when short, else ``pieces`` runs of whole lines spread over it."""
    if len(text) <= chars:
        return [text]
    size = chars // pieces
    out = []
    for i in range(pieces):
        start = round(i * (len(text) - size) / (pieces - 1))
        if start:
            start = text.find("\n", start, start + size) + 1 or start  # from a line start when one is near
        end = text.rfind("\n", start, start + size)
        out.append(text[start:end if end > start else start + size])
    return out


def guess_language(text: str, settings: LanguageDetectionConfig) -> LanguageGuess:
    words = [w for part in excerpts(text, settings.sample_words * _CHARS_PER_WORD) for w in language_words(part)]
    if len(words) < settings.min_words:
        return LanguageGuess(None, 0.0, len(words))
    code, confidence = _identifier().classify(" ".join(sample(words, settings.sample_words)))
    return LanguageGuess(code, float(confidence), len(words))


_lock = threading.Lock()
_loaded = None


def preload() -> None:
    """Load the detector's model in the background, overlapping with loading the spaCy
    model. The package's model is LZMA-compressed (0.4-2 s of CPU to read); the first
    process pickles the loaded detector in the engine's cache folder, and later ones
    read that (under 0.1 s)."""
    threading.Thread(target=_identifier, name="tanon-language-model", daemon=True).start()


def _identifier():
    global _loaded
    with _lock:
        if _loaded is None:
            from py3langid import langid

            def load():
                # norm_probs: the confidence is a probability over the languages the model knows.
                return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)

            try:  # named after the model file and the code that reads it
                stamp = f"{source_stamp(langid.MODEL_DIR / langid.MODEL_FILE)}-{source_stamp(Path(langid.__file__))}"
            except (OSError, TypeError):
                _loaded = load()
            else:
                _loaded = cached_pickle(cache_dir() / f"langid-{stamp}.pickle", load)
        return _loaded
