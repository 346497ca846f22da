"""Entity grouping on hand-built decisions (no model): one entity, one surrogate; two
entities, two surrogates."""
from __future__ import annotations

from service.engine.pseudonymize import Grouping, TypeCues, group_mentions
from service.models import Decision, Finding

MODEL, LIST, LABEL, FIRST_NAME = "model.v1", "list.v1", "label.v1", "first_name.v1"
GROUPING = Grouping(
    guesses=frozenset({MODEL}),
    decisive_score=0.85,
    generic_words=frozenset({"group", "foundation", "inc", "analytics"}),
    cues=TypeCues(person_before=("named",), person_after=(", she",), place_before=("in",), place_after=("office",)),
    known_places=frozenset({"austin", "madison"}),
)


def D(text, surface, *sources, nth=0):
    """A decision over ``surface`` whose sources are (type, recognizer, score) triples."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    end = start + len(surface)
    found = tuple(Finding(start, end, t, score, r, "why") for t, r, score in sources)
    best = max(found, key=lambda f: f.score)
    return Decision(start, end, best.entity_type, best.score, best.recognizer, "why", "pseudonym", found)


def groups(text, decisions):
    keys = group_mentions(text, decisions, GROUPING)
    by_key: dict = {}
    for i, d in enumerate(decisions):
        by_key.setdefault(keys[i], []).append(text[d.start:d.end])
    return sorted(sorted(v) for v in by_key.values()), keys


def test_grouping_short_forms_join_their_full_name():
    text = "Our bank was JPMorgan Chase. Later Chase closed it. Northwind Analytics hired me; Northwind grew."
    decisions = [
        D(text, "JPMorgan Chase", ("ORGANIZATION", LIST, 0.9)),
        D(text, "Chase", ("ORGANIZATION", MODEL, 0.85), nth=1),
        D(text, "Northwind Analytics", ("ORGANIZATION", MODEL, 0.85)),
        D(text, "Northwind", ("PERSON", MODEL, 0.85), nth=1),  # the model's type is only a guess
    ]
    found, _ = groups(text, decisions)
    assert found == [["Chase", "JPMorgan Chase"], ["Northwind", "Northwind Analytics"]]


def test_grouping_a_first_name_and_a_place_stay_apart():
    text = "A pupil named Austin lives in Austin and attends Austin ISD."
    decisions = [
        D(text, "Austin", ("PERSON", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7)),
        D(text, "Austin", ("LOCATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7), nth=1),
        D(text, "Austin ISD", ("ORGANIZATION", MODEL, 0.85)),
    ]
    found, keys = groups(text, decisions)
    assert found == [["Austin"], ["Austin"], ["Austin ISD"]]
    assert sorted(t for t, _ in keys.values()) == ["LOCATION", "ORGANIZATION", "PERSON"]


def test_grouping_a_first_name_that_is_no_known_place_is_a_person():
    text = "Our developer Ezra joined in May; Ezra, our developer, left in Austin."
    decisions = [
        D(text, "Ezra", ("LOCATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7)),
        D(text, "Ezra", ("LOCATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7), nth=1),
        D(text, "Austin", ("LOCATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7)),
    ]
    found, keys = groups(text, decisions)
    assert found == [["Austin"], ["Ezra", "Ezra"]]
    assert [t for t, _ in keys.values()] == ["PERSON", "PERSON", "LOCATION"]


def test_grouping_context_decides_person_or_place_where_the_model_disagrees():
    text = "and Madison, she runs payroll. The Madison office opened in Madison."
    decisions = [
        D(text, "Madison", ("LOCATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7)),
        D(text, "Madison", ("PERSON", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7), nth=1),
        D(text, "Madison", ("LOCATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7), nth=2),
    ]
    _, keys = groups(text, decisions)
    assert [keys[i][0] for i in range(3)] == ["PERSON", "LOCATION", "LOCATION"]


def test_grouping_a_decisive_source_types_every_mention():
    text = "Leah: hello. Thanks, Leah."
    decisions = [D(text, "Leah", ("PERSON", LABEL, 0.9)), D(text, "Leah", ("ORGANIZATION", MODEL, 0.85), nth=1)]
    found, keys = groups(text, decisions)
    assert found == [["Leah", "Leah"]] and {t for t, _ in keys.values()} == {"PERSON"}


def test_grouping_a_first_name_guessed_as_a_company_is_a_person():
    text = "My colleagues Renee and Dolores came."
    decisions = [
        D(text, "Renee", ("ORGANIZATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7)),
        D(text, "Dolores", ("ORGANIZATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7)),
    ]
    found, keys = groups(text, decisions)
    assert found == [["Dolores"], ["Renee"]] and {t for t, _ in keys.values()} == {"PERSON"}


def test_grouping_a_model_type_flip_is_one_entity():
    text = "the Vuillard loan show, and the Vuillard show"
    decisions = [D(text, "Vuillard", ("ORGANIZATION", MODEL, 0.85)), D(text, "Vuillard", ("PERSON", MODEL, 0.85), nth=1)]
    found, _ = groups(text, decisions)
    assert found == [["Vuillard", "Vuillard"]]


def test_grouping_shared_word_of_two_names_joins_neither():
    text = "Trinity Health and Trinity College; Trinity again."
    decisions = [
        D(text, "Trinity Health", ("ORGANIZATION", LIST, 0.9)),
        D(text, "Trinity College", ("ORGANIZATION", LIST, 0.9)),
        D(text, "Trinity", ("ORGANIZATION", MODEL, 0.85), nth=2),
    ]
    found, _ = groups(text, decisions)
    assert found == [["Trinity"], ["Trinity College"], ["Trinity Health"]]


def test_grouping_a_vendor_is_not_its_product():
    text = "Adobe Analytics reports; we chose Adobe."
    decisions = [D(text, "Adobe Analytics", ("PRODUCT", LIST, 0.9)), D(text, "Adobe", ("ORGANIZATION", LIST, 0.9), nth=1)]
    found, _ = groups(text, decisions)
    assert found == [["Adobe"], ["Adobe Analytics"]]


def test_grouping_a_family_plural_joins_the_person():
    text = "Anna Pellegrini chairs it. The Pellegrinis are big donors. Pellegrini agreed."
    decisions = [
        D(text, "Anna Pellegrini", ("PERSON", LIST, 0.9)),
        D(text, "Pellegrinis", ("LOCATION", MODEL, 0.85)),
        D(text, "Pellegrini", ("PERSON", MODEL, 0.85), nth=2),
    ]
    found, _ = groups(text, decisions)
    assert found == [["Anna Pellegrini", "Pellegrini", "Pellegrinis"]]


def test_grouping_contacts_never_join_names():
    text = "Priya Raman wrote from priya.raman@example.com"
    email = Decision(text.index("priya."), len(text), "EMAIL_ADDRESS", 1.0, "email.v1", "why", "tag",
                     canonical="priya raman")
    decisions = [D(text, "Priya Raman", ("PERSON", LIST, 0.98)), email]
    _, keys = groups(text, decisions)
    assert keys[0][0] == "PERSON" and keys[1][0] == "EMAIL_ADDRESS"


def test_report_shows_the_type_the_surrogate_was_given():
    from service.config import EntityPolicy
    from service.engine.pseudonymize import pseudonymize

    templates = {"PERSON": "[Person {n}]", "LOCATION": "[Location {n}]"}
    text = "and Madison, she runs payroll. The Madison office opened."
    decisions = [
        D(text, "Madison", ("LOCATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7)),
        D(text, "Madison", ("LOCATION", MODEL, 0.85), ("PERSON", FIRST_NAME, 0.7), nth=1),
    ]
    result = pseudonymize(text, decisions, lambda t: EntityPolicy(operator="pseudonym", template=templates[t]),
                          grouping=GROUPING)
    assert result.surrogates == ["[Person 1]", "[Location 1]"]
    assert [d.entity_type for d in result.decisions] == ["PERSON", "LOCATION"]
    assert [d.entity_type for d in decisions] == ["LOCATION", "LOCATION"]  # the analysis is left as it was


def test_grouping_a_name_spaced_two_ways_is_one_entity():
    text = "We moved onto Brenlow Cloud in May; brenlowcloud broke. Quorvane hired me, quor vane pays well."
    decisions = [
        D(text, "Brenlow Cloud", ("ORGANIZATION", LIST, 0.9)),
        D(text, "brenlowcloud", ("ORGANIZATION", LIST, 0.75)),
        D(text, "Quorvane", ("ORGANIZATION", MODEL, 0.85)),
        D(text, "quor vane", ("ORGANIZATION", LIST, 0.75)),
    ]
    found, keys = groups(text, decisions)
    assert found == [["Brenlow Cloud", "brenlowcloud"], ["Quorvane", "quor vane"]]
    # The form with the fewest spaces stands for the name, in any reading order.
    assert {keys[0][1], keys[2][1]} == {"brenlowcloud", "quorvane"}
    assert group_mentions(text, decisions[::-1], GROUPING)[3] == keys[0]


WEAK = "rare_word.v1"
WITH_WEAK = Grouping(guesses=GROUPING.guesses, decisive_score=GROUPING.decisive_score,
                     generic_words=GROUPING.generic_words, cues=GROUPING.cues, known_places=GROUPING.known_places,
                     weak_evidence=frozenset({WEAK}))


def test_grouping_weak_evidence_backs_a_type_against_the_models_guess():
    text = "We store everything with Quorvane now."
    decisions = [D(text, "Quorvane", ("PERSON", MODEL, 0.85), ("ORGANIZATION", WEAK, 0.65))]
    assert group_mentions(text, decisions, WITH_WEAK)[0][0] == "ORGANIZATION"


def test_grouping_weak_evidence_never_keeps_a_short_form_from_its_longer_name():
    text = "I worked at Halvorsen Analytics. Later Halvorsen grew."
    decisions = [
        D(text, "Halvorsen Analytics", ("ORGANIZATION", LIST, 0.9)),
        D(text, "Halvorsen", ("PERSON", MODEL, 0.85), ("PERSON", WEAK, 0.65), nth=1),
    ]
    keys = group_mentions(text, decisions, WITH_WEAK)
    assert keys[1] == keys[0]
    # The same evidence from a recognizer not listed as weak keeps them apart.
    assert group_mentions(text, decisions, GROUPING)[1] != keys[0]
