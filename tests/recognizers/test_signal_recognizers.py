"""The recognizers of unknown names by general signals: rare capitalized words, name
slots, acronyms used as organizations. Table tests on sentences written for them, with
real word frequencies (wordfreq) and the engine's noise lists."""
from __future__ import annotations

import pytest

from recognizers.name_slot_recognizer import NameSlotRecognizer
from recognizers.organization_acronym_recognizer import OrganizationAcronymRecognizer
from recognizers.rare_capitalized_recognizer import RareCapitalizedRecognizer
from recognizers.text_signals import name_list
from service.config import CONFIG_DIR
from service.vocabulary.word_frequency import word_zipf

THRESHOLD = 0.4  # decide.score_threshold


def split(recognizer, text):
    """(names found, suggestions): surfaces with types, above and below the threshold."""
    results = recognizer.analyze(text, [])
    sure = sorted((text[r.start:r.end], r.entity_type) for r in results if r.score >= THRESHOLD)
    weak = sorted(text[r.start:r.end] for r in results if 0 < r.score < THRESHOLD)
    for r in results:
        assert r.analysis_explanation.textual_explanation
    return sure, weak


@pytest.fixture(scope="module")
def rare(noise):
    names = name_list(CONFIG_DIR / "names" / "first_names.txt") | name_list(CONFIG_DIR / "names" / "last_names.txt")
    return RareCapitalizedRecognizer(word_zipf=word_zipf, why_noise=noise.why_noise, person_names=names)


@pytest.mark.parametrize(
    "text, sure, weak",
    [
        ("We moved our tickets to Brightcairn last spring.", [("Brightcairn", "ORGANIZATION")], []),
        ("The contract went to Kelderwick Analytics in May.", [("Kelderwick Analytics", "ORGANIZATION")], []),
        ("The audit was signed off by Okonkwo and me.", [("Okonkwo", "PERSON")], []),
        ("I asked Wiremu about it.", [("Wiremu", "PERSON")], []),  # on the name lists
        ("then Zentrilla said no", [("Zentrilla", "PERSON")], []),  # a person's context
        ("We bought it from Kanban Partners.", [], ["Kanban Partners"]),  # fairly rare: a suggestion
        # not names: sentence starts, common words, nationalities, headings, noise
        ("Brightcairn is new. It works.", [], []),
        ("We used Excel and Python every day.", [], []),
        ("Interviewer: mm-hmm, the ML team.", [], []),
        ("Quarterly Review Of Brightcairn Regional Sales", [], []),
        ("she is @brightcairn on the forum and posts #Zentrilla", [], []),
    ],
)
def test_rare_capitalized_table(rare, text, sure, weak):
    assert split(rare, text) == (sorted(sure), sorted(weak))


def test_rare_capitalized_stays_out_of_uncased_text(rare):
    from presidio_analyzer.nlp_engine import NlpArtifacts
    import spacy

    text = "we moved to brightcairn and Okonkwo signed"
    seen = "We moved to Brightcairn and Okonkwo signed"  # the model's copy differs: uncased text
    doc = spacy.blank("en")(seen)
    artifacts = NlpArtifacts(entities=[], tokens=doc, tokens_indices=[], lemmas=[], nlp_engine=None, language="en")
    assert rare.analyze(text, [], artifacts) == []


@pytest.fixture(scope="module")
def slots(noise):
    return NameSlotRecognizer(word_zipf=word_zipf, why_noise=noise.why_noise)


@pytest.mark.parametrize(
    "text, sure, weak",
    [
        ("i worked at brightcairn for two years", [("brightcairn", "ORGANIZATION")], []),
        ("so at kelderwick we run everything on prem", [("kelderwick", "ORGANIZATION")], []),
        ("zentrilla's team owns the pipeline", [("zentrilla", "ORGANIZATION")], []),
        ("our vendor was vantorio, which was fine", [("vantorio", "ORGANIZATION")], []),
        ("then i joined kelderwick analytics", [("kelderwick analytics", "ORGANIZATION")], []),
        ("we had a tool called loomfield for rostering", [("loomfield", "PRODUCT")], []),
        ("my colleague okonkwo adeyemi built it", [("okonkwo adeyemi", "PERSON")], []),
        ("thanks, wiremu", [("wiremu", "PERSON")], []),
        ("she works at halcyon now", [], ["halcyon"]),  # fairly rare: a suggestion
        ("back when we were still vantorio's retail arm", [], ["vantorio"]),  # a rare possessive outside a slot
        ("the dog's bowl and the team's goals", [], []),
        ("i did a phd at tallowmere university", [("tallowmere university", "UNIVERSITY")], []),
        ("then a part-time mba at halcyon, at night", [], ["halcyon"]),
        ("i graduated from kelderwick in 2010", [("kelderwick", "UNIVERSITY")], []),
        # common words in the same slots are no names
        ("i worked at home for two years", [], []),
        ("our vendor was slow", [], []),
        ("a tool called excel", [], []),
        ("i studied at night", [], []),
        ("a degree from home", [], []),
        ("interviewer: mm-hmm, my colleague said so", [], []),
        ("at brightcairn. we", [], []),  # a sentence end inside the slot
    ],
)
def test_name_slot_table(slots, text, sure, weak):
    assert split(slots, text) == (sorted(sure), sorted(weak))


@pytest.fixture(scope="module")
def acronyms(noise):
    return OrganizationAcronymRecognizer(word_zipf=word_zipf, why_noise=noise.why_noise)


@pytest.mark.parametrize(
    "text, sure, weak",
    [
        # defined in the transcript: the acronym and its long form
        ("I joined Hartwell Bank (HB) in 2019. HB paid well.",
         [("HB", "ORGANIZATION"), ("HB", "ORGANIZATION"), ("Hartwell Bank", "ORGANIZATION")], []),
        ("We partnered with KMT (Kelder Marine Trust) on it.", [("KMT", "ORGANIZATION"), ("Kelder Marine Trust", "ORGANIZATION")], []),
        ("She studied at Tallow University (TU).", [("TU", "UNIVERSITY"), ("Tallow University", "UNIVERSITY")], []),
        # used as an organization: after "at", "with", ... with no article, or a bare possessive
        ("I was at QVB for years.", [("QVB", "ORGANIZATION")], []),
        ("QVB's data team is small.", [("QVB", "ORGANIZATION")], []),
        ("We work with DPRW, QVB or ZNL on grants.", [("DPRW", "ORGANIZATION"), ("QVB", "ORGANIZATION"),
                                                      ("ZNL", "ORGANIZATION")], []),
        # jargon: with an article, in the plural, as a modifier, or on the noise lists
        ("The CRO handled monitoring.", [], ["CRO"]),
        ("We bought a CTMS and hired an EMT.", [], []),
        ("An EMT came by.", [], ["EMT"]),  # "an" before a modifier or a noun: not sure either way
        ("Our KPIs and the KPI dashboard.", [], []),
        ("Interviewer: mm-hmm, the ML and AI team, and IT.", [], []),
        ("INTERVIEWER: OKAY, LET'S START WITH YOUR ROLE AT THE FIRM.", [], []),
    ],
)
def test_organization_acronym_table(acronyms, text, sure, weak):
    assert split(acronyms, text) == (sorted(sure), sorted(weak))


def test_organization_acronym_verdicts_say_how_the_transcript_uses_each(acronyms):
    verdicts = acronyms.verdicts("At HB we bought a CTMS and the CRO ran it. QVB was there too.")
    assert verdicts["HB"].score >= THRESHOLD
    assert verdicts["CTMS"].score == 0 and "common noun" in verdicts["CTMS"].reason
    assert 0 < verdicts["CRO"].score < THRESHOLD and not verdicts["CRO"].against_name  # "the ECB" is written so too
    assert 0 < verdicts["QVB"].score < THRESHOLD and not verdicts["QVB"].against_name  # bare: no evidence either way


@pytest.mark.parametrize(
    "text, weak",
    [
        ("payroll is still with q r t, and it works", ["q r t"]),
        ("we moved to a z m last year", ["a z m"]),
        # letters that spell a word, a noise acronym, or too few letters
        ("we sold to the u s mostly", []),
        ("the h r team and i t", []),
        ("plan b is fine", []),
    ],
)
def test_spelled_out_letters_are_a_suggestion(acronyms, text, weak):
    from presidio_analyzer.nlp_engine import NlpArtifacts
    import spacy

    doc = spacy.blank("en")(text.capitalize())  # the model's copy differs: uncased text
    artifacts = NlpArtifacts(entities=[], tokens=doc, tokens_indices=[], lemmas=[], nlp_engine=None, language="en")
    results = acronyms.analyze(text, [], artifacts)
    assert sorted(text[r.start:r.end] for r in results) == weak
    cased = "So " + text + "."  # speech-to-text that capitalizes sentences but not the letters
    assert sorted(cased[r.start:r.end] for r in acronyms.analyze(cased, [])) == weak
    assert all(0 < r.score < THRESHOLD and r.entity_type == "ORGANIZATION" for r in results)
