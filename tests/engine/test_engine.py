"""The engine end to end, with the real spaCy model and real Presidio."""
from __future__ import annotations

import re

import pytest


def test_engine_runs_only_the_ner_pipe(engine):
    assert engine.nlp.pipe_names == ["ner"]


def test_engine_redacts_the_example_consistently(engine, example_path):
    text = example_path.read_text(encoding="utf-8")
    redaction = engine.redact(text)
    out = redaction.text
    for name in ("Priya", "Raman", "Northwind", "Okafor", "Daniel", "priya.raman@example.com", "416 555 0142"):
        assert name not in out, name
    # placeholders and roles stay exactly as written
    for kept in ("Company Y", "[CLIENT]", "Participant 3", "Interviewer", "Interviewee", "Mm-hmm", "AI or ML"):
        assert kept in out, kept
    # one person, one surrogate, everywhere
    assert out.startswith("Interview 3 - [Person 1]")
    assert out.rstrip().endswith("Thank you, [Person 1].")
    manager = re.search(r"My manager, (\[Person \d+\])", out).group(1)
    assert manager != "[Person 1]"
    assert out.count(manager) == 3
    # "Northwind Analytics Inc." and "Northwind's" are one company
    assert re.search(r"I was at (\[Company [A-Z]\])", out).group(1) == re.search(r"from (\[Company [A-Z]\])'s", out).group(1)
    # Company Y is taken by a placeholder: the letter Y is never given out
    assert "[Company Y]" not in out


def test_engine_every_decision_has_a_recognizer_and_reason(engine, example_path):
    analysis = engine.analyze(example_path.read_text(encoding="utf-8"))
    assert analysis.decisions
    for d in analysis.decisions:
        assert d.recognizer and d.reason


def test_engine_batch_equals_single(engine, example_path):
    text = example_path.read_text(encoding="utf-8")
    texts = [text, "Amin: I work at Netflix.", text]
    batch = list(engine.analyze_many(texts))
    assert [a.decisions for a in batch] == [engine.analyze(t).decisions for t in texts]


def test_engine_refuses_text_over_max_chars(engine):
    from service.engine.engine import TextTooLong

    with pytest.raises(TextTooLong):
        engine.analyze("a" * (engine.config.nlp.max_chars + 1))


def test_engine_seed_interview(engine, seed_doc):
    text = seed_doc["text"]
    out = engine.redact(text).text
    for leak in ("Amin", "Netflix", "Amazon", "AWS"):
        assert leak not in out, leak
    for kept in ("Company Y", "University X", "company X"):
        assert kept in out, kept
    # speaker roles are untouched everywhere: the same count in and out
    for role in ("Interviewee", "Interviewer"):
        assert out.count(role) == text.count(role), role
