import json
import re
from dataclasses import dataclass

import pytest

from recognizers.project_dictionary_recognizer import (
    HOW_METADATA_KEY,
    SOUND_ALIKE_SCORE,
    TERM_METADATA_KEY,
    ProjectDictionaryRecognizer,
)
from recognizers.sound_alike import (
    Evidence,
    SoundAlikeForm,
    SoundAlikeMatcher,
    SoundAlikeCuesError,
    default_settings,
    load_cues,
    sound_spelling,
    spell_numbers,
)
from config import CONFIG_DIR
from tests.recognizers import sound_alike_eval
from tests.recognizers.data import build_sound_alike_set


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    lowercase: bool


def tokens(text: str) -> list[Tok]:
    return [Tok(m.start(), m.end(), m.group().islower()) for m in re.finditer(r"[^\W_]+(?:['\u2019][^\W_]+)*['\u2019]?", text)]


FORMS = [
    SoundAlikeForm(0, "Alteryx"),
    SoundAlikeForm(1, "Snowflake"),
    SoundAlikeForm(2, "Databricks"),
    SoundAlikeForm(3, "Salesforce"),
    SoundAlikeForm(4, "SAP"),
    SoundAlikeForm(5, "3M"),
    SoundAlikeForm(6, "Tableau"),
    SoundAlikeForm(7, "Kathryn Oduya"),
    SoundAlikeForm(7, "Kathryn", is_head=True),
    SoundAlikeForm(8, "Qualtrics"),
    SoundAlikeForm(9, "Microsoft 365"),
]


@pytest.fixture(scope="module")
def matcher():
    return SoundAlikeMatcher(FORMS, default_settings())


def matched(matcher, text, **kwargs):
    result = matcher.find(text, tokens(text), **kwargs)
    return [(text[c.start:c.end], c.form) for c in result.matches]


MATCHES = [
    ("our vendor was, uh, alter ex", "alter ex", "Alteryx"),
    ("we've standardised on alterics for the data prep", "alterics", "Alteryx"),
    ("the data prep is all done in alterics", "alterics", "Alteryx"),
    ("the vendor was all tricks, basically", "all tricks", "Alteryx"),
    ("last year we migrated to snow flake", "snow flake", "Snowflake"),
    ("we're using data bricks for the notebooks", "data bricks", "Databricks"),
    ("we switched from cells force in the spring", "cells force", "Salesforce"),
    ("finance runs on s a p these days", "s a p", "SAP"),
    ("Finance runs on S.A.P. these days", "S.A.P", "SAP"),
    ("she was a chemist at three m before", "three m", "3M"),
    ("most of the charts were built in tableu", "tableu", "Tableau"),
    ("I asked Catherine about the sampling", "Catherine", "Kathryn"),
    ("the quell tricks licence ran out", "quell tricks", "Qualtrics"),
    ("we moved the team to microsoft three sixty five", "microsoft three sixty five", "Microsoft 365"),
    ("The invoices came from Snow Flake every month.", "Snow Flake", "Snowflake"),
    # a bare singular subject that opens a clause is a name slot
    ("honestly alter ex kept crashing", "alter ex", "Alteryx"),
    ("and then cells force changed their pricing", "cells force", "Salesforce"),
    ("um, tableu I think, for the charts", "tableu", "Tableau"),
    ("we pulled the numbers out of tabloh", "tabloh", "Tableau"),  # a short key: letters alike as said
    ("we built the whole pipeline on snow flake", "snow flake", "Snowflake"),
]

NO_MATCHES = [
    "we had to alter the ex-factory price twice",
    "the snow and the flake pattern looked odd",
    "all the tricks we tried made no difference",
    "we grew the sales force by ten people",
    "I met with the sales force on monday",
    "we put the numbers in a table",
    "with the table we could compare them",
    "so I got a new laptop",
    "we work at home on fridays",
    "a b c, easy as that",
    "uh, um, you know",
    "Interviewer: mm-hmm.",
    "we use ML for most of it",
    "the report said alter ex kept crashing",  # no context: a suggestion at most
    "and snow flakes were falling all morning",  # a plural noun may open a clause without a determiner
    "honestly, all tricks are fair game",
]


@pytest.mark.parametrize(("text", "span", "form"), MATCHES)
def test_sound_alike_matches_misheard_renderings(matcher, text, span, form):
    assert matched(matcher, text) == [(span, form)]


@pytest.mark.parametrize("text", NO_MATCHES)
def test_sound_alike_leaves_ordinary_speech(matcher, text):
    assert matched(matcher, text) == []


def test_sound_alike_candidate_keeps_the_term_out_of_its_prose(matcher):
    text = "our vendor was, uh, alter ex"
    (found,) = matcher.find(text, tokens(text)).matches
    assert (found.entry, found.form, found.key, found.evidence) == (0, "Alteryx", "ALTRKS", Evidence.CONTEXT)
    assert found.how == "sounds like the term (metaphone ALTRKS)"
    assert "Alteryx" not in found.how and "alteryx" not in found.how.lower()
    assert found.phonetic == 1.0 and 0 < found.edit < 1 and found.score >= default_settings().match_threshold


def test_sound_alike_without_context_is_a_suggestion(matcher):
    text = "the report said alter ex kept crashing on us"
    result = matcher.find(text, tokens(text), suggestions=True)
    assert result.matches == ()
    assert [(text[c.start:c.end], c.form, c.evidence) for c in result.suggestions] == [
        ("alter ex", "Alteryx", Evidence.NONE)
    ]


def test_sound_alike_below_the_threshold_is_a_suggestion():
    settings = default_settings().model_copy(update={"match_threshold": 0.99})
    matcher = SoundAlikeMatcher(FORMS, settings)
    text = "the vendor was all tricks, basically"  # scores 0.98: keys alike, letters alike as said
    result = matcher.find(text, tokens(text), suggestions=True)
    assert result.matches == ()
    assert [(text[c.start:c.end], c.evidence) for c in result.suggestions] == [("all tricks", Evidence.CONTEXT)]


def test_sound_alike_attested_term_needs_no_context(matcher):
    text = "We signed with Alteryx in May. The report said alter ex kept crashing."
    exact = [(15, 22)]  # "Alteryx", found by spelling
    assert matched(matcher, text, taken=exact) == []
    assert matched(matcher, text, taken=exact, attested={0}) == [("alter ex", "Alteryx")]


def test_sound_alike_always_term_needs_no_context():
    matcher = SoundAlikeMatcher([SoundAlikeForm(0, "Alteryx", always=True)], default_settings())
    assert matched(matcher, "the report said alter ex kept crashing") == [("alter ex", "Alteryx")]
    # ... but a very common word alone still never matches, nor a clause.
    assert matched(SoundAlikeMatcher([SoundAlikeForm(0, "Tableau", always=True)], default_settings()),
                   "we put the numbers in a table") == []
    assert matched(SoundAlikeMatcher([SoundAlikeForm(0, "Workday", always=True)], default_settings()),
                   "I work at home") == []


def test_sound_alike_skips_windows_already_taken(matcher):
    text = "we use alter ex and we use alter ex"
    assert matched(matcher, text) == [("alter ex", "Alteryx"), ("alter ex", "Alteryx")]
    (second,) = matcher.find(text, tokens(text), taken=[(7, 15)]).matches
    assert second.start == 27


def test_sound_alike_common_word_threshold_is_a_setting():
    forms = [SoundAlikeForm(0, "Trello")]
    strict = SoundAlikeMatcher(forms, default_settings())
    loose = SoundAlikeMatcher(forms, default_settings().model_copy(update={"common_word_zipf": 7.0}))
    text = "we switched to trellow"  # a rare spelling: it matches either way
    assert matched(strict, text) == matched(loose, text) == [("trellow", "Trello")]
    text = "we switched to yellow"  # "yellow" is common English
    assert matched(strict, text) == []


def test_sound_alike_disabled_finds_nothing():
    matcher = SoundAlikeMatcher(FORMS, default_settings().model_copy(update={"enabled": False}))
    assert matched(matcher, "our vendor was, uh, alter ex") == []


@pytest.mark.parametrize(("heard", "term"), [
    ("jeera", "jira"), ("koopa", "coupa"), ("tabloh", "tableau"), ("strype", "stripe"), ("ockta", "okta"),
    ("meero", "miro"), ("viva", "veeva"),
])
def test_sound_spelling_writes_one_sound_one_way(heard, term):
    assert sound_spelling(heard) == sound_spelling(term)


@pytest.mark.parametrize(("a", "b"), [("table", "tableau"), ("jar", "jira"), ("cup", "coupa")])
def test_sound_spelling_keeps_other_sounds_apart(a, b):
    assert sound_spelling(a) != sound_spelling(b)


def test_spell_numbers_says_digits_as_words():
    assert spell_numbers("3m").split() == ["three", "m"]
    assert spell_numbers("365", paired=True).split() == ["three", "sixty", "five"]
    assert spell_numbers("365").split() == ["three", "hundred", "sixty", "five"]


def test_sound_alike_cues_file_is_validated(tmp_path):
    path = tmp_path / "cues.yaml"
    raw = load_cues(CONFIG_DIR / "sound_alike_cues.yaml").model_dump(mode="json")
    path.write_text(json.dumps({**raw, "cues_befor": ["vendor"]}), encoding="utf-8")
    with pytest.raises(SoundAlikeCuesError, match="unknown key 'cues_befor'"):
        load_cues(path)
    path.write_text(json.dumps({k: v for k, v in raw.items() if k != "fillers"}), encoding="utf-8")
    with pytest.raises(SoundAlikeCuesError, match="fillers: Field required"):
        load_cues(path)
    path.write_text("fillers: [", encoding="utf-8")
    with pytest.raises(SoundAlikeCuesError, match="not valid YAML"):
        load_cues(path)
    with pytest.raises(SoundAlikeCuesError, match="not found"):
        load_cues(tmp_path / "missing.yaml")


# -- through the dictionary recognizer -------------------------------------------------------

TERMS = [
    ("Alteryx", "ORGANIZATION", ()),
    ("Snowflake", "ORGANIZATION", ()),
    ("Kathryn Oduya", "PERSON", ()),
]


def found(recognizer, text):
    return [(text[r.start:r.end], r.entity_type) for r in recognizer.analyze(text, None, None)]


def test_dictionary_recognizer_finds_sound_alikes_below_fuzzy_matches():
    recognizer = ProjectDictionaryRecognizer(TERMS)
    text = "our vendor was, uh, alter ex, and before that we used snow flake"
    results = recognizer.analyze(text, None, None)
    assert [(text[r.start:r.end], r.recognition_metadata[TERM_METADATA_KEY]) for r in results] == [
        ("alter ex", "Alteryx"), ("snow flake", "Snowflake")]
    first = results[0]
    assert first.score == SOUND_ALIKE_SCORE and 0.9 < first.score < 0.92  # above the gazetteers, below head words
    # the reason names neither the term nor its key; the metadata (shown with the term) says both
    assert first.analysis_explanation.textual_explanation == "project dictionary term (sounds like)"
    assert first.recognition_metadata[HOW_METADATA_KEY] == "sounds like, metaphone ALTRKS"


def test_dictionary_recognizer_sound_alike_mode_per_term():
    text = "the report said alter ex kept crashing"
    assert found(ProjectDictionaryRecognizer([("Alteryx", "ORGANIZATION", (), "context")]), text) == []
    assert found(ProjectDictionaryRecognizer([("Alteryx", "ORGANIZATION", (), "always")]), text) == [
        ("alter ex", "ORGANIZATION")]
    assert found(ProjectDictionaryRecognizer([("Alteryx", "ORGANIZATION", (), "off")]), "our vendor was alter ex") == []
    with pytest.raises(ValueError, match="sound_alike must be one of"):
        ProjectDictionaryRecognizer([("Alteryx", "ORGANIZATION", (), "sometimes")])


def test_dictionary_recognizer_exact_mention_attests_the_term():
    recognizer = ProjectDictionaryRecognizer(TERMS)
    text = "We signed with Alteryx in May. The report said alter ex kept crashing."
    assert found(recognizer, text) == [("Alteryx", "ORGANIZATION"), ("alter ex", "ORGANIZATION")]


def test_dictionary_recognizer_takes_the_whole_misheard_name():
    recognizer = ProjectDictionaryRecognizer([("Niamh Gallagher", "PERSON", (), "always")])
    # "gallagher" alone is the head word; the whole rendering is the name.
    assert found(recognizer, "we had a call with neve gallagher on friday") == [("neve gallagher", "PERSON")]
    assert found(recognizer, "back in Gallagher's office") == [("Gallagher's", "PERSON")]


def test_dictionary_recognizer_lowercase_split_into_common_words_needs_context():
    recognizer = ProjectDictionaryRecognizer([("BigQuery", "PRODUCT", ())])
    assert found(recognizer, "the big query we ran took hours") == []
    assert found(recognizer, "we moved the warehouse to big query") == [("big query", "PRODUCT")]
    assert found(recognizer, "the Big Query tables") == [("Big Query", "PRODUCT")]
    # a term matched by spelling only keeps matching the split by spelling
    spelling_only = ProjectDictionaryRecognizer([("BigQuery", "PRODUCT", (), "off")])
    assert found(spelling_only, "the big query we ran took hours") == [("big query", "PRODUCT")]


def test_dictionary_recognizer_suggestions_carry_the_term_separately():
    recognizer = ProjectDictionaryRecognizer(TERMS)
    text = "the report said alter ex kept crashing"
    assert found(recognizer, text) == []
    (suggestion,) = recognizer.suggestions(text)
    assert (text[suggestion.start:suggestion.end], suggestion.term, suggestion.entity_type) == (
        "alter ex", "Alteryx", "ORGANIZATION")
    assert suggestion.canonical == "alteryx" and suggestion.evidence == "none"
    assert suggestion.method == "metaphone ALTRKS" and suggestion.score < 1


# -- the labelled set ---------------------------------------------------------------------------


def test_sound_alike_set_is_reproducible():
    items = build_sound_alike_set.build()
    assert [json.dumps(item, ensure_ascii=False) for item in items] == (
        sound_alike_eval.DATA.read_text(encoding="utf-8").splitlines())
    assert len({s["term"] for item in items for s in item["spans"]}) >= 200
    kinds = [item["kind"] for item in items]
    assert kinds.count("negative") >= kinds.count("positive")


def test_sound_alike_set_figures():
    figures = sound_alike_eval.evaluate(sound_alike_eval.load_items())
    assert figures.misheard > 600
    assert figures.recall >= 0.85, figures.line("sound_alike")
    assert figures.precision >= 0.95, figures.line("sound_alike")
    assert figures.negatives >= 600 and figures.negatives_matched == 0, figures.false_hits
