"""Names the spaCy NER model tagged, mapped to our entity types by config."""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.base import TranscriptRecognizer
from service.vocabulary.entity_types import LOCATION, ORGANIZATION, PERSON, PRODUCT

_LINE_PART = re.compile(r"[^\n]*\S[^\n]*")


class SpacyNerRecognizer(TranscriptRecognizer):
    NAME = "spacy_ner.v1"
    ENTITIES = (PERSON, ORGANIZATION, LOCATION, PRODUCT)

    def __init__(self, *, labels: dict[str, str], score: float = 0.85) -> None:
        self.labels = dict(labels)
        self.score = score
        super().__init__(supported_entities=sorted(set(self.labels.values())))

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if nlp_artifacts is None or nlp_artifacts.tokens is None:
            return []
        wanted = set(entities or self.supported_entities)
        results = []
        for ent in nlp_artifacts.tokens.ents:
            entity_type = self.labels.get(ent.label_)
            if entity_type not in wanted:
                continue
            # The model sometimes runs an entity across a line break ("Y.\n\nInterviewee");
            # lines are separate turns or labels, so each line is its own candidate.
            for m in _LINE_PART.finditer(ent.text):
                start = ent.start_char + m.start()
                results.append(
                    self.result(start, start + len(m.group()), entity_type, self.score, f"spaCy NER tagged it {ent.label_}")
                )
        return results
