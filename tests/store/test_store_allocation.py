import pytest

from service.store import ProjectStore, SurrogateConflict

from .helpers import item, make_label


def test_allocation_reuses_surrogate_across_documents(store, project):
    first = store.allocate_surrogates(
        project.id, [item("PERSON", "Jane Okafor"), item("ORGANIZATION", "Northwind Analytics Inc.")], make_label
    )
    second = store.allocate_surrogates(
        project.id,
        [item("ORGANIZATION", "Contoso"), item("PERSON", "Dr. Jane Okafor"), item("ORGANIZATION", "northwind analytics")],
        make_label,
    )
    assert first == {
        ("PERSON", "jane okafor"): "[Person 1]",
        ("ORGANIZATION", "northwind analytics"): "[Company A]",
    }
    assert second == {
        ("ORGANIZATION", "contoso"): "[Company B]",
        ("PERSON", "jane okafor"): "[Person 1]",
        ("ORGANIZATION", "northwind analytics"): "[Company A]",
    }


def test_allocation_survives_reopening_the_store(store_url, store_key):
    with ProjectStore(store_url, key=store_key) as store:
        project = store.create_project("p")
        first = store.allocate_surrogates(project.id, [item("PERSON", "Jane Okafor")], make_label)
    with ProjectStore(store_url, key=store_key) as store:
        again = store.allocate_surrogates(
            project.id, [item("PERSON", "Lena Fischer"), item("PERSON", "Jane Okafor")], make_label
        )
    assert again == {**first, ("PERSON", "lena fischer"): "[Person 2]"}


def test_allocation_numbers_each_entity_type_sequentially(store, project):
    items = [item("PERSON", f"Person Name{i}") for i in range(1, 4)]
    items += [item("ORGANIZATION", f"Org{i} Holdings") for i in range(1, 4)]
    items += [item("LOCATION", "Lagos")]
    labels = store.allocate_surrogates(project.id, items, make_label)
    assert list(labels.values()) == [
        "[Person 1]", "[Person 2]", "[Person 3]", "[Company A]", "[Company B]", "[Company C]", "[Location 1]",
    ]


def test_allocation_canonicalises_the_given_canonical_again(store, project):
    # A caller passing a raw surface as canonical still lands on the same entity.
    a = store.allocate_surrogates(project.id, [("ORGANIZATION", "Northwind Analytics Inc.", "Northwind")], make_label)
    b = store.allocate_surrogates(project.id, [("ORGANIZATION", "northwind analytics", "northwind")], make_label)
    assert list(a.values()) == list(b.values()) == ["[Company A]"]


def test_allocation_same_name_different_type_is_a_different_entity(store, project):
    labels = store.allocate_surrogates(project.id, [item("PERSON", "Jordan"), item("LOCATION", "Jordan")], make_label)
    assert labels == {("PERSON", "jordan"): "[Person 1]", ("LOCATION", "jordan"): "[Location 1]"}


def test_allocation_is_scoped_per_project(store, project):
    other = store.create_project("study-beta")
    store.allocate_surrogates(project.id, [item("PERSON", "Lena Fischer")], make_label)
    mine = store.allocate_surrogates(project.id, [item("PERSON", "Jane Okafor")], make_label)
    theirs = store.allocate_surrogates(other.id, [item("PERSON", "Jane Okafor")], make_label)
    assert list(mine.values()) == ["[Person 2]"]
    assert list(theirs.values()) == ["[Person 1]"]


def test_allocation_skips_reserved_labels(store, project):
    labels = store.allocate_surrogates(
        project.id,
        [item("PERSON", "Jane Okafor"), item("PERSON", "Lena Fischer"), item("ORGANIZATION", "Contoso")],
        make_label,
        reserved_labels={"[Person 1]", "[Person 2]", "[Company A]"},
    )
    assert list(labels.values()) == ["[Person 3]", "[Person 4]", "[Company B]"]
    # Numbering continues after the highest index handed out, never back-filling.
    later = store.allocate_surrogates(project.id, [item("PERSON", "Mei Chen")], make_label)
    assert list(later.values()) == ["[Person 5]"]


def test_allocation_reserved_label_does_not_change_an_existing_surrogate(store, project):
    store.allocate_surrogates(project.id, [item("PERSON", "Jane Okafor")], make_label)
    again = store.allocate_surrogates(
        project.id, [item("PERSON", "Jane Okafor")], make_label, reserved_labels={"[Person 1]"}
    )
    assert list(again.values()) == ["[Person 1]"]


def test_allocation_uses_fixed_surrogate_from_dictionary(store, project):
    store.add_term(project.id, "Contoso Ltd", "ORGANIZATION", role="client", aliases=["CTS"], surrogate="Company Y")
    store.add_term(project.id, "Fabrikam", "ORGANIZATION", surrogate="[Company A]")
    labels = store.allocate_surrogates(
        project.id,
        [item("ORGANIZATION", "Northwind"), item("ORGANIZATION", "contoso"), item("ORGANIZATION", "CTS"),
         item("ORGANIZATION", "Fabrikam GmbH")],
        make_label,
    )
    assert labels == {
        ("ORGANIZATION", "northwind"): "[Company B]",  # A is fixed for Fabrikam: numbering skips it
        ("ORGANIZATION", "contoso"): "[Company Y]",
        ("ORGANIZATION", "cts"): "[Company Y]",
        ("ORGANIZATION", "fabrikam"): "[Company A]",
    }


def test_allocation_resolves_dictionary_aliases_to_one_entity(store, project):
    store.add_term(project.id, "Northwind Analytics", "ORGANIZATION", aliases=["NWA", "Northwind"])
    labels = store.allocate_surrogates(
        project.id,
        [item("ORGANIZATION", "NWA"), item("ORGANIZATION", "Northwind Analytics Inc."), item("ORGANIZATION", "Northwind")],
        make_label,
    )
    assert set(labels.values()) == {"[Company A]"}
    (entry,) = store.export_key(project.id)
    assert entry["original"] == "Northwind Analytics"  # the dictionary's spelling
    assert entry["variants"] == ["NWA", "Northwind Analytics Inc.", "Northwind"]


def test_allocation_fixed_surrogate_already_taken_conflicts(store, project):
    store.allocate_surrogates(project.id, [item("ORGANIZATION", "Northwind")], make_label)  # [Company A]
    with pytest.raises(SurrogateConflict):
        store.add_term(project.id, "Contoso", "ORGANIZATION", surrogate="Company A")
    with pytest.raises(SurrogateConflict):  # surrogates never change
        store.add_term(project.id, "Northwind", "ORGANIZATION", surrogate="Company Z")
    assert store.list_terms(project.id) == []  # the failed adds left nothing behind
    store.add_term(project.id, "Northwind", "ORGANIZATION", surrogate="Company A")  # same label: fine


def test_allocation_of_nothing_returns_empty(store, project):
    assert store.allocate_surrogates(project.id, [], make_label) == {}


def test_allocation_rejects_unusable_labels_and_entities(store, project):
    from service.store import InvalidEntity, InvalidLabel

    with pytest.raises(InvalidLabel):
        store.allocate_surrogates(project.id, [item("PERSON", "Jane Okafor")], lambda t, n: "")
    store.allocate_surrogates(project.id, [item("PERSON", "Jane Okafor")], lambda t, n: "[Same]")
    with pytest.raises(InvalidLabel):  # never yields a free label
        store.allocate_surrogates(project.id, [item("PERSON", "Lena Fischer")], lambda t, n: "[Same]")
    with pytest.raises(InvalidEntity) as raised:
        store.allocate_surrogates(project.id, [("PERSON", " ., ", "Okafor")], make_label)
    assert "Okafor" not in str(raised.value)
