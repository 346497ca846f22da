from __future__ import annotations

import pytest

from recognizers import EngineResources, RecognizerSetupError, build_recognizer
from recognizers.street_address_recognizer import StreetAddressRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return StreetAddressRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("we moved to 221B Baker Street last year", ["221B Baker Street"]),
        ("the office is at 12 high street, so it's easy", ["12 high street"]),
        ("send it to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please", ["1600 Pennsylvania Avenue NW, Washington, DC 20500"]),
        ("our studio is at 500 Congress Ave, Austin, TX 78701 now", ["500 Congress Ave, Austin, TX 78701"]),
        ("I live at 42 Maple Road, Toronto, ON M5V 3L9", ["42 Maple Road, Toronto, ON M5V 3L9"]),
        ("we're at two twenty one b baker street", ["two twenty one b baker street"]),
        ("uh we were at twelve high street for a while", ["twelve high street"]),
        ("flat 3, 14 Elm Grove, Leeds LS6 2AB", ["flat 3, 14 Elm Grove, Leeds LS6 2AB"]),
        ("she lives at 1209 Cherry Lane apt 3", ["1209 Cherry Lane apt 3"]),
        ("it's 350 Fifth Avenue, New York, NY 10118", ["350 Fifth Avenue, New York, NY 10118"]),
        # numbers before words that are not addresses
        ("we had 3 high street stores", []),
        ("The survey had 400 Main Street respondents", []),
        ("in 2019 we went to 5 different high street shops", []),
        ("I walked 5 miles down the main road", []),
        ("she finished in 2nd place", []),
        ("we got 3 way calls", []),
        ("it's on fifth avenue", []),  # a street, not an address
        ("there were 12 people at the park", []),
        ("Interviewer: mm-hmm, 12 high streets", []),
        ("We use ML and AI in 3 places", []),
    ],
)
def test_street_address_table(recognizer, text, expected):
    results = recognizer.analyze(text, ["ADDRESS"])
    assert sorted(text[r.start:r.end] for r in results) == sorted(expected)
    assert all(r.analysis_explanation.textual_explanation for r in results)


def test_street_types_come_from_the_configured_file(tmp_path):
    types = tmp_path / "types.txt"
    types.write_text("# only one\nStrasse\n", encoding="utf-8")
    recognizer = StreetAddressRecognizer(street_types_file=types)
    assert recognizer.analyze("we live at 12 Linden Strasse", ["ADDRESS"])
    assert recognizer.analyze("we live at 12 Linden Street", ["ADDRESS"]) == []


def test_street_address_lists_are_options_relative_to_the_config(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "types.txt").write_text("Strasse\n", encoding="utf-8")
    (tmp_path / "lists" / "regions.txt").write_text("US | TX | Texas\n", encoding="utf-8")
    resources = EngineResources(
        ner_labels={}, ner_score=0.85, is_noise=lambda s: False, why_noise=lambda s: None,
        is_common_word=lambda w: False, word_zipf=lambda w: 0.0, resolve_path=lambda p: tmp_path / p,
    )
    options = {"street_types_file": "lists/types.txt", "regions_file": "lists/regions.txt"}
    recognizer = build_recognizer("street_address.v1", options, resources)
    text = "we live at 12 Linden Strasse, Austin, TX 78701"
    assert [text[r.start:r.end] for r in recognizer.analyze(text, None)] == ["12 Linden Strasse, Austin, TX 78701"]


def test_street_address_bad_lists_name_the_file_and_line(tmp_path):
    with pytest.raises(RecognizerSetupError, match="types.txt: list of street types not found"):
        StreetAddressRecognizer(street_types_file=tmp_path / "types.txt")
    regions = tmp_path / "regions.txt"
    regions.write_text("# states\nUS | TX | Texas\nUS | Oregon\n", encoding="utf-8")
    with pytest.raises(RecognizerSetupError, match=r"regions.txt:3: expected 'country \| abbreviation \| name'"):
        StreetAddressRecognizer(regions_file=regions)
