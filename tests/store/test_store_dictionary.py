import pytest

from service.store import DuplicateTerm, InvalidTerm, InvalidTermsFile, ProjectNotFound, TermNotFound

TERMS_CSV = """term,entity_type,role,aliases,surrogate
Northwind Analytics,ORGANIZATION,client,NWA|Northwind,
Contoso Ltd,ORGANIZATION,employer,,Company Y
Jane Okafor,PERSON,,Dr. Okafor,
University of Westbrook,UNIVERSITY,,Westbrook Uni,
Power Grid Pro,PRODUCT,,,
Lagos,LOCATION,,,
"""

TERMS_YAML = """terms:
- term: Northwind Analytics
  entity_type: ORGANIZATION
  role: client
  aliases: [NWA, Northwind]
- term: Contoso Ltd
  entity_type: organization
  role: employer
  surrogate: Company Y
- {term: Jane Okafor, entity_type: PERSON, aliases: [Dr. Okafor]}
- {term: Lagos, entity_type: LOCATION}
"""


def _fields(terms):
    return [(t.term, t.entity_type, t.role, t.aliases, t.surrogate) for t in terms]


def test_dictionary_add_list_delete(store, project):
    added = store.add_term(project.id, "Northwind Analytics", "organization", role="Client", aliases=["NWA", " NWA "])
    assert (added.term, added.entity_type, added.role, added.aliases, added.surrogate) == (
        "Northwind Analytics", "ORGANIZATION", "client", ("NWA",), None,
    )
    store.add_term(project.id, "Jane Okafor", "PERSON")
    assert [t.term for t in store.list_terms(project.id)] == ["Northwind Analytics", "Jane Okafor"]
    assert [t.term for t in store.list_terms(project.id, entity_type="PERSON")] == ["Jane Okafor"]
    store.delete_term(project.id, added.id)
    assert [t.term for t in store.list_terms(project.id)] == ["Jane Okafor"]
    with pytest.raises(TermNotFound):
        store.delete_term(project.id, added.id)


def test_dictionary_fixed_surrogate_is_normalised_to_a_label(store, project):
    term = store.add_term(project.id, "Contoso Ltd", "ORGANIZATION", surrogate="  Company   Y ")
    assert term.surrogate == "[Company Y]"


@pytest.mark.parametrize(
    ("term", "entity_type", "role"),
    [("Jane Okafor", "CUSTOMER", None), ("Jane Okafor", "PERSON", "client"), ("Contoso", "ORGANIZATION", "partner"),
     ("   ", "PERSON", None), ("A|B", "PERSON", None)],
)
def test_dictionary_rejects_invalid_terms_without_echoing_them(store, project, term, entity_type, role):
    with pytest.raises(InvalidTerm) as raised:
        store.add_term(project.id, term, entity_type, role=role)
    assert "Okafor" not in str(raised.value) and "Contoso" not in str(raised.value)


def test_dictionary_duplicate_term_or_alias_rejected(store, project):
    store.add_term(project.id, "Northwind Analytics", "ORGANIZATION", aliases=["NWA"])
    with pytest.raises(DuplicateTerm):
        store.add_term(project.id, "northwind analytics inc.", "ORGANIZATION")
    with pytest.raises(DuplicateTerm):
        store.add_term(project.id, "NWA", "ORGANIZATION")
    with pytest.raises(DuplicateTerm):
        store.add_term(project.id, "Other Co", "ORGANIZATION", aliases=["nwa"])
    store.add_term(project.id, "NWA", "PRODUCT")  # another type is another entity
    with pytest.raises(ProjectNotFound):
        store.add_term(123_456, "Jane Okafor", "PERSON")


def test_dictionary_csv_round_trip(store, project):
    assert store.import_terms(project.id, TERMS_CSV, format="csv") == 6
    exported = store.export_terms(project.id, format="csv")
    other = store.create_project("copy")
    assert store.import_terms(other.id, exported, format="csv") == 6
    assert _fields(store.list_terms(other.id)) == _fields(store.list_terms(project.id))
    assert store.export_terms(other.id, format="csv") == exported
    contoso = next(t for t in store.list_terms(project.id) if t.term == "Contoso Ltd")
    assert (contoso.role, contoso.surrogate) == ("employer", "[Company Y]")


def test_dictionary_yaml_round_trip(store, project):
    assert store.import_terms(project.id, TERMS_YAML, format="yaml") == 4
    exported = store.export_terms(project.id, format="yml")
    other = store.create_project("copy")
    assert store.import_terms(other.id, exported, format="yaml") == 4
    assert _fields(store.list_terms(other.id)) == _fields(store.list_terms(project.id))
    assert ("Northwind Analytics", "ORGANIZATION", "client", ("NWA", "Northwind"), None) in _fields(
        store.list_terms(other.id)
    )


def test_dictionary_csv_and_yaml_describe_the_same_terms(store, project):
    store.import_terms(project.id, TERMS_CSV, format="csv")
    other = store.create_project("copy")
    store.import_terms(other.id, store.export_terms(project.id, format="yaml"), format="yaml")
    assert _fields(store.list_terms(other.id)) == _fields(store.list_terms(project.id))


def test_dictionary_reimport_skips_identical_terms(store, project):
    store.import_terms(project.id, TERMS_CSV, format="csv")
    assert store.import_terms(project.id, TERMS_CSV, format="csv") == 0
    changed = TERMS_CSV.replace("Lagos,LOCATION,,,", "Lagos,LOCATION,,Eko,")
    with pytest.raises(DuplicateTerm):
        store.import_terms(project.id, changed, format="csv")


def test_dictionary_import_is_all_or_nothing(store, project):
    bad = TERMS_CSV + "Someone,NOT_A_TYPE,,,\n"
    with pytest.raises(InvalidTerm):
        store.import_terms(project.id, bad, format="csv")
    assert store.list_terms(project.id) == []


@pytest.mark.parametrize(
    ("text", "fmt"),
    [("name,type\nJane Okafor,PERSON\n", "csv"), ("term,entity_type\nJane Okafor,PERSON,extra\n", "csv"),
     ("terms: {term: Jane Okafor}", "yaml"), ("- [Jane Okafor]", "yaml"), ("- term: Jane Okafor\n  kind: x", "yaml"),
     ("terms: [", "yaml"), ("term,entity_type\n", "xml")],
)
def test_dictionary_import_parse_errors_do_not_echo_names(store, project, text, fmt):
    with pytest.raises(InvalidTermsFile) as raised:
        store.import_terms(project.id, text, format=fmt)
    assert "Okafor" not in str(raised.value)


def test_dictionary_sound_alike_mode_is_stored_and_round_trips(store, project):
    store.add_term(project.id, "Alteryx", "ORGANIZATION", sound_alike="Always")
    store.add_term(project.id, "Jane Okafor", "PERSON")
    modes = {t.term: t.sound_alike for t in store.list_terms(project.id)}
    assert modes == {"Alteryx": "always", "Jane Okafor": "context"}
    with pytest.raises(InvalidTerm, match="sound_alike must be one of context, always, off"):
        store.add_term(project.id, "Snowflake", "ORGANIZATION", sound_alike="sometimes")
    csv_text = store.export_terms(project.id, format="csv")
    assert csv_text.splitlines()[0] == "term,entity_type,role,aliases,surrogate,sound_alike"
    yaml_text = store.export_terms(project.id, format="yaml")
    assert "sound_alike: always" in yaml_text and yaml_text.count("sound_alike") == 1  # the default is left out
    for text, fmt in ((csv_text, "csv"), (yaml_text, "yaml")):
        other = store.create_project(f"copy-{fmt}")
        assert store.import_terms(other.id, text, format=fmt) == 2
        assert {t.term: t.sound_alike for t in store.list_terms(other.id)} == modes
    # the same term with another mode is a conflict, not a silent change
    with pytest.raises(DuplicateTerm, match="sound_alike"):
        store.import_terms(project.id, "term,entity_type,sound_alike\nAlteryx,ORGANIZATION,off\n", format="csv")
