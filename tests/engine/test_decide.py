"""Pure decision logic on hand-built findings (no model)."""
from __future__ import annotations

import pytest

from service.engine.decide import filter_findings, protect_union, subtract_placeholders
from service.engine.pseudonymize import NAME_TYPES
from service.models import Finding


def F(start, end, entity_type="PERSON", score=0.85, recognizer="r.v1", reason="why"):
    return Finding(start, end, entity_type, score, recognizer, reason)


def op(_):
    return "pseudonym"


def test_decide_protect_union_merges_overlaps_into_the_union():
    decisions = protect_union([F(0, 6, "ORGANIZATION"), F(4, 15, "PRODUCT", 0.9)], op, name_types=NAME_TYPES)
    assert [(d.start, d.end, d.entity_type) for d in decisions] == [(0, 15, "PRODUCT")]
    assert len(decisions[0].sources) == 2


def test_decide_protect_union_keeps_disjoint_spans_apart():
    decisions = protect_union([F(10, 14), F(0, 4), F(4, 8)], op, name_types=NAME_TYPES)
    assert [(d.start, d.end) for d in decisions] == [(0, 4), (4, 8), (10, 14)]


def test_decide_protect_union_chain_of_overlaps_becomes_one_span():
    decisions = protect_union([F(0, 5), F(3, 9), F(8, 12)], op, name_types=NAME_TYPES)
    assert [(d.start, d.end) for d in decisions] == [(0, 12)]


def test_decide_placeholder_cuts_other_findings():
    text = "at Company Y's Toronto office"
    findings = [F(3, 12, "PLACEHOLDER", 1.0), F(3, 22, "ORGANIZATION")]
    out = subtract_placeholders(text, findings)
    spans = sorted((f.start, f.end, f.entity_type) for f in out)
    assert spans == [(3, 12, "PLACEHOLDER"), (15, 22, "ORGANIZATION")]
    assert text[15:22] == "Toronto"


def test_decide_placeholder_swallows_findings_inside_it():
    text = "at University X today"
    out = subtract_placeholders(text, [F(3, 15, "PLACEHOLDER", 1.0), F(3, 13, "ORGANIZATION")])
    assert [(f.entity_type) for f in out] == ["PLACEHOLDER"]


@pytest.mark.parametrize(
    "text, expected_kept",
    [
        ("Interviewee", False),
        ("mm-hmm", False),
        ("ML", False),
        ("Speaker 2", False),
        ("[inaudible]", False),
        ("Northwind", True),
    ],
)
def test_decide_filter_drops_transcript_noise(noise, text, expected_kept):
    kept, dropped = filter_findings(
        text, [F(0, len(text), "ORGANIZATION")], threshold=0.4, why_noise=noise.why_noise, trim=noise.trim,
        noise_types=("ORGANIZATION",),
    )
    assert bool(kept) is expected_kept
    assert bool(dropped) is not expected_kept


def test_decide_filter_trims_noise_words_at_the_edges(noise):
    text = "Interviewee Amin"
    kept, _ = filter_findings(
        text, [F(0, len(text))], threshold=0.4, why_noise=noise.why_noise, trim=noise.trim, noise_types=("PERSON",)
    )
    assert [(text[f.start:f.end]) for f in kept] == ["Amin"]


def test_decide_filter_drops_weak_findings(noise):
    kept, dropped = filter_findings(
        "Amin", [F(0, 4, score=0.2)], threshold=0.4, why_noise=noise.why_noise, trim=noise.trim, noise_types=("PERSON",)
    )
    assert kept == [] and "below threshold" in dropped[0].why


def test_decide_filter_never_treats_contacts_as_noise(noise):
    text = "+1 416 555 0142"
    kept, _ = filter_findings(
        text, [F(0, len(text), "PHONE_NUMBER")], threshold=0.4, why_noise=noise.why_noise, trim=noise.trim,
        noise_types=("PERSON",),
    )
    assert [(f.start, f.end) for f in kept] == [(0, len(text))]


def _judge(text, findings, seen=None):
    from service.engine.decide import judge_model_guesses

    zipf = {"wolf": 4.4, "next": 5.9, "did": 6.4, "shell": 4.4, "script": 4.0, "commission": 4.6, "europe": 5.0,
            "ben": 4.3, "audits": 3.2, "brightcairn": 0.0}
    zipf.update({"green": 5.0, "responsible": 4.9, "consumer": 4.4, "electronics": 4.2, "show": 5.6, "roy": 3.9})
    return judge_model_guesses(
        text, seen or text, findings, recognizers=("spacy_ner.v1",), uncased_score=0.5,
        is_common_word=lambda w: zipf.get(w.lower(), 0) >= 3.5, word_zipf=lambda w: zipf.get(w.lower(), 0),
        sentence_start_zipf=5.0, anywhere_zipf=5.5, event_heads=frozenset({"show", "summit"}),
        is_generic_acronym=lambda w: w.lower() in {"ai", "ml"},
    )


def N(text, surface, entity_type):
    start = text.index(surface)
    return Finding(start, start + len(surface), entity_type, 0.85, "spacy_ner.v1", "spaCy NER tagged it")


def test_decide_model_guess_a_noun_after_a_determiner_is_not_a_person_anywhere():
    text = "Is the animal a Wolf? Wolf pictures are snowy."
    first = N(text, "Wolf", "PERSON")
    second = Finding(22, 26, "PERSON", 0.85, "spacy_ner.v1", "x")
    kept, dropped = _judge(text, [first, second])
    assert kept == [] and len(dropped) == 2


def test_decide_model_guess_very_common_words_are_dropped():
    text = "I. Did the survey, honestly, Next to the lab."
    kept, _ = _judge(text, [N(text, "Did", "ORGANIZATION"), N(text, "Next", "ORGANIZATION")])
    assert kept == []


def test_decide_model_guess_lowercase_is_weak_or_dropped():
    text = "the export ran from a shell script; ben said brightcairn runs the audits"
    findings = [N(text, "shell script", "ORGANIZATION"), N(text, "ben", "PERSON"), N(text, "brightcairn", "ORGANIZATION")]
    kept, dropped = _judge(text, findings)
    assert [(text[f.start:f.end], f.score) for f in kept] == [("ben", 0.5), ("brightcairn", 0.5)]
    assert [text[d.finding.start:d.finding.end] for d in dropped] == ["shell script"]


def test_decide_model_guess_truecased_common_word_counts_only_for_people_and_places():
    text = "the commission met in europe"
    seen = "the Commission met in Europe"
    kept, dropped = _judge(text, [N(text, "commission", "ORGANIZATION"), N(text, "europe", "LOCATION")], seen)
    assert [text[f.start:f.end] for f in kept] == ["europe"]
    assert [text[d.finding.start:d.finding.end] for d in dropped] == ["commission"]


def test_decide_boilerplate_lines_drop_tool_names_but_keep_people(noise):
    from service.engine.decide import drop_boilerplate

    text = "Amin: hi\nExported with the Lumen Coding Suite (https://www.lumencoding.example)\nTranscribed by Jane Roe"
    findings = [N(text, "Lumen Coding Suite", "ORGANIZATION"), N(text, "https://www.lumencoding.example", "URL"),
                N(text, "Jane Roe", "PERSON"), N(text, "Amin", "PERSON")]
    kept, dropped = drop_boilerplate(findings, noise.boilerplate_spans(text), noise.boilerplate_types)
    assert sorted(text[f.start:f.end] for f in kept) == ["Amin", "Jane Roe"]
    assert len(dropped) == 2


def test_decide_protect_union_a_contact_swallows_the_names_inside_it():
    text = "write to priya.raman@example.com today"
    start = text.index("priya")
    email = F(start, start + len("priya.raman@example.com"), "EMAIL_ADDRESS", 1.0, "email.v1")
    priya = Finding(start, start + 5, "PERSON", 0.98, "dictionary.v1", "why", canonical="priya raman")
    decisions = protect_union([priya, email], op, name_types=NAME_TYPES)
    assert [(d.entity_type, d.canonical) for d in decisions] == [("EMAIL_ADDRESS", None)]


def test_decide_protect_union_takes_the_canonical_of_the_winning_type():
    decisions = protect_union([Finding(0, 9, "PERSON", 0.7, "a.v1", "why", canonical="jane"),
                               F(0, 9, "ORGANIZATION", 0.9)], op, name_types=NAME_TYPES)
    assert [(d.entity_type, d.canonical) for d in decisions] == [("ORGANIZATION", None)]


def test_decide_model_guess_a_name_after_that_or_than_is_still_a_person():
    text = "the calls that Roy made ran longer than Roy planned"
    second = text.rindex("Roy")
    kept, dropped = _judge(text, [N(text, "Roy", "PERSON"), Finding(second, second + 3, "PERSON", 0.85, "spacy_ner.v1", "x")])
    assert [text[f.start:f.end] for f in kept] == ["Roy", "Roy"] and dropped == []


def test_decide_model_guess_events_and_concepts_are_no_names():
    text = "We met at the Consumer Electronics Show and argued about Green AI and Responsible ML."
    findings = [N(text, "Consumer Electronics Show", "ORGANIZATION"), N(text, "Green AI", "ORGANIZATION"),
                N(text, "Responsible", "PERSON")]  # the noise filter trimmed "ML" off already
    kept, dropped = _judge(text, findings)
    assert kept == []
    assert [d.why for d in dropped] == ["an event, not a person or an organization",
                                        "a concept: common words before a generic acronym",
                                        "a concept: common words before a generic acronym"]


def test_decide_acronym_guesses_follow_the_transcripts_use_of_the_acronym():
    from types import SimpleNamespace

    from service.engine.decide import judge_acronym_guesses

    text = "At QVB we bought a CTMS and the CRO ran it; QVB's team and ZNL"
    verdicts = {"QVB": SimpleNamespace(score=0.7, reason="used as an organization", against_name=False),
                "CTMS": SimpleNamespace(score=0.0, reason="a common noun", against_name=True),
                "CRO": SimpleNamespace(score=0.3, reason="a suggestion", against_name=False),
                "ZNL": SimpleNamespace(score=0.3, reason="no evidence either way", against_name=False)}
    findings = [N(text, "QVB", "ORGANIZATION"), N(text, "CTMS", "ORGANIZATION"), N(text, "CRO", "ORGANIZATION"),
                N(text, "QVB's", "ORGANIZATION"), F(3, 6, "ORGANIZATION", 0.9, "gazetteer.v1"), N(text, "ZNL", "ORGANIZATION")]
    out = judge_acronym_guesses(text, findings, verdicts, recognizers=("spacy_ner.v1",), threshold=0.4)
    assert [(text[f.start:f.end], f.score) for f in out] == [("QVB", 0.85), ("CTMS", 0.0), ("CRO", 0.85), ("QVB's", 0.85),
                                                             ("QVB", 0.9), ("ZNL", 0.85)]
    assert out[1].reason.endswith("; a common noun")


def _weak(f):
    from service.engine.decide import Dropped

    return Dropped(f, "score below threshold")


def test_decide_a_weak_candidate_widens_the_name_it_starts_with():
    from service.engine.decide import widen_by_candidates

    text = "there's one, brenlow it solutions, they look after thirty clients"
    start = text.index("brenlow")
    model = F(start, start + len("brenlow"), "ORGANIZATION", 0.85, "spacy_ner.v1")
    suffix_rule = F(start, text.index(", they"), "ORGANIZATION", 0.3, "organization_pattern.v1")
    (widened,) = widen_by_candidates([model], [_weak(suffix_rule)], recognizers=frozenset({"organization_pattern.v1"}))
    assert text[widened.start:widened.end] == "brenlow it solutions"
    assert (widened.score, widened.recognizer) == (0.85, "spacy_ner.v1")


@pytest.mark.parametrize("candidate", [
    (4, 21, "ORGANIZATION", "other_rule.v1"),          # a recognizer not listed
    (4, 21, "PERSON", "organization_pattern.v1"),      # another type
    (0, 21, "ORGANIZATION", "organization_pattern.v1"),  # starts elsewhere: words no signal tied to the name
])
def test_decide_a_weak_candidate_widens_only_a_name_of_its_type_that_starts_with_it(candidate):
    from service.engine.decide import widen_by_candidates

    start, end, entity_type, recognizer = candidate
    model = F(4, 12, "ORGANIZATION", 0.85, "spacy_ner.v1")
    out = widen_by_candidates([model], [_weak(F(start, end, entity_type, 0.3, recognizer))],
                              recognizers=frozenset({"organization_pattern.v1"}))
    assert out == [model]
