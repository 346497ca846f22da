"""Gazetteer recognizer: names of organizations, vendors, products and universities from
plain-text lists in ``config/gazetteers/``.

Transcripts are often lower-case speech-to-text, so matching is case-insensitive and works
on normalised tokens: accents folded, ``&`` read as ``and``, inner punctuation dropped
("Coca-Cola" = "coca cola", "AT&T" = "atandt"). Every name is indexed by its tokens joined
without spaces (its *compact key*), and the text is scanned once for all keys
(``recognizers.name_matcher``). That one pass gives whitespace-insensitivity, the longest
match ("Amazon Web Services" over "Amazon") and the speech-to-text variants where a name
is split or run together ("work day", "cultureamp").

Names that are also ordinary words ("apple", "slack", "target") are listed in
``ambiguous.txt`` with the rules that make them count (context words, capitalised
mid-sentence, next to another name); without such evidence they are not reported.
"""
from __future__ import annotations

import heapq
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from presidio_analyzer import RecognizerResult

from recognizers.base import TranscriptRecognizer
from recognizers.errors import RecognizerSetupError
from recognizers.name_matcher import KeyMatch, NameMatcher
from recognizers.options import GazetteerOptions
from service.vocabulary.discourse_markers import is_discourse_marker
from service.vocabulary.entity_types import ORGANIZATION, ORGANIZATION_TYPES, UNIVERSITY

# Where the lists are when no directory is given: the configuration shipped with the package.
BUNDLED_CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"

# Words, numbers and a lone "&" ("Dun & Bradstreet"); apostrophes, dots and "&" may sit
# inside a token ("O'Reilly", "node.js", "AT&T"); hyphens and slashes split tokens so
# "ex-Google" still finds "google" and "Coca-Cola" is the two tokens "coca cola".
TOKEN_RE = re.compile(r"\w+(?:['’.&]\w+)*|&")
# What may separate two tokens of one name: spaces, line breaks, hyphens. Not sentence
# punctuation: "... at Amazon. Web services ..." is not "Amazon Web Services".
JOINABLE_GAP_RE = re.compile(r"[\s\-‐–]*")
SENTENCE_START_CHARS = frozenset(".!?:;\"“”‘'([–—*>")
SENTENCE_END_CHARS = frozenset(".!?;:\n")
POSSESSIVE_SUFFIXES = ("'s", "’s")
POSSESSIVE = ("'s",)  # how a possessive is written among ambiguous.txt's "next" phrases
MAX_NAME_TOKENS = 12  # a hard stop for the scan; real names stop much earlier

# Small words that make a split or run-together variant risky ("a hold" ~ "Ahold",
# "at and t" ~ "AT&T"): such variants need the same evidence as an ambiguous name.
FUNCTION_WORDS = frozenset(
    """a an the and or of to in on at by for from with as is it its be are was were this that
    these those i you he she we they me my our your us up out off over into onto not no so
    do does did have has had all any some one two three four five six seven eight nine ten
    if then than there here what which who how when where why can could will would should
    may might must just but yet also very too more most less per via vs""".split()
)
DETERMINERS = frozenset("a an the this that these those some any my our your their his her its no every each".split())
# Between two names these still make a list of names ("Slack and Teams", "AWS to Azure").
PAIR_CONNECTORS = frozenset("and or & vs versus to plus then nor also like from into with".split())
MAX_PAIR_GAP_TOKENS = 2

_TYPE_ALIASES = {"ORG": "ORGANIZATION", "ORGANISATION": "ORGANIZATION", "PROD": "PRODUCT", "UNI": "UNIVERSITY"}


@lru_cache(maxsize=131072)
def normalize_token(token: str) -> str:
    """Lower-case, fold accents, read '&' as 'and', drop inner punctuation."""
    token = token.lower()
    if not token.isascii():
        token = unicodedata.normalize("NFKD", token)
        token = "".join(ch for ch in token if not unicodedata.combining(ch))
        token = token.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")
    if token == "&":
        return "and"
    token = token.replace("&", "and")
    return "".join(ch for ch in token if ch.isalnum())


def tokenize_name(name: str) -> tuple[str, ...]:
    tokens = [normalize_token(m.group()) for m in TOKEN_RE.finditer(name)]
    return tuple(t for t in tokens if t)


@dataclass(frozen=True)
class GazetteerEntry:
    canonical: str  # the first name on its line, shown in reasons
    entity_type: str
    list_name: str
    path: Path  # the list file, named in load errors


@dataclass(frozen=True)
class AmbiguityRule:
    """When an ambiguous name counts; see the header of ambiguous.txt."""

    entity_type: str
    cased: bool = False  # capitalised mid-sentence, or in capitals, in the text
    caps: bool = False  # in capitals only ("WHO", "NICE"): for acronyms that are also words
    pair: bool = False  # listed next to another name that counted
    unless_vetoed: bool = False  # counts by default; only the vetoes stop it
    # Phrases, longest first (then alphabetical), so the evidence named is the same in every process.
    prev: tuple[tuple[str, ...], ...] = ()  # phrases right before the name
    next: tuple[tuple[str, ...], ...] = ()  # phrases right after it ("'s" = possessive)
    veto_prev: tuple[tuple[str, ...], ...] = ()
    veto_next: tuple[tuple[str, ...], ...] = ()


@dataclass
class Gazetteer:
    """All lists, indexed for the one-pass scan."""

    by_compact: dict[str, GazetteerEntry] = field(default_factory=dict)
    # Token tuples the lists spell out; a match with other tokens is a variant.
    listed_tokens: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    matcher: NameMatcher = field(default_factory=lambda: NameMatcher(()))  # built once every list is in
    ambiguous: dict[tuple[str, ...], AmbiguityRule] = field(default_factory=dict)
    ambiguous_compact: dict[str, AmbiguityRule] = field(default_factory=dict)
    # Names whose listed spelling ends in "'s" ("Christie's"): only there is a text's "'s"
    # part of the name; elsewhere it is a possessive ("HB's" is not "HBS").
    apostrophe_s: set[str] = field(default_factory=set)

    def add(self, name: str, entity_type: str, canonical: str, list_name: str, path: Path) -> None:
        """Index ``name``; a name that another line gives another type is an error, since
        one spelling cannot get two kinds of surrogate."""
        tokens = tokenize_name(name)
        if tokens and tokens[0] == "the" and len(tokens) > 1:  # "The Home Depot": the article is not the name
            tokens = tokens[1:]
        if not tokens:
            return
        compact = "".join(tokens)
        if re.search(r"['’]s\b", name):
            self.apostrophe_s.add(compact)
        existing = self.by_compact.get(compact)
        if existing is None:
            self.by_compact[compact] = GazetteerEntry(canonical, entity_type, list_name, path)
        elif existing.entity_type != entity_type:
            raise _conflict(path, name, entity_type, existing)
        self.listed_tokens.setdefault(compact, set()).add(tokens)

    def __len__(self) -> int:
        return len(self.by_compact)


def _conflict(path: Path, name: str, entity_type: str, existing: GazetteerEntry) -> RecognizerSetupError:
    return RecognizerSetupError(
        f"{path}: {name!r} is {entity_type} here but {existing.entity_type} in {existing.path} "
        f"({existing.canonical!r}); give the name one type"
    )


def _data_lines(path: Path):
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if line and not line.startswith("#"):
                yield line


def _entity_type(value: str, path: Path) -> str:
    value = _TYPE_ALIASES.get(value.strip().upper(), value.strip().upper())
    if value not in ORGANIZATION_TYPES:
        raise RecognizerSetupError(f"{path}: unknown entity type {value!r}; expected one of {', '.join(ORGANIZATION_TYPES)}")
    return value


def _load_list(gazetteer: Gazetteer, path: Path, default_type: str, list_name: str) -> None:
    """Lines are ``name | alias | ...`` or ``TYPE<TAB>name | alias | ...``."""
    for line in _data_lines(path):
        entity_type = default_type
        if "\t" in line:
            type_field, line = line.split("\t", 1)
            entity_type = _entity_type(type_field, path)
        names = [n.strip() for n in line.split(" | ") if n.strip()]
        for name in names:
            gazetteer.add(name, entity_type, names[0], list_name, path)


def _phrases(value: str) -> frozenset[tuple[str, ...]]:
    phrases = set()
    for phrase in value.split(","):
        phrase = phrase.strip()
        if phrase in ("'s", "’s"):
            phrases.add(("'s",))
        elif phrase:
            phrases.add(tuple(normalize_token(t) for t in phrase.split()))
    return frozenset(phrases)


def _load_ambiguous(gazetteer: Gazetteer, path: Path) -> None:
    """``@profile NAME<TAB>key=values...`` lines define reusable context;
    ``surface<TAB>TYPE<TAB>rules<TAB>key=values...`` lines mark a name as ambiguous."""
    profiles: dict[str, dict[str, frozenset]] = {}
    for line in _data_lines(path):
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        if fields[0].startswith("@profile"):
            name = fields[0].split()[1]
            profiles[name] = {k: _phrases(v) for k, v in (f.split("=", 1) for f in fields[1:])}
            continue
        if len(fields) < 3:
            raise RecognizerSetupError(f"{path}: expected surface, type and rules in {line!r}")
        surface, entity_type, rule_names = fields[0], _entity_type(fields[1], path), fields[2]
        options: dict[str, set] = {"prev": set(), "next": set(), "veto_prev": set(), "veto_next": set()}
        flags = {"cased": False, "caps": False, "pair": False, "unless_vetoed": False}
        for rule in (r.strip() for r in rule_names.split(",") if r.strip()):
            if rule in flags:
                flags[rule] = True
            elif rule in profiles:
                for key, phrases in profiles[rule].items():
                    options[key] |= phrases
            else:
                raise RecognizerSetupError(f"{path}: unknown rule or profile {rule!r} for {surface!r}")
        for extra in fields[3:]:
            key, value = extra.split("=", 1)
            if key not in options:
                raise RecognizerSetupError(f"{path}: unknown option {key!r} for {surface!r}")
            options[key] |= _phrases(value)
        rule = AmbiguityRule(
            entity_type=entity_type,
            **flags,
            **{k: tuple(sorted(v, key=lambda phrase: (-len(phrase), phrase))) for k, v in options.items()},
        )
        tokens = tokenize_name(surface)
        compact = "".join(tokens)
        gazetteer.ambiguous[tokens] = rule
        existing = gazetteer.by_compact.get(compact)
        if existing is None:  # a name only this list knows
            gazetteer.add(surface, entity_type, surface, "ambiguous names", path)
        elif existing.entity_type != entity_type:
            raise _conflict(path, surface, entity_type, existing)
        if tokens in gazetteer.listed_tokens[compact]:
            # The listed spelling is ambiguous, so every spelling of it is ("work day" too);
            # a split spelling ("sales force") marks only itself.
            gazetteer.ambiguous_compact.setdefault(compact, rule)


@lru_cache(maxsize=8)
def load_gazetteer(list_paths: tuple[tuple[str, str, str], ...], ambiguous_path: str | None, _mtimes: tuple) -> Gazetteer:
    """Cached by paths and modification times, so many recognizer instances share one index."""
    gazetteer = Gazetteer()
    for list_name, path, default_type in list_paths:
        _load_list(gazetteer, Path(path), default_type, list_name)
    if ambiguous_path:
        _load_ambiguous(gazetteer, Path(ambiguous_path))
    gazetteer.matcher = NameMatcher(gazetteer.by_compact)
    return gazetteer


class _Tokens:
    """The text's tokens as parallel lists; facts about the gaps between tokens are worked
    out only where a name is being tried, which keeps the scan cheap."""

    __slots__ = ("text", "starts", "ends", "norms", "surfaces", "_all_caps_text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.norms: list[str] = []
        self.surfaces: list[str] = []
        self._all_caps_text: bool | None = None
        # Per distinct surface, once: one string object for it, and its norm.
        seen: dict[str, tuple[str, str]] = {}
        for match in TOKEN_RE.finditer(text):
            surface = match.group()
            known = seen.get(surface)
            if known is None:
                known = seen[surface] = (surface, normalize_token(surface))
            surface, norm = known
            if norm:
                self.starts.append(match.start())
                self.ends.append(match.end())
                self.norms.append(norm)
                self.surfaces.append(surface)

    def __len__(self) -> int:
        return len(self.norms)

    def gap(self, j: int) -> str:
        return self.text[self.ends[j - 1] : self.starts[j]] if j else self.text[: self.starts[0]]

    def joinable(self, j: int) -> bool:
        """Only spaces, line breaks or hyphens between token j-1 and token j."""
        gap = self.gap(j)
        if JOINABLE_GAP_RE.fullmatch(gap):
            return True
        return gap.strip() == "." and len(self.norms[j - 1]) <= 3  # "U.S. Bank", "St. Andrews"

    def sentence_start(self, j: int) -> bool:
        if j == 0:
            return True
        gap = self.gap(j)
        if "\n" in gap:  # transcript turns start on new lines
            return True
        stripped = gap.rstrip()
        if stripped == "," and is_discourse_marker(self.norms[j - 1]):
            return True  # a restart: "and, like, Next thing we knew"
        return bool(stripped) and stripped[-1] in SENTENCE_START_CHARS

    def alt(self, j: int) -> tuple[str | None, bool]:
        """The token without a possessive or plural "s", and whether it was possessive."""
        surface, norm = self.surfaces[j], self.norms[j]
        if surface[-2:].lower() in POSSESSIVE_SUFFIXES and len(norm) > 2:
            return norm[:-1], True
        if surface[-1:] in "sS" and surface[-2:-1] not in "sS'’" and len(norm) >= 5 and norm.isalpha():
            return norm[:-1], False  # a plural: "the Accentures"
        return None, False

    def all_caps_text(self) -> bool:
        if self._all_caps_text is None:
            self._all_caps_text = self.text.isupper()
        return self._all_caps_text


@dataclass(slots=True)
class _Candidate:
    first: int  # token indices, inclusive
    last: int
    start: int  # character offsets of the reported span
    end: int
    entry: GazetteerEntry
    variant: bool
    rule: AmbiguityRule | None
    plural: bool
    possessive: bool


class GazetteerRecognizer(TranscriptRecognizer):
    """Finds listed organizations, vendors, products and universities."""

    NAME = "gazetteer.v1"
    ENTITIES = ORGANIZATION_TYPES

    def __init__(
        self,
        options: GazetteerOptions | None = None,
        *,
        base_dir: str | Path | None = None,
        supported_entities: list[str] | None = None,
        **kwargs,
    ) -> None:
        """``base_dir`` is the directory the options' relative list paths are resolved
        against (the engine passes their ``dir``, resolved); by default that ``dir`` in the
        configuration shipped with the package."""
        options = options or GazetteerOptions()
        directory = Path(base_dir) if base_dir else BUNDLED_CONFIG_DIR / options.dir

        def resolve(path: str | None) -> str | None:
            if path is None:
                return None
            resolved = Path(path) if Path(path).is_absolute() else directory / path
            if not resolved.is_file():
                raise RecognizerSetupError(f"{resolved}: list file not found")
            return str(resolved)

        list_paths = tuple(
            (list_name, resolved, default_type)
            for list_name, path, default_type in (
                ("organizations", options.organizations_path, ORGANIZATION),
                ("vendors and products", options.vendors_products_path, ORGANIZATION),
                ("data providers", options.data_providers_path, ORGANIZATION),
                ("universities", options.universities_path, UNIVERSITY),
            )
            if (resolved := resolve(path))
        )
        ambiguous = resolve(options.ambiguous_path)
        mtimes = tuple(Path(p).stat().st_mtime_ns for _, p, _ in list_paths)
        if ambiguous:
            mtimes += (Path(ambiguous).stat().st_mtime_ns,)
        self.gazetteer = load_gazetteer(list_paths, ambiguous, mtimes)
        self.min_score = options.min_score
        self.score = options.score
        self.variant_score = options.variant_score
        self.context_score = options.context_score
        super().__init__(supported_entities=supported_entities, **kwargs)

    # -- scanning -------------------------------------------------------------------------

    def _candidates(self, toks: _Tokens) -> dict[int, list[_Candidate]]:
        """Every listed name in the text, by first token, longest first. The last word may
        be a possessive or plural ("Netflix's", "the Accentures") or, after a listed first
        word, inflected by speech-to-text ("Amazon personalized" for "Amazon Personalize")."""
        found: dict[int, list[_Candidate]] = {}
        for match in self.gazetteer.matcher.find(toks.norms, toks.joinable, max_tokens=MAX_NAME_TOKENS, max_cut=2):
            cand = self._variant(toks, match)
            if cand is not None:
                found.setdefault(match.first, []).append(cand)
        return found

    def _variant(self, toks: _Tokens, match: KeyMatch) -> _Candidate | None:
        first, last, key = match.first, match.last, match.key
        if match.cut == 0:
            if toks.surfaces[last][-2:].lower() in POSSESSIVE_SUFFIXES and key not in self.gazetteer.apostrophe_s:
                return None  # "HB's" is HB's, not "HBS"
            return self._candidate(toks, first, last, key, None, False)
        if match.cut == 1:
            alt, possessive = toks.alt(last)
            if alt is not None:
                return self._candidate(toks, first, last, key, alt, possessive)
        stem = toks.norms[last][: -match.cut]
        if last > first and stem in _inflection_stems(toks.norms[last]):
            return self._candidate(toks, first, last, key, stem, False)
        return None

    def _candidate(self, toks: _Tokens, first: int, last: int, compact: str, alt: str | None, possessive: bool) -> _Candidate:
        gaz = self.gazetteer
        matched = tuple(toks.norms[first:last]) + (alt if alt is not None else toks.norms[last],)
        entry = gaz.by_compact[compact]
        variant = matched not in gaz.listed_tokens[compact]
        rule = gaz.ambiguous.get(matched) or gaz.ambiguous_compact.get(compact)
        if rule is None and variant and len(matched) > 1 and any(t in FUNCTION_WORDS or len(t) == 1 for t in matched):
            rule = _risky_variant_rule(entry.entity_type)
        end = toks.ends[last] - 2 if possessive else toks.ends[last]  # "<ORG>'s" reads naturally
        return _Candidate(first, last, toks.starts[first], end, entry, variant, rule, alt is not None and not possessive, possessive)

    # -- evidence for ambiguous names -------------------------------------------------------

    @staticmethod
    def _phrase_before(toks: _Tokens, first: int, phrases) -> str | None:
        for phrase in phrases:
            n = len(phrase)
            if n <= first and tuple(toks.norms[first - n : first]) == phrase:
                return " ".join(toks.surfaces[first - n : first])
        return None

    @staticmethod
    def _phrase_after(toks: _Tokens, cand: _Candidate, phrases) -> str | None:
        if cand.possessive and POSSESSIVE in phrases:
            return "'s"
        nxt = cand.last + 1
        for phrase in phrases:
            n = len(phrase)
            if nxt + n <= len(toks) and tuple(toks.norms[nxt : nxt + n]) == phrase:
                return " ".join(toks.surfaces[nxt : nxt + n])
        return None

    def _vetoed(self, toks: _Tokens, cand: _Candidate) -> bool:
        rule = cand.rule
        if cand.plural:
            return True  # plurals of ambiguous words are the common noun ("targets", "apples")
        if rule.veto_prev and self._phrase_before(toks, cand.first, rule.veto_prev):
            return True
        return bool(rule.veto_next and self._phrase_after(toks, cand, rule.veto_next))

    def _evidence(self, toks: _Tokens, cand: _Candidate) -> str | None:
        """Why an ambiguous name counts here, or None (evidence from a neighbouring name is
        looked at after the scan)."""
        rule = cand.rule
        if self._vetoed(toks, cand):
            return None
        if rule.unless_vetoed:
            return "nothing in its context says otherwise"
        if rule.cased and self._capitalised(toks, cand):
            return "capitalised mid-sentence"
        if rule.caps and self._in_capitals(toks, cand):
            return "written in capitals"
        if rule.prev and (words := self._phrase_before(toks, cand.first, rule.prev)):
            return f'after "{words}"'
        if rule.next and (words := self._phrase_after(toks, cand, rule.next)):
            return f'followed by "{words}"'
        return None

    @staticmethod
    def _in_capitals(toks: _Tokens, cand: _Candidate) -> bool:
        """"UPS", "WHO": an acronym, unless the whole text shouts."""
        letters = [c for c in toks.text[cand.start : cand.end] if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters) and not toks.all_caps_text()

    def _capitalised(self, toks: _Tokens, cand: _Candidate) -> bool:
        if self._in_capitals(toks, cand):
            return True
        surface = toks.text[cand.start : cand.end]
        return (surface[:1].isupper() and not toks.sentence_start(cand.first) and not _in_title_case(toks, cand)
                and not _inside_longer_name(toks, cand))

    # -- analysis ---------------------------------------------------------------------------

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list[RecognizerResult]:
        """Scan ``text`` once. ``nlp_artifacts`` is not needed: the recognizer tokenises itself
        so names are found the same way with or without a spaCy pass."""
        wanted = set(entities) & set(self.supported_entities) if entities else set(self.supported_entities)
        if not text or not wanted:
            return []
        toks = _Tokens(text)
        accepted: list[tuple[_Candidate, str, float]] = []
        pending: list[_Candidate] = []
        next_free = 0  # names do not overlap: the scan resumes after an accepted one
        for first, candidates in sorted(self._candidates(toks).items()):
            if first < next_free:
                continue
            chosen = None
            for cand in candidates:
                if cand.rule is None:
                    chosen = (cand, "", self.variant_score if cand.variant else self.score)
                    break
                evidence = self._evidence(toks, cand)
                if evidence:
                    chosen = (cand, evidence, self.context_score)
                    break
            if chosen:
                accepted.append(chosen)
                next_free = chosen[0].last + 1
                continue
            pending.extend(c for c in candidates[:1] if c.rule.pair and not self._vetoed(toks, c))
        if pending and accepted:
            self._accept_listed_together(toks, accepted, pending)
        return [
            self.result(cand.start, cand.end, cand.entry.entity_type, score, self._reason(cand, evidence))
            for cand, evidence, score in accepted
            if cand.entry.entity_type in wanted and score >= self.min_score
        ]

    def _accept_listed_together(self, toks: _Tokens, accepted, pending: list[_Candidate]) -> None:
        """Accept ambiguous names listed next to accepted ones ("slack and teams"), and so on
        along a chain of names.

        Names are accepted in the order that repeated left-to-right readings would accept
        them (a reading accepts a name next to one accepted before it, and drops a name
        that overlaps an accepted one), so where two waiting names overlap, the one such a
        reading reaches first wins. A queue ordered by (reading, position) gives that order
        while looking only at each name's neighbours.
        """
        names = [cand for cand, _, _ in accepted] + pending
        known = len(accepted)
        by_first: dict[int, list[int]] = {}
        by_last: dict[int, list[int]] = {}
        for k, cand in enumerate(names):
            by_first.setdefault(cand.first, []).append(k)
            by_last.setdefault(cand.last, []).append(k)

        def neighbours(k: int):
            cand = names[k]
            for gap in range(MAX_PAIR_GAP_TOKENS + 1):
                yield from by_last.get(cand.first - 1 - gap, ())
                yield from by_first.get(cand.last + 1 + gap, ())

        def reading(k: int, when: tuple[int, int]) -> tuple[int, int]:
            """When a reading first reaches waiting name k after a neighbour was accepted at ``when``."""
            first = names[k].first
            return (when[0], first) if when[0] and when[1] < first else (when[0] + 1, first)

        accepted_at = {k: (0, k) for k in range(known)}  # (reading, position); 0: found by the scan
        covered = {t for cand in names[:known] for t in range(cand.first, cand.last + 1)}
        decided: set[int] = set()
        queue: list[tuple[tuple[int, int], int]] = []
        for k in range(known):
            for other in neighbours(k):
                if other >= known and _listed_together(toks, names[k], names[other]):
                    heapq.heappush(queue, (reading(other, accepted_at[k]), other))
        while queue:
            when, k = heapq.heappop(queue)
            if k in decided:
                continue
            decided.add(k)
            cand = names[k]
            if any(t in covered for t in range(cand.first, cand.last + 1)):
                continue
            partner = min(
                (other for other in neighbours(k) if other in accepted_at and _listed_together(toks, names[other], cand)),
                key=accepted_at.__getitem__,
            )
            accepted_at[k] = when
            covered.update(range(cand.first, cand.last + 1))
            evidence = f'listed with "{toks.text[names[partner].start:names[partner].end]}"'
            accepted.append((cand, evidence, self.context_score))
            for other in neighbours(k):
                if other >= known and other not in decided and _listed_together(toks, cand, names[other]):
                    heapq.heappush(queue, (reading(other, when), other))
        accepted.sort(key=lambda item: item[0].start)

    @staticmethod
    def _reason(cand: _Candidate, evidence: str) -> str:
        entry = cand.entry
        reason = f'in the {entry.list_name} list ("{entry.canonical}")'
        if cand.variant:
            reason += ", spelled as one word or split"
        if evidence:
            reason += f"; a name that is also a common word, counted as {evidence}"
        return reason


def _inflection_stems(norm: str) -> tuple[str, ...]:
    """"personalized" -> ("personalize", "personaliz"); "forecasted" -> ("forecaste", "forecast")."""
    if len(norm) >= 6 and norm.endswith("ed"):
        return (norm[:-1], norm[:-2])
    return ()


def _risky_variant_rule(entity_type: str) -> AmbiguityRule:
    """Evidence asked of a split spelling with small words in it ("a hold" for "Ahold",
    "i co" for "ICO"): capitals throughout, or another name right next to it. Title case
    is no evidence here: truecased speech-to-text capitalizes "I" and sentence starts."""
    return AmbiguityRule(entity_type=entity_type, caps=True, pair=True)


def _in_title_case(toks: _Tokens, cand: _Candidate) -> bool:
    """True inside a Title Case Heading, where capitals say nothing about names."""
    window = toks.surfaces[max(0, cand.first - 3) : cand.first] + toks.surfaces[cand.last + 1 : cand.last + 4]
    words = [w for w in window if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


def _inside_longer_name(toks: _Tokens, cand: _Candidate) -> bool:
    """A capitalized word right before or after, with one space between: the word is part of
    another name ("Web Summit", "Summit Ridge"), whose capitals say nothing about this one."""
    before = cand.first - 1
    if before >= 0 and toks.gap(cand.first) == " " and toks.surfaces[before][:1].isupper() \
            and not toks.sentence_start(before) and toks.norms[before] != "i":
        return True
    after = cand.last + 1
    return after < len(toks) and not cand.possessive and toks.gap(after) == " " \
        and toks.surfaces[after][:1].isupper() and toks.norms[after] != "i"


def _listed_together(toks: _Tokens, a: _Candidate, b: _Candidate) -> bool:
    """Two names with at most a connector or two between them, in one sentence."""
    left, right = (a, b) if a.last < b.first else (b, a)
    if left.last >= right.first:
        return False
    between = toks.norms[left.last + 1 : right.first]
    if len(between) > MAX_PAIR_GAP_TOKENS or not all(t in PAIR_CONNECTORS for t in between):
        return False
    return not any(ch in SENTENCE_END_CHARS for ch in toks.text[left.end : right.start])
