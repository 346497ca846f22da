"""Transcript noise: findings that look like names to a recognizer but never identify
anyone (speaker roles, fillers, generic acronyms, job titles, tags, timestamps)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# libyaml's parser when PyYAML has it (the same data, ten times faster); else the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_POSSESSIVE = re.compile(r"(?:'s|’s|s'|’)$", re.IGNORECASE)
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")

_LIST_KEYS = ("speaker_roles", "layout_labels", "fillers", "acronyms", "job_titles", "generic_nouns", "other",
              "header_keys", "role_abbreviations")
_ROLE_KEYS = ("speaker_roles", "role_abbreviations")
_PATTERN_KEYS = ("speaker_role_patterns", "tag_pattern", "timestamp_pattern", "leading_words", "boilerplate_lines",
                 "boilerplate_types", "role_qualifiers")
# Kinds that are noise as a whole finding but never trimmed off a longer name ("Peter
# Kind", "Iv Stanek").
_NEVER_TRIMMED = ("generic_nouns", "header_keys", "role_abbreviations")
# What may follow a role in a label: a number ("Speaker 2", "Participant #3") or, after a
# space, one letter ("Speaker B"). A letter without a space would turn "Al" or "Ma" into
# a role.
_DESIGNATOR = r"(?:\s*(?:#|no\.?)?\s*[0-9]{1,3}|\s+[a-z])"


def normalize_surface(surface: str) -> str:
    """Lowercase, single-spaced, without edge punctuation or a possessive ending."""
    text = _SPACES.sub(" ", surface).strip()
    text = _EDGE_PUNCT.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return _EDGE_PUNCT.sub("", text).lower()


@dataclass(frozen=True)
class NoiseFilter:
    words: dict[str, str]  # normalized surface -> the list it came from
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    leading_words: frozenset[str] = frozenset()
    boilerplate_lines: tuple[re.Pattern[str], ...] = ()
    boilerplate_types: frozenset[str] = frozenset()

    @classmethod
    def from_file(cls, path: Path) -> "NoiseFilter":
        return cls.from_files([path])

    @classmethod
    def from_files(cls, paths: list[Path]) -> "NoiseFilter":
        """One filter from several lists (a language's own noise words on top of the
        shared ones): lists and patterns add up; a later file's single patterns win."""
        data: dict = {}
        for path in paths:
            part = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
            unknown = set(part) - set(_LIST_KEYS) - set(_PATTERN_KEYS)
            if unknown:
                raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
            for key, value in part.items():
                if isinstance(value, list):
                    # A bare yes/no/on/off is a YAML boolean: the word would silently be lost.
                    if not all(isinstance(item, str) for item in value):
                        raise ValueError(f"{path}: every entry of {key} must be a string (quote yes, no, on, off)")
                    data[key] = [*(data.get(key) or []), *value]
                else:
                    data[key] = value
        words: dict[str, str] = {}
        for key in _LIST_KEYS:
            for word in data.get(key) or ():
                words.setdefault(normalize_surface(word), key)
        roles = [w for key in _ROLE_KEYS for w in data.get(key) or ()]
        patterns = [(role_label_pattern(roles, data.get("role_qualifiers") or ()), "speaker_roles")]
        patterns += [(re.compile(p, re.IGNORECASE), "speaker_roles") for p in data.get("speaker_role_patterns") or ()]
        for key, kind in (("tag_pattern", "tags"), ("timestamp_pattern", "timestamps")):
            if data.get(key):
                patterns.append((re.compile(data[key], re.IGNORECASE), kind))
        leading = frozenset(str(w).lower() for w in data.get("leading_words") or ())
        boilerplate = tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in data.get("boilerplate_lines") or ())
        return cls(
            words=words,
            patterns=tuple(patterns),
            leading_words=leading,
            boilerplate_lines=boilerplate,
            boilerplate_types=frozenset(data.get("boilerplate_types") or ()),
        )

    def why_noise(self, surface: str) -> str | None:
        """The list that makes ``surface`` noise, or None when it may be a name."""
        if not surface.strip():
            return "empty"
        if surface.strip().startswith(("[", "(", "<", "{")):
            for pattern, kind in self.patterns:
                if kind == "tags" and pattern.fullmatch(surface.strip()):
                    return kind
        key = normalize_surface(surface)
        if not key:
            return "punctuation"
        if key in self.words:
            kind = self.words[key]
            # "the council" is generic; "the Council" names an institution.
            if kind == "generic_nouns" and any(c.isupper() for c in surface):
                return None
            return kind
        for pattern, kind in self.patterns:
            if pattern.fullmatch(key):
                return kind
        return None

    def boilerplate_spans(self, text: str) -> list[tuple[int, int]]:
        """Lines a tool added to the transcript (see ``boilerplate_lines``)."""
        return [m.span() for pattern in self.boilerplate_lines for m in pattern.finditer(text)]

    def is_noise_word(self, word: str) -> bool:
        return normalize_surface(word) in self.words

    def trim(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Shrink ``[start, end)`` past leading/trailing noise words and punctuation
        ("Interviewee Amin" -> "Amin", "ML ML" -> empty)."""
        words = [(start + m.start(), start + m.end()) for m in _WORD_TOKEN.finditer(text[start:end])]
        while words and (
            self._trimmable(text[words[0][0]:words[0][1]]) or text[words[0][0]:words[0][1]].lower().rstrip('.') in self.leading_words
        ):
            words.pop(0)
        while words and self._trimmable(text[words[-1][0]:words[-1][1]]):
            words.pop()
        if not words:
            return start, start
        return words[0][0], _extend_closing(text, words[-1][1], end)


    def _trimmable(self, word: str) -> bool:
        why = self.why_noise(word)
        return why is not None and why not in _NEVER_TRIMMED


def role_label_pattern(roles, qualifiers) -> re.Pattern[str]:
    """A role label, matched against a normalized surface: an optional qualifier, a role,
    an optional number or letter ("unknown speaker", "co-interviewer", "interviewer 2")."""

    def alternatives(words) -> str:
        forms = {r"\s+".join(map(re.escape, normalize_surface(w).split())) for w in words}
        return "|".join(sorted(forms, key=lambda f: (-len(f), f)))

    qualifier = rf"(?:(?:{alternatives(qualifiers)})[\s-]+)?" if qualifiers else ""
    return re.compile(rf"{qualifier}(?:{alternatives(roles)}){_DESIGNATOR}?", re.IGNORECASE)


_WORD_TOKEN = re.compile(r"[\w'’&.-]*\w[\w'’&-]*\.?")


def _extend_closing(text: str, pos: int, end: int) -> int:
    # Keep a closing bracket or quote that belonged to the name.
    while pos < end and text[pos] in ")]\"'’":
        pos += 1
    return pos
