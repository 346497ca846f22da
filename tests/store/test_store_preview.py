"""Previewing surrogates: the labels an allocation would give now, with nothing kept."""
from __future__ import annotations

from .helpers import item, make_label


def test_preview_gives_what_allocation_would_and_keeps_nothing(store, project):
    store.allocate_surrogates(project.id, [item("PERSON", "Jane Okafor")], make_label)
    wanted = [item("ORGANIZATION", "Brackenfield Analytics"), item("PERSON", "Jane Okafor"), item("PERSON", "Ravi Dunmore")]
    preview = store.preview_surrogates(project.id, wanted, make_label, reserved_cores={"company a"})
    assert preview == {
        ("ORGANIZATION", "brackenfield analytics"): "[Company B]",  # "Company A" is held by a placeholder here
        ("PERSON", "jane okafor"): "[Person 1]",
        ("PERSON", "ravi dunmore"): "[Person 2]",
    }
    assert store.preview_surrogates(project.id, wanted, make_label, reserved_cores={"company a"}) == preview
    assert [e["surrogate"] for e in store.export_key(project.id)] == ["[Person 1]"]
    assert store.reserved_label_cores(project.id) == set()
    # Allocating afterwards gives the same labels the preview showed.
    assert store.allocate_surrogates(project.id, wanted, make_label, reserved_cores={"company a"}) == preview
