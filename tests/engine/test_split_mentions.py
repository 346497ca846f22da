"""Split mentions on hand-built findings (no model): a name's word written as two words."""
from __future__ import annotations

from service.config import PropagationConfig
from service.engine.split_mentions import split_mentions
from service.models import Finding

ZIPF = {"sales": 5.0, "force": 5.2, "fell": 4.9, "health": 5.5, "linked": 4.5, "in": 7.3, "vane": 3.1}


def run(text, seeds, config=PropagationConfig()):
    findings = [Finding(text.index(s), text.index(s) + len(s), t, 0.85, "spacy_ner.v1", "why") for s, t in seeds]
    out = split_mentions(text, findings, config, word_zipf=lambda w: ZIPF.get(w, 2.0))
    return [(text[f.start:f.end], f.entity_type, f.canonical) for f in out]


def test_split_mentions_two_words_that_spell_a_name_are_a_mention_of_it():
    text = "I joined Quorvane Health in May. I started at Quor vane two weeks later."
    (mention,) = run(text, [("Quorvane Health", "ORGANIZATION")])
    assert mention[:2] == ("Quor vane", "ORGANIZATION")
    # The same canonical form as the full name: one entity, one pseudonym.
    assert mention[2] == run(text + " Quorvane.", [("Quorvane Health", "ORGANIZATION")])[0][2]


def test_split_mentions_needs_one_rare_half():
    text = "We moved onto Salesforce. Our sales force loved it. Quorvane and Linked In."
    assert run(text, [("Salesforce", "ORGANIZATION")]) == []
    assert run(text, [("Quorvane", "ORGANIZATION"), ("Linked In", "PRODUCT")]) == []


def test_split_mentions_a_word_two_names_share_is_left_alone():
    text = "Brenlow Bank and Brenlow Labs are not related. Bren low said so."
    assert run(text, [("Brenlow Bank", "ORGANIZATION"), ("Brenlow Labs", "ORGANIZATION")]) == []


def test_split_mentions_only_from_confident_names_and_only_when_switched_on():
    text = "Quorvane Health. Quor vane."
    weak = [Finding(0, 15, "ORGANIZATION", 0.5, "spacy_ner.v1", "why")]
    assert split_mentions(text, weak, PropagationConfig(), word_zipf=lambda w: 2.0) == []
    assert run(text, [("Quorvane Health", "ORGANIZATION")], PropagationConfig(split_mentions=False)) == []


def test_split_mentions_not_across_a_line_break_or_punctuation():
    text = "Quorvane Health. Quor\nvane. Quor, vane."
    assert run(text, [("Quorvane Health", "ORGANIZATION")]) == []
