"""One organization, one surrogate across a project's documents, whichever form comes first."""
from __future__ import annotations

from .helpers import item, make_label


def label(store, project, entity_type, surface):
    (found,) = store.allocate_surrogates(project.id, [item(entity_type, surface)], make_label).values()
    return found


def test_store_a_short_form_in_a_later_document_finds_the_full_name(store, project):
    full = label(store, project, "ORGANIZATION", "Halvorsen Analytics")
    assert label(store, project, "ORGANIZATION", "Halvorsen") == full
    assert label(store, project, "ORGANIZATION", "halvorsen's") == full


def test_store_a_full_name_in_a_later_document_finds_its_short_form(store, project):
    short = label(store, project, "ORGANIZATION", "Halvorsen")
    assert label(store, project, "ORGANIZATION", "Halvorsen Analytics Inc.") == short
    # Another company that shares the word is another entity; the short form stays with the first.
    other = label(store, project, "ORGANIZATION", "Halvorsen Logistics")
    assert other != short
    assert label(store, project, "ORGANIZATION", "Halvorsen") == short
    assert label(store, project, "ORGANIZATION", "Halvorsen Analytics") == short


def test_store_a_short_form_two_organizations_share_joins_neither(store, project):
    health = label(store, project, "ORGANIZATION", "Trinity Health")
    college = label(store, project, "ORGANIZATION", "Trinity College")
    trinity = label(store, project, "ORGANIZATION", "Trinity")
    assert len({health, college, trinity}) == 3


def test_store_people_are_not_joined_by_a_first_name_across_documents(store, project):
    jane = label(store, project, "PERSON", "Jane Okafor")
    assert label(store, project, "PERSON", "Jane") != jane


def test_store_a_vendor_is_not_its_product(store, project):
    product = label(store, project, "PRODUCT", "Quellmark Insights")
    vendor = label(store, project, "ORGANIZATION", "Quellmark")
    assert vendor != product
    assert label(store, project, "PRODUCT", "Insights") == product  # the product's own word


def test_store_generic_words_are_never_short_forms(store, project):
    group = label(store, project, "ORGANIZATION", "Lindqvist Banking Group")
    assert label(store, project, "ORGANIZATION", "Group") != group


def test_store_mentions_of_one_entity_in_one_batch_are_judged_once(store, project):
    short = label(store, project, "ORGANIZATION", "Halvorsen")
    items = [item("ORGANIZATION", "Halvorsen Analytics"), item("ORGANIZATION", "HALVORSEN ANALYTICS")]
    labels = store.allocate_surrogates(project.id, items, make_label)
    assert set(labels.values()) == {short}
