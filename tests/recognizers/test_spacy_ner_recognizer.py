from __future__ import annotations


def test_spacy_ner_splits_entities_at_line_breaks(engine):
    from recognizers.spacy_ner_recognizer import SpacyNerRecognizer

    text = "She keeps the books at Company Y.\n\nInterviewee\n\nI worked with Sarah Chen at Microsoft in Seattle."
    artifacts = engine.nlp_engine.process_text(text, "en")
    recognizer = SpacyNerRecognizer(labels={"PERSON": "PERSON", "ORG": "ORGANIZATION", "GPE": "LOCATION"})
    results = recognizer.analyze(text, ["PERSON", "ORGANIZATION", "LOCATION"], artifacts)
    surfaces = {text[r.start:r.end]: r.entity_type for r in results}
    assert all("\n" not in s for s in surfaces)
    assert surfaces.get("Sarah Chen") == "PERSON"
    assert surfaces.get("Microsoft") == "ORGANIZATION"
    assert all(r.analysis_explanation.textual_explanation.startswith("spaCy NER") for r in results)
