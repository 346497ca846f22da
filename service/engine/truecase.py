"""Restore capitals in all-lowercase speech-to-text before NER.

The NER model is trained on edited, cased text and misses most names in lowercase ASR
output ("she spent a decade at microsoft in seattle"). A statistical truecaser (the PyPI
package ``truecase``, offline) restores likely capitals token by token; only letter case
changes, so every offset into the truecased text is an offset into the original.

The package's model is one 76 MB pickle of n-gram counts (2.7 million entries): loading
it takes 2-3 s of CPU and 450 MB. The engine reads it once into a compact table instead
(``CaseTable``): the word casings and unigram counts in a small pickle, the bigram and
trigram counts as two sorted arrays (a 64-bit BLAKE2 hash of each n-gram, its count),
memory-mapped. An n-gram the model lacks could be taken for one it has only if their
hashes were equal (about one chance in 10^13 per lookup); the build checks that no two
n-grams of the model share one. The table is built from the package's model the first
time a lowercase text arrives (or ahead of time: ``python -m service.engine.truecase``)
in the engine's cache folder (``service.engine.cache_files``); where that folder cannot
be written, the package's model is loaded as before. Scoring is the package's own (``TrueCaser.get_true_case_from_tokens``),
re-implemented over the table with the same arithmetic in the same order, so the output
is the same: a text's likely n-grams are looked up together, then each token's casing is
chosen as the package chooses it.
"""
from __future__ import annotations

import hashlib
import math
import pickle
import re
import string
import sys
import threading
from pathlib import Path
from typing import Callable, Iterable, Mapping

from service.engine.cache_files import cache_dir, source_stamp, write_atomic
from service.vocabulary.package_data import package_data_file

_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")
_lock = threading.Lock()
_table: "CaseTable | None" = None
_FORMAT = 1  # of the files below; a new format gets a new folder
_KNOWN_LIMIT = 200_000  # n-gram counts a process keeps once looked up (~200 bytes each)
_PSEUDO_COUNT = 5.0  # the package's smoothing


_SENTENCE_START = re.compile(r"(?:^|[.!?][ \t]+)[\W\d_]*?([^\W\d_])", re.MULTILINE)


def looks_uncased(text: str, *, min_lower_starts: float = 0.5) -> bool:
    """True for speech-to-text without capitals: a lowercase "i", or most sentences
    starting lower case."""
    lower_i = len(re.findall(r"\bi\b", text))
    upper_i = len(re.findall(r"\bI\b", text))
    if lower_i > upper_i:
        return True
    starts = [m.group(1) for m in _SENTENCE_START.finditer(text)]
    return bool(starts) and sum(1 for c in starts if c.islower()) / len(starts) >= min_lower_starts


def _ngram_hash(kind: bytes, key: str) -> int:
    return int.from_bytes(hashlib.blake2b(kind + key.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little")


class CaseTable:
    """The truecaser's model: each lowercase word's casings (sorted: the package keeps
    them in sets, iterated in an order that changes between processes, so near-ties went
    either way), unigram counts, and the n-gram counts behind ``counts``."""

    def __init__(self, casings: Mapping[str, tuple[str, ...]], unigrams: Mapping[str, int],
                 counts: Callable[[list[tuple[bytes, str]]], dict[tuple[bytes, str], int]]) -> None:
        self.casings = casings
        self.unigrams = unigrams
        self.counts = counts  # (kind, n-gram) pairs -> their counts (0 for an n-gram the model lacks)
        self._unigram_terms: dict[str, tuple[list[float], float]] = {}  # word -> its casings' terms, their sum

    # -- the package's TrueCaser.get_true_case_from_tokens, with out_of_vocabulary_token_option="as-is"
    def true_case(self, tokens: list[str]) -> list[str]:
        counts = _Counts(self.counts, self.counts(list(self._ngrams(tokens))))
        out: list[str] = []
        for i, token in enumerate(tokens):
            if token in string.punctuation or token.isdigit():
                out.append(token)
                continue
            token = token.lower()
            casings = self.casings.get(token)
            if casings is None:
                out.append(token)  # out of vocabulary: as it is (lowercased, as the package does)
                continue
            if len(casings) == 1:
                out.append(casings[0])
            else:
                prev = out[i - 1] if i > 0 else None
                following = tokens[i + 1].lower() if i < len(tokens) - 1 else None
                out.append(self._best(token, prev, following, casings, counts))
            if i == 0:
                out[0] = out[0].capitalize()
        return out

    def _best(self, word: str, prev: str | None, following: str | None, casings: tuple[str, ...],
              counts: "_Counts") -> str:
        """The casing the package's ``get_score`` rates highest (the first of equals). Its
        terms for each casing are computed once, not once per casing it is compared with;
        the same numbers are added in the same order, so the scores are the same floats."""
        unigrams = self._unigram_terms.get(word)
        if unigrams is None:
            unigrams = self._unigram_terms[word] = _terms(self.unigrams, casings)
        # get_score's factors, in its order: unigram, backward, forward, trigram (None: 1).
        factors = [
            unigrams,
            _terms(counts, [(b"b", prev + "_" + a) for a in casings]) if prev is not None else None,
            _terms(counts, [(b"f", a + "_" + following) for a in casings]) if following is not None else None,
            _terms(counts, [(b"t", prev + "_" + a + "_" + following) for a in casings])
            if prev is not None and following is not None else None,
        ]
        best, highest = None, float("-inf")
        for k, possible in enumerate(casings):
            score = math.log(unigrams[0][k] / unigrams[1])
            for factor in factors[1:]:
                score += math.log(factor[0][k] / factor[1]) if factor is not None else math.log(1)
            if score > highest:
                best, highest = possible, score
        return best

    def _ngrams(self, tokens: list[str]) -> Iterable[tuple[bytes, str]]:
        """The n-grams ``true_case`` will most likely look up, to look them up together:
        each casing of a word before the next word, and after the casing the word before
        most likely takes (its lowercase form, when it has one). Others are looked up
        when needed."""
        outputs: list[tuple[str, ...]] = []  # what each position most likely becomes
        for i, token in enumerate(tokens):
            if token in string.punctuation or token.isdigit():
                outputs.append((token,))
                continue
            lower = token.lower()
            casings = self.casings.get(lower, (lower,))
            likely = (lower,) if lower in casings else casings
            outputs.append(tuple({*likely, *(c.capitalize() for c in likely)}) if i == 0 else likely)
            if len(casings) < 2:
                continue
            previous = outputs[i - 1] if i > 0 else ()
            following = tokens[i + 1].lower() if i < len(tokens) - 1 else None
            for a in casings:
                for p in previous:
                    yield b"b", p + "_" + a
                    if following is not None:
                        yield b"t", p + "_" + a + "_" + following
                if following is not None:
                    yield b"f", a + "_" + following


def _terms(counts, keys) -> tuple[list[float], float]:
    """Each key's count plus the pseudo-count, and their sum, added from 0 one by one as
    the package adds them (not ``sum()``, which adds floats otherwise from Python 3.12)."""
    values = [counts.get(key, 0) + _PSEUDO_COUNT for key in keys]
    total = 0
    for value in values:
        total += value
    return values, total


class _Counts:
    """A text's n-gram counts, looked up together; one missed is looked up on its own."""

    def __init__(self, lookup: Callable[[list[tuple[bytes, str]]], dict[tuple[bytes, str], int]],
                 known: dict[tuple[bytes, str], int]) -> None:
        self.lookup = lookup
        self.known = known

    def get(self, key: tuple[bytes, str], default: int = 0) -> int:
        count = self.known.get(key)
        if count is None:
            count = self.known[key] = self.lookup([key]).get(key, 0)
        return count


def _package_model() -> tuple[dict, dict, dict[bytes, dict]]:
    """The package's model: casings (sorted), unigram counts, and n-gram counts by kind."""
    from truecase import TrueCaser  # the 76 MB model, with nltk

    caser = TrueCaser()
    casings = {word: tuple(sorted(forms)) for word, forms in caser.word_casing_lookup.items()}
    ngrams = {b"b": caser.backward_bi_dist, b"f": caser.forward_bi_dist, b"t": caser.trigram_dist}
    return casings, dict(caser.uni_dist), ngrams


def _in_memory_table() -> CaseTable:
    casings, unigrams, ngrams = _package_model()

    def counts(keys):
        return {(kind, key): ngrams[kind].get(key, 0) for kind, key in keys}

    return CaseTable(casings, unigrams, counts)


def table_folder() -> Path | None:
    """Where the compact table of the installed model lives (its size and time in the name)."""
    model = package_data_file("truecase", "data", "english.dist")
    if model is None:
        return None
    return cache_dir() / f"truecase-v{_FORMAT}-{source_stamp(model)}"


_FILES = ("hashes.npy", "counts.npy", "words.pickle")  # words.pickle last: written, the table is complete


def build_table(folder: Path) -> None:
    """Write the compact table of the package's model into ``folder`` (each file atomically)."""
    import numpy as np

    casings, unigrams, ngrams = _package_model()
    pairs = [(_ngram_hash(kind, key), count) for kind, dist in ngrams.items() for key, count in dist.items()]
    hashes = np.fromiter((h for h, _ in pairs), dtype=np.uint64, count=len(pairs))
    counts = np.fromiter((c for _, c in pairs), dtype=np.int64, count=len(pairs))
    order = np.argsort(hashes, kind="stable")
    hashes, counts = hashes[order], counts[order]
    if len(hashes) > 1 and bool((hashes[1:] == hashes[:-1]).any()):
        raise ValueError("two n-grams of the truecaser's model share a hash")
    for name, data in (("hashes.npy", hashes), ("counts.npy", counts)):
        write_atomic(folder / name, lambda f, data=data: np.save(f, data))
    words = {"casings": casings, "unigrams": unigrams}
    write_atomic(folder / "words.pickle", lambda f: pickle.dump(words, f, protocol=pickle.HIGHEST_PROTOCOL))


def _compact_table(folder: Path) -> CaseTable:
    import numpy as np

    with open(folder / "words.pickle", "rb") as f:
        words = pickle.load(f)
    hashes = np.load(folder / "hashes.npy", mmap_mode="r")
    values = np.load(folder / "counts.npy", mmap_mode="r")

    known: dict[tuple[bytes, str], int] = {}  # n-grams looked up before (absent: 0), up to a bound
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes

    def counts(keys):
        found = {}
        wanted = []
        for key in dict.fromkeys(keys):
            count = known.get(key)
            if count is None:
                wanted.append(key)
            else:
                found[key] = count
        if not wanted:
            return found
        digests = np.fromiter(
            (from_bytes(blake2b(kind + text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
             for kind, text in wanted), dtype=np.uint64, count=len(wanted))
        order = np.argsort(digests)  # sorted queries read the table in one direction
        at = np.minimum(np.searchsorted(hashes, digests[order]), len(hashes) - 1)
        hits = (hashes[at] == digests[order]).tolist()
        if len(known) > _KNOWN_LIMIT:
            known.clear()
        for j, hit, i in zip(order.tolist(), hits, at.tolist()):
            key = wanted[j]
            found[key] = known[key] = int(values[i]) if hit else 0
        return found

    return CaseTable(words["casings"], words["unigrams"], counts)


def _load_table() -> CaseTable:
    folder = table_folder()
    if folder is None:
        return _in_memory_table()  # fails as the package fails when its model is missing
    try:
        if not all((folder / name).is_file() for name in _FILES):
            build_table(folder)
        return _compact_table(folder)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError):
        # A read-only or damaged cache folder: the package's model, as it is.
        return _in_memory_table()


def case_table() -> CaseTable:
    global _table
    with _lock:
        if _table is None:
            _table = _load_table()
        return _table


def truecase(text: str) -> str:
    matches = list(_TOKEN.finditer(text))
    tokens = [m.group() for m in matches]
    table = case_table()
    cased = table.true_case(tokens)
    unigrams = table.unigrams
    out = list(text)
    for m, new in zip(matches, cased):
        old = m.group()
        # Only raise capitals, and only where the letters are unchanged: offsets must hold.
        if new == old or len(new) != len(old) or new.lower() != old or not old.islower():
            continue
        # Context alone (a sentence start) capitalizes common words ("Phishing"); take a
        # capital only for words the truecaser's corpus mostly writes capitalized.
        if unigrams.get(new, 0) < unigrams.get(old, 0):
            continue
        out[m.start():m.end()] = new
    return "".join(out)


# A lowercase word standing alone: not part of an address ("jane@gmail.com", a web
# address), a hashtag, a hyphenated or contracted word, or a word with digits.
_LOWER_WORD = re.compile(r"(?<![\w@#/:.'’-])[a-z]{3,}(?![\w@/'’-]|\.\w)")


def capitalize_rare(
    cased: str, *, word_zipf: Callable[[str], float], below: float, prefixes: tuple[str, ...] = (),
    endings: tuple[str, ...] = (),
) -> str:
    """Capitalize the words still lower case in ``cased`` that are rarer in English than
    ``below`` (wordfreq Zipf). The truecaser's corpus knows famous names only; an invented
    company ("kestrelbrook") or an unusual surname is in no corpus, and the model finds
    names by their capitals. Rare words that English makes from common ones stay as they
    are: a plural of a commoner word ("rapporteurs"), a word with a derivational ending
    (``endings``: "anonymised"), a prefix before a common word (``prefixes``: "multiannual"). Only the first letter changes, so offsets hold."""
    if below <= 0:
        return cased
    out = None
    for m in _LOWER_WORD.finditer(cased):
        word = m.group()
        zipf = word_zipf(word)
        if zipf >= below or _derived_word(word, zipf, word_zipf, prefixes, endings):
            continue
        if out is None:
            out = list(cased)
        out[m.start()] = word[0].upper()
    return cased if out is None else "".join(out)


# A word after one of the prefixes counts as common from this Zipf on ("annual" 4.6).
_COMMON_STEM_ZIPF = 3.0


def _derived_word(word: str, zipf: float, word_zipf: Callable[[str], float], prefixes: tuple[str, ...],
                  endings: tuple[str, ...]) -> bool:
    """A plural of a commoner word, a word with a derivational ending ("anonymised"), or a
    prefix before a common word ("multiannual")."""
    if word.endswith("s") and not word.endswith("ss") and word_zipf(word[:-1]) > max(zipf, 1.0):
        return True
    if endings and word.endswith(endings):
        return True
    return any(word.startswith(p) and word_zipf(word[len(p):]) >= _COMMON_STEM_ZIPF
               for p in prefixes if len(word) - len(p) >= 3)


if __name__ == "__main__":  # python -m service.engine.truecase: build the compact table ahead of time
    where = table_folder()
    if where is None:
        sys.exit("the truecase package's model is not installed")
    build_table(where)
    print(where)
