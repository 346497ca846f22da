"""Organizations by their acronyms, judged by how the transcript uses them.

An acronym is an organization when the transcript defines it ("Hartwell Bank (HB)", "HB
(Hartwell Bank)": both are found) or uses it as one: right after "at", "with", "from",
"joined", ... with no article ("I was at HB", "a contract with HB"), or as a bare
possessive ("HB's data"). Jargon is used otherwise: with an article ("the CTMS", "an
EMT"), as a modifier ("our KPI dashboard"), in the plural ("KPIs"). An acronym the
transcript ever counts with "a" or "an" ("a CTMS and", not "an FSA loan") or writes in
the plural is a common noun there: it is
reported at score 0 with that reason, so the engine drops the model's guess on it too.
One on the noise lists (AI, ML, API, ...) or that is an English word in capitals (IT, US)
is never reported. Any other acronym is reported below the decision threshold: a
suggestion a person confirms. So are lowercase letters spelled out one by one, as
speech-to-text writes an acronym said aloud ("with q r t").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.base import TranscriptRecognizer, keep_outermost
from recognizers.options import OrganizationAcronymOptions
from recognizers.text_signals import DETERMINERS, as_phrases, is_uncased, phrase_before, word_after, words_before
from service.vocabulary.entity_types import ORGANIZATION, UNIVERSITY
from service.vocabulary.organization_suffixes import ACADEMIC_HEADS

# Two to six capitals (digits and "&" inside: "S&P", "G4S"), an optional possessive.
_ACRONYM = re.compile(r"(?<![\w&.'’-])([A-Z][A-Z0-9&]{1,5})(?:(['’]s)|(s))?(?![\w&'’-])")
# Single letters said one by one, as uncased speech-to-text writes them: "q r t".
_SPELLED_LETTERS = re.compile(r"(?<![\w'’.-])[a-z](?:[ \t]+[a-z]){1,5}(?![\w'’-])")
# "(HB)" and "HB (Hartwell Bank)": what may be an acronym next to its long form.
_PARENTHESIZED = re.compile(r"\(\s*([^\s()]+)\s*\)")
_BEFORE_PARENTHESES = re.compile(r"(?<![\w&])([\w&]+)\s*\(([^()\n]{3,80})\)")
_ROMAN = re.compile(r"[IVXLC]+")
_CONNECTOR_WORDS = frozenset({"of", "for", "and", "&", "the", "de", "du", "la", "le", "von", "van", "at", "on", "in"})
_WORD = re.compile(r"[A-Za-z][\w'’-]*|&")
_INDEFINITE = frozenset({"a", "an"})
# Between two acronyms of one list: "QVB, ZNL", "ZNL or DPRW", "ZNL, and DPRW".
_LIST_GAP = re.compile(r"[ \t]*(?:,|,?[ \t]+(?:and|or|&))[ \t]*")


@dataclass(frozen=True)
class AcronymVerdict:
    score: float  # 0: a common noun; below the threshold: a suggestion
    reason: str
    entity_type: str
    # Whether the transcript's use speaks against a name (a common noun: "a CTMS", "KPIs"),
    # so that the model's guess on it takes this verdict too. "The CRO" does not: "the
    # ECB" and "the FDA" are written so too.
    against_name: bool = False


class OrganizationAcronymRecognizer(TranscriptRecognizer):
    NAME = "organization_acronym.v1"
    ENTITIES = (ORGANIZATION, UNIVERSITY)

    def __init__(self, options: OrganizationAcronymOptions | None = None, *, word_zipf: Callable[[str], float],
                 why_noise: Callable[[str], str | None] | None = None) -> None:
        options = options or OrganizationAcronymOptions()
        self.organization_before = as_phrases(options.organization_before)
        self.max_word_zipf = options.max_word_zipf
        self.score, self.suggestion_score = options.score, options.suggestion_score
        self.defined_score = options.defined_score
        self.word_zipf = word_zipf
        self.why_noise = why_noise or (lambda surface: None)
        super().__init__()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        wanted = set(entities or self.ENTITIES) & set(self.ENTITIES)
        if not wanted:
            return []
        spelled = self._spelled_out(text) if ORGANIZATION in wanted else []
        if is_uncased(text, nlp_artifacts):
            return spelled
        verdicts, mentions, definitions = self._judge(text)
        results = spelled
        for m in mentions:
            verdict = verdicts[m.group(1)]
            # A common noun is not reported (Presidio drops a score of 0); the engine asks
            # ``verdicts`` for the model's guesses.
            if verdict.entity_type in wanted and verdict.score > 0:
                results.append(self.result(m.start(1), m.end(1), verdict.entity_type, verdict.score, verdict.reason))
        for acronym, (start, end, _) in definitions.items():
            verdict = verdicts[acronym]
            if verdict.score > 0 and verdict.entity_type in wanted:
                results.append(self.result(start, end, verdict.entity_type, self.defined_score,
                                           f'the long form of the acronym "{acronym}" it defines'))
        return keep_outermost(results)

    def _spelled_out(self, text: str) -> list[RecognizerResult]:
        """Speech-to-text writes an acronym said letter by letter as single lowercase letters
        ("payroll is with q r t"), in uncased and cased text alike: a suggestion, unless the letters spell a word ("u s") or
        a noise acronym ("h r"). "a" and "i" are words, so two other letters are needed."""
        results = []
        for m in _SPELLED_LETTERS.finditer(text):
            letters = m.group().split()
            joined = "".join(letters)
            if sum(1 for letter in letters if letter not in "ai") < 2:
                continue
            if self.why_noise(joined.upper()) or self.word_zipf(joined) >= self.max_word_zipf:
                continue
            results.append(self.result(m.start(), m.end(), ORGANIZATION, self.suggestion_score,
                                       "letters spelled out one by one in uncased text: an acronym to confirm"))
        return results

    def verdicts(self, text: str) -> dict[str, AcronymVerdict]:
        """How this (cased) text uses each acronym in it: an organization, a suggestion, or
        a common noun (score 0)."""
        return self._judge(text)[0]

    def _judge(self, text: str) -> tuple[dict[str, AcronymVerdict], list[re.Match], dict[str, tuple[int, int, str]]]:
        mentions = [m for m in _ACRONYM.finditer(text) if self._may_be_name(text, m)]
        if not mentions:
            return {}, [], {}
        common_nouns = {m.group(1) for m in mentions if m.group(3) or self._counted(text, m)}
        definitions = self._definitions(text, {m.group(1) for m in mentions} - common_nouns)
        evidence: dict[str, str] = {}
        for m in mentions:
            acronym = m.group(1)
            if acronym in common_nouns or acronym in evidence:
                continue
            if acronym in definitions:
                evidence[acronym] = f'defined in the transcript as "{definitions[acronym][2]}"'
            elif words := phrase_before(text, m.start(), self.organization_before):
                evidence[acronym] = f'used as an organization ("{" ".join(words)} {acronym}")'
            elif m.group(2) and not self._after_article(text, m.start()):
                evidence[acronym] = f"used as an organization (\"{acronym}'s\")"
        self._listed_with(text, mentions, evidence, common_nouns)
        verdicts = {}
        for m in mentions:
            acronym = m.group(1)
            entity_type = self._type(definitions.get(acronym))
            if acronym in evidence:
                score = self.defined_score if acronym in definitions else self.score
                verdicts[acronym] = AcronymVerdict(score, f"an acronym {evidence[acronym]}", entity_type)
            elif acronym in common_nouns:
                verdicts[acronym] = AcronymVerdict(0.0, 'an acronym used as a common noun (after "a"/"an", or a plural)',
                                                   entity_type, against_name=True)
            else:
                verdicts[acronym] = AcronymVerdict(self.suggestion_score,
                                                   "an acronym that may name an organization; a suggestion to confirm",
                                                   entity_type)
        return verdicts, mentions, definitions

    @staticmethod
    def _listed_with(text: str, mentions: list[re.Match], evidence: dict[str, str], common_nouns: set[str]) -> None:
        """An acronym listed next to one that is an organization ("QVB, ZNL or DPRW") is one
        too, and so on along the list."""
        changed = True
        while changed:
            changed = False
            for a, b in zip(mentions, mentions[1:]):
                for known, other in ((a, b), (b, a)):
                    name = other.group(1)
                    if known.group(1) in evidence and name not in evidence and name not in common_nouns \
                            and _LIST_GAP.fullmatch(text[a.end():b.start()]):
                        evidence[name] = f'listed with "{known.group(1)}", an organization'
                        changed = True

    def _may_be_name(self, text: str, m: re.Match) -> bool:
        acronym = m.group(1)
        letters = [c for c in acronym if c.isalpha()]
        if len(letters) < 2 or _ROMAN.fullmatch(acronym) or self.why_noise(acronym):
            return False
        if acronym.lower() in STOP_WORDS or self.word_zipf(acronym.lower()) >= self.max_word_zipf:
            return False  # an English word in capitals: "IT", "US", "NOW"
        return not _shouting(text, m.start())

    def _counted(self, text: str, m: re.Match) -> bool:
        """"a CTMS", "an EMT." : an acronym counted with "a"/"an" and not just modifying the
        noun after it ("an FSA loan")."""
        if not self._after_article(text, m.start(), _INDEFINITE):
            return False
        after = word_after(text, m.end())
        return after is None or after in STOP_WORDS

    @staticmethod
    def _after_article(text: str, pos: int, articles: frozenset[str] = DETERMINERS) -> bool:
        before = words_before(text, max(0, pos), 1)
        return bool(before) and before[0] in articles

    @staticmethod
    def _definitions(text: str, acronyms: set[str]) -> dict[str, tuple[int, int, str]]:
        """Acronym -> (start, end, long form) where the text spells it out: "Hartwell Bank
        (HB)" or "HB (Hartwell Bank)"."""
        found: dict[str, tuple[int, int, str]] = {}
        # One pass per form over the whole text; for each acronym the first place that
        # spells it out counts, and the first form before the second.
        for m in _PARENTHESIZED.finditer(text):
            acronym = m.group(1)
            if acronym in acronyms and acronym not in found:
                span = _long_form_before(text, m.start(), acronym)
                if span:
                    found[acronym] = (*span, text[span[0]:span[1]])
        for m in _BEFORE_PARENTHESES.finditer(text):
            acronym = m.group(1)
            if acronym in acronyms and acronym not in found:
                inner_start = m.start(2)
                words = list(_WORD.finditer(m.group(2)))
                if _initials_match(acronym, [w.group() for w in words]):
                    start = inner_start + words[0].start()
                    end = inner_start + words[-1].end()
                    found[acronym] = (start, end, text[start:end])
        return found

    @staticmethod
    def _type(definition: tuple[int, int, str] | None) -> str:
        if definition and any(w in ACADEMIC_HEADS for w in definition[2].split()):
            return UNIVERSITY
        return ORGANIZATION


def _long_form_before(text: str, paren: int, acronym: str) -> tuple[int, int] | None:
    """The capitalized words right before "(ACRONYM)" whose initials spell it."""
    words = list(_WORD.finditer(text, max(0, paren - 120), paren))
    letters = sum(c.isalpha() for c in acronym)
    for n in range(letters, min(len(words), letters * 2 + 2) + 1):
        chosen = words[-n:]
        if not chosen[0].group()[0].isupper():
            continue
        if "\n" in text[chosen[0].start():chosen[-1].end()]:
            continue
        if _initials_match(acronym, [w.group() for w in chosen]):
            return chosen[0].start(), chosen[-1].end()
    return None


def _initials_match(acronym: str, words: list[str]) -> bool:
    """"Hartwell Bank" spells HB; connectors may be skipped ("Bank of Ireland", BOI or BI)."""
    wanted = [c.lower() for c in acronym if c.isalpha()]
    content = [w for w in words if w.lower() not in _CONNECTOR_WORDS]
    if not content or not all(w[0].isupper() for w in content):
        return False
    full = [w[0].lower() for w in words if w != "&"]
    return [w[0].lower() for w in content] == wanted or full == wanted


def _shouting(text: str, pos: int) -> bool:
    """A line written in capitals ("INTERVIEWER: OKAY"): its words are not acronyms."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    letters = list(filter(str.isalpha, line))
    return len(letters) >= 12 and sum(map(str.isupper, letters)) / len(letters) > 0.6
