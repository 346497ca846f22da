from __future__ import annotations

import pytest

from recognizers.errors import RecognizerSetupError
from recognizers.gazetteer_recognizer import GazetteerRecognizer
from recognizers.options import GazetteerOptions


@pytest.fixture(scope="module")
def recognizer():
    return GazetteerRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I work at Apple now", [("Apple", "ORGANIZATION")]),
        ("she audited pension funds for Deloitte", [("Deloitte", "ORGANIZATION")]),
        ("we moved to aws last year", [("aws", "ORGANIZATION")]),
        ("we use amazon personalize for it", [("amazon personalize", "PRODUCT")]),
        ("the Amazon personalized thing", [("Amazon personalized", "PRODUCT")]),
        ("performance is in culture amp, recruiting in greenhouse", [("culture amp", "ORGANIZATION"),
                                                                    ("greenhouse", "ORGANIZATION")]),
        ("we went live on work day", [("work day", "ORGANIZATION")]),
        ("I did my PhD at MIT", [("MIT", "UNIVERSITY")]),
        ("she was at UofT before", [("UofT", "UNIVERSITY")]),
        ("Netflix's recommender is good", [("Netflix", "ORGANIZATION")]),
        ("the Capgeminis and Accentures of this world", [("Capgeminis", "ORGANIZATION"), ("Accentures", "ORGANIZATION")]),
        ("amazon  web\nservices bills us", [("amazon  web\nservices", "ORGANIZATION")]),
        ("we moved the whole firm onto office three sixty five", [("office three sixty five", "PRODUCT")]),
        ("my first job was at spark, fixing routers", [("spark", "PRODUCT")]),
        # international bodies and parties, also as speech-to-text writes them
        ("i briefed the osce and then the ebrd on it", [("osce", "ORGANIZATION"), ("ebrd", "ORGANIZATION")]),
        ("she sat on the un human rights council", [("un human rights council", "ORGANIZATION")]),
        ("he stood for the Labour Party twice", [("Labour Party", "ORGANIZATION")]),
        ("the labour market is tight", []),
        ("we took the complaint to the un in the end", [("un", "ORGANIZATION")]),
        ("it was un believable", []),
        # a capital after "like," or "um," is a speaker's restart, not a name's capital
        ("and then, like, Next thing we knew the server was gone", []),
        ("we went, um, Target was the first client", []),
        ("Honestly, Target was the first client", [("Target", "ORGANIZATION")]),
        # ordinary words and transcript noise are not names
        ("Interviewer: mm-hmm, the ML and AI team", []),
        ("I ate an apple at lunch", []),
        ("the target is to ship by June", []),
        ("we use slack time to catch up", []),
        ("a delta of two percent", []),
        ("the amazon rainforest is far", []),
        ("that was the spark of an idea", []),
        ("three of us share a desk, and i co-chair the group", []),
        # a possessive is not the last letter of a listed acronym ("HB's" is not HBS)
        ("HB's data team was small", []),
        ("the HBS case method", [("HBS", "UNIVERSITY")]),
        # a listed word inside another capitalized name is no evidence for it
        ("we flew to Web Summit in November", []),
        ("we flew to Summit for the offsite", [("Summit", "ORGANIZATION")]),
    ],
)
def test_gazetteer_table(recognizer, text, expected):
    results = recognizer.analyze(text, None)
    assert sorted((text[r.start:r.end], r.entity_type) for r in results) == sorted(expected)
    for r in results:
        assert r.analysis_explanation.textual_explanation.startswith("in the ")


def test_gazetteer_longest_match_wins(recognizer):
    text = "we run on Amazon Web Services and Amazon SageMaker"
    found = [text[r.start:r.end] for r in recognizer.analyze(text, None)]
    assert found == ["Amazon Web Services", "Amazon SageMaker"]



def _lists(tmp_path, organizations, vendors, ambiguous=None):
    (tmp_path / "orgs.txt").write_text(organizations, encoding="utf-8")
    (tmp_path / "vendors.txt").write_text(vendors, encoding="utf-8")
    if ambiguous is not None:
        (tmp_path / "ambiguous.txt").write_text(ambiguous, encoding="utf-8")
    return GazetteerOptions(organizations_path="orgs.txt", vendors_products_path="vendors.txt",
                            data_providers_path=None, universities_path=None,
                            ambiguous_path="ambiguous.txt" if ambiguous is not None else None)


def test_gazetteer_a_name_with_two_types_is_a_load_error_naming_file_and_entry(tmp_path):
    options = _lists(tmp_path, "Kestrelby Labs\nQuillbourne\n", "PRODUCT\tQuillbourne | Quill Bourne\n")
    with pytest.raises(RecognizerSetupError) as caught:
        GazetteerRecognizer(options, base_dir=tmp_path)
    message = str(caught.value)
    assert str(tmp_path / "vendors.txt") in message and str(tmp_path / "orgs.txt") in message
    assert "'Quillbourne' is PRODUCT" in message and "ORGANIZATION" in message


def test_gazetteer_an_ambiguous_name_must_keep_its_listed_type(tmp_path):
    options = _lists(tmp_path, "Quillbourne\n", "PRODUCT\tVellmore Suite\n", "quillbourne\tPRODUCT\tcased\n")
    with pytest.raises(RecognizerSetupError, match=r"ambiguous\.txt: 'quillbourne' is PRODUCT here but ORGANIZATION"):
        GazetteerRecognizer(options, base_dir=tmp_path)


def test_gazetteer_one_name_in_two_lists_with_one_type_is_fine(tmp_path):
    options = _lists(tmp_path, "Quillbourne\n", "ORGANIZATION\tQuillbourne | Quill Bourne\n")
    text = "I moved to quill bourne in May"
    assert [text[r.start:r.end] for r in GazetteerRecognizer(options, base_dir=tmp_path).analyze(text, None)] == ["quill bourne"]


def test_gazetteer_shipped_lists_load_without_conflicts(recognizer):
    assert len(recognizer.gazetteer) > 1000  # a conflict would have raised while loading


@pytest.mark.parametrize(
    "text, expected",
    [
        # A chain of ambiguous names counts from the one listed name, even leftwards.
        ("slack and notion and box and Dropbox", ["slack", "notion", "box", "Dropbox"]),
        ("Dropbox, box. notion", ["Dropbox", "box"]),  # a sentence ends the list
        ("box and notion", []),  # no listed name to lean on
    ],
)
def test_gazetteer_names_listed_together(recognizer, text, expected):
    assert [text[r.start:r.end] for r in recognizer.analyze(text, None)] == expected
