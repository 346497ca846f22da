"""Span edges on hand-built findings (no model): where a name begins and ends."""
from __future__ import annotations

import pytest

from service.engine.edges import extend_names, join_adjacent, split_at_breaks, trim_edges
from service.models import Finding

NAMES = frozenset({"PERSON", "ORGANIZATION", "UNIVERSITY", "PRODUCT", "LOCATION"})
GUESS, LISTED = "model.v1", "list.v1"
FUNCTION = frozenset("to of the a an and or with in on at for from is was our my then".split())
COMMON = frozenset("world meetings team data system old".split())
HEADS = frozenset("group foundation institute university bank inc".split())


def F(text, surface, entity_type="ORGANIZATION", recognizer=GUESS, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Finding(start, start + len(surface), entity_type, 0.85, recognizer, "why")


def surfaces(text, findings):
    return sorted((text[f.start:f.end], f.entity_type) for f in findings)


def trim(text, findings, cased=True):
    return trim_edges(text, findings, is_function_word=FUNCTION.__contains__, is_common_word=COMMON.__contains__,
                      guesses=frozenset({GUESS}), name_types=NAMES, cased=cased)


@pytest.mark.parametrize(
    "text, found, expected",
    [
        ("I moved from Northwind to Acme.", "Northwind to", ["Northwind"]),
        ("Northwind's old system was slow.", "Northwind's", ["Northwind"]),
        ("the Ocados of the world", "Ocados of the world", ["Ocados"]),
        ("We had Zoom meetings daily.", "Zoom meetings", ["Zoom"]),
        ("Jane Doe  1:42", "Jane Doe  1:42", ["Jane Doe"]),
        ("(Northwind)", "(Northwind)", ["Northwind"]),
        ("I was at Northwind Analytics Inc. for years.", "Northwind Analytics Inc.", ["Northwind Analytics Inc."]),
        ("We met Marguerite O. yesterday", "Marguerite O.", ["Marguerite O."]),
        ("It was Northwind. Then", "Northwind.", ["Northwind"]),
        # a guess never eats "'s", whether it is the name's own or "is": a listed name keeps its own
        ("We bought it at Sotheby's a year ago.", "Sotheby's", ["Sotheby"]),
        ("Dana's a great manager.", "Dana's", ["Dana"]),
        ("We ate at Dana Whitlock’s.", "Dana Whitlock’s", ["Dana Whitlock"]),
        ("Our phone plan was with Three.", "Three", ["Three"]),  # a capitalized number word is a name
        ("i left northwind to join", "northwind to", ["northwind"]),  # lowercase text: function words still go
        ("It was Acme. Then Globex hired me.", "Then Globex", ["Globex"]),  # capitalized by the sentence start
    ],
)
def test_edges_trim_guesses(text, found, expected):
    assert [s for s, _ in surfaces(text, trim(text, [F(text, found)]))] == expected


def test_edges_listed_names_keep_their_words():
    text = "We used service now and Zoom meetings."
    out = trim(text, [F(text, "service now", recognizer=LISTED), F(text, "Zoom meetings", recognizer=LISTED)])
    assert [s for s, _ in surfaces(text, out)] == ["Zoom meetings", "service now"]


def test_edges_lowercase_content_words_stay_in_uncased_text():
    text = "we moved to acme analytics last year"
    out = trim(text, [F(text, "acme analytics")], cased=False)
    assert [s for s, _ in surfaces(text, out)] == ["acme analytics"]


def test_edges_a_span_of_only_function_words_is_dropped():
    text = "and the rest"
    assert trim(text, [F(text, "and the")]) == []


@pytest.mark.parametrize(
    "text, found, entity_type, expected",
    [
        ("Ilse Varga: Factory data", "Ilse Varga: Factory", "PERSON", ["Factory", "Ilse Varga"]),
        ("My colleagues Renee, Dolores and Tom.", "Renee, Dolores and Tom", "PERSON", ["Dolores", "Renee", "Tom"]),
        ("We used Adobe Analytics, Snowflake daily.", "Adobe Analytics, Snowflake", "PRODUCT",
         ["Adobe Analytics", "Snowflake"]),
        ("University of Leeds with Jane Doe", "University of Leeds with Jane Doe", "ORGANIZATION",
         ["Jane Doe", "University of Leeds"]),
        ("It was Acme. Globex hired me.", "Acme. Globex", "ORGANIZATION", ["Acme", "Globex"]),
        ("Ask Andrew W. Mellon about it.", "Andrew W. Mellon", "PERSON", ["Andrew W. Mellon"]),
        ("We met Dr. Lee there.", "Dr. Lee", "PERSON", ["Dr. Lee"]),
        ("Johnson and Johnson paid.", "Johnson and Johnson", "ORGANIZATION", ["Johnson and Johnson"]),
        ("Amin Haddad\n\nInterviewer asked", "Amin Haddad\n\nInterviewer", "PERSON", ["Amin Haddad", "Interviewer"]),
        ("thanks Jane\nBob: sure", "Jane\nBob", "PERSON", ["Bob", "Jane"]),
    ],
)
def test_edges_split_at_breaks(text, found, entity_type, expected):
    out = split_at_breaks(text, [F(text, found, entity_type)], guesses=frozenset({GUESS}), name_types=NAMES)
    assert sorted(text[f.start:f.end].strip() for f in out) == expected


def test_edges_listed_names_are_not_cut_at_commas():
    text = "Smith, Jones LLP"
    out = split_at_breaks(text, [F(text, text, recognizer=LISTED)], guesses=frozenset({GUESS}), name_types=NAMES)
    assert surfaces(text, out) == [(text, "ORGANIZATION")]


def test_edges_contacts_are_never_cut():
    text = "mail jane.doe@example.com: now"
    out = split_at_breaks(text, [F(text, "jane.doe@example.com", "EMAIL_ADDRESS")], guesses=frozenset({GUESS}),
                          name_types=NAMES)
    assert surfaces(text, out) == [("jane.doe@example.com", "EMAIL_ADDRESS")]


@pytest.mark.parametrize(
    "text, found, entity_type, expected",
    [
        ("I worked at Lloyds Banking Group then.", "Lloyds Banking", "ORGANIZATION", ("Lloyds Banking Group", "ORGANIZATION")),
        ("at the Allen Institute for AI today", "Allen Institute", "ORGANIZATION", ("Allen Institute for AI", "ORGANIZATION")),
        ("funded by the Bank of America loan", "Bank", "ORGANIZATION", ("Bank of America", "ORGANIZATION")),
        ("in the Pellegrini Gallery upstairs", "Pellegrini", "PERSON", ("Pellegrini Gallery", "ORGANIZATION")),
        ("Lloyds Banking group meetings", "Lloyds Banking", "ORGANIZATION", ("Lloyds Banking", "ORGANIZATION")),
        ("Jane Doe Group", "Jane Doe", "PERSON", ("Jane Doe", "PERSON")),  # "Group" is no institution's head
        ("I left Acme Inc. for Globex Health.", "Acme Inc.", "ORGANIZATION", ("Acme Inc.", "ORGANIZATION")),
        # a caption wrapped the name before its head; a line that opens a turn is another matter
        ("funded by the Harriet B. Oakhurst\nFoundation, then", "Harriet B. Oakhurst", "PERSON",
         ("Harriet B. Oakhurst\nFoundation", "ORGANIZATION")),
        ("we met Harriet Oakhurst\nFoundation: yes", "Harriet Oakhurst", "PERSON", ("Harriet Oakhurst", "PERSON")),
        ("at Lloyds Banking\n\nGroup was next", "Lloyds Banking", "ORGANIZATION", ("Lloyds Banking", "ORGANIZATION")),
    ],
)
def test_edges_extend_to_the_head_of_the_name(text, found, entity_type, expected):
    out = extend_names(text, [F(text, found, entity_type)], org_heads=HEADS | {"gallery"}, name_types=NAMES,
                       cased=True)
    assert surfaces(text, out) == [expected]


def join(text, findings):
    return join_adjacent(text, findings, is_function_word=FUNCTION.__contains__, name_types=NAMES, cased=True)


def test_edges_join_a_name_wrapped_over_a_line():
    text = "The chair is Anna\nPellegrini, who joined."
    out = join(text, [F(text, "Anna", "PERSON"), F(text, "Pellegrini", "PERSON")])
    assert surfaces(text, out) == [("Anna\nPellegrini", "PERSON")]


def test_edges_the_right_part_gives_the_joined_type():
    text = "and the Richard King\nMellon Foundation, for"
    out = join(text, [F(text, "Richard King", "PERSON"), F(text, "Mellon Foundation", "ORGANIZATION")])
    assert surfaces(text, out) == [("Richard King\nMellon Foundation", "ORGANIZATION")]


@pytest.mark.parametrize(
    "text, left, right",
    [
        ("I asked Jane\nBob: sure", "Jane", "Bob"),  # the next line opens a turn
        ("I asked Jane\n\nBob was there", "Jane", "Bob"),  # a blank line
        ("Denver and Singapore", "Denver", "Singapore"),  # a connector between
        ("Jane, Bob", "Jane", "Bob"),
    ],
)
def test_edges_do_not_join_separate_names(text, left, right):
    out = join(text, [F(text, left, "PERSON"), F(text, right, "PERSON")])
    assert len(out) == 2
