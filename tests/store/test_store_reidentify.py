import re

from .helpers import item, make_label

TRANSCRIPT = (
    "Interviewer: How did Jane Okafor find working with Northwind Analytics?\n"
    "Respondent: Jane Okafor liked it. Northwind Analytics and Contoso both sent Ravi Menon to Lagos."
)
MENTIONS = [
    ("PERSON", "Jane Okafor"),
    ("ORGANIZATION", "Northwind Analytics"),
    ("ORGANIZATION", "Contoso"),
    ("PERSON", "Ravi Menon"),
    ("LOCATION", "Lagos"),
]


def _pseudonymise(store, project_id, text):
    labels = store.allocate_surrogates(project_id, [item(t, s) for t, s in MENTIONS], make_label)
    for entity_type, surface in MENTIONS:
        text = text.replace(surface, labels[item(entity_type, surface)[:2]])
    return text


def test_reidentify_round_trips_a_pseudonymised_transcript(store, project):
    redacted = _pseudonymise(store, project.id, TRANSCRIPT)
    assert not any(surface in redacted for _, surface in MENTIONS)
    assert "[Person 1]" in redacted and "[Company A]" in redacted
    assert store.reidentify(project.id, redacted) == TRANSCRIPT


def test_reidentify_prefers_the_longest_label(store, project):
    people = [item("PERSON", f"Person Number{i}") for i in range(1, 13)]
    store.allocate_surrogates(project.id, people, make_label)
    assert store.reidentify(project.id, "[Person 12] met [Person 1].") == "Person Number12 met Person Number1."


def test_reidentify_leaves_unknown_labels_and_other_projects_alone(store, project):
    other = store.create_project("study-beta")
    store.allocate_surrogates(other.id, [item("PERSON", "Jane Okafor")], make_label)
    assert store.reidentify(project.id, "[Person 1] and [Person 9]") == "[Person 1] and [Person 9]"


def test_export_key_lists_surrogate_type_original_and_variants(store, project):
    store.allocate_surrogates(project.id, [item("PERSON", "Dr. Jane Okafor"), item("ORGANIZATION", "Contoso")], make_label)
    store.allocate_surrogates(
        project.id, [item("PERSON", "Jane Okafor"), item("PERSON", "Dr. Jane Okafor"), item("PERSON", "JANE OKAFOR")],
        make_label,
    )
    key = store.export_key(project.id)
    assert key == [
        {"surrogate": "[Company A]", "entity_type": "ORGANIZATION", "original": "Contoso", "variants": ["Contoso"]},
        {
            "surrogate": "[Person 1]",
            "entity_type": "PERSON",
            "original": "Dr. Jane Okafor",
            "variants": ["Dr. Jane Okafor", "Jane Okafor", "JANE OKAFOR"],
        },
    ]
    assert all(re.fullmatch(r"\[[A-Za-z]+ [A-Z0-9]+\]", entry["surrogate"]) for entry in key)


def test_export_key_includes_fixed_dictionary_surrogates(store, project):
    store.add_term(project.id, "Contoso Ltd", "ORGANIZATION", surrogate="Company Y")
    assert store.export_key(project.id) == [
        {"surrogate": "[Company Y]", "entity_type": "ORGANIZATION", "original": "Contoso Ltd", "variants": []}
    ]
    assert store.reidentify(project.id, "[Company Y] said") == "Contoso Ltd said"
