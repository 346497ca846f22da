"""The project API end to end: dictionary, settings, project-wide surrogates, the key."""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from service.config import Settings
from tests.builders import readable_bytes_at_rest

from .conftest import ADMIN_TOKEN, create_project, make_client

NAMES = ["Amin Shah", "Northwind Analytics", "Northwind", "Sarah Chen", "Acme Corp", "Seattle", "Westbrook"]


def add_term(client, keys, **body):
    r = client.post(f"/v1/projects/{keys.id}/dictionary", json=body, headers=keys.admin_headers())
    assert r.status_code == 201, r.text
    return r.json()


def redact(client, keys, text, role="redactor"):
    headers = keys.redactor_headers() if role == "redactor" else keys.admin_headers()
    r = client.post("/v1/redact", json={"text": text, "project": keys.id}, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def surrogate_of(body, text, surface):
    found = {e["surrogate"] for e in body["entities"] if text[e["start"]:e["end"]] == surface}
    assert len(found) == 1, (surface, body["entities"])
    return found.pop()


def test_create_get_patch_delete_project(client):
    r = client.post(
        "/v1/projects",
        json={"name": "study-x", "settings": {"allow_list": ["Spark"]}},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["admin_key"].startswith("tanon_") and body["settings"] == {"allow_list": ["Spark"]}
    headers = {"Authorization": f"Bearer {body['admin_key']}"}
    got = client.get(f"/v1/projects/{body['id']}", headers=headers).json()
    assert set(got) == {"id", "name", "settings", "created_at"}  # no key in the public model
    policy = {"operator": "pseudonym", "template": "[Org {letter}]"}
    r = client.patch(f"/v1/projects/{body['id']}", json={"settings": {"entities": {"ORGANIZATION": policy}}}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["settings"] == {"allow_list": ["Spark"], "entities": {"ORGANIZATION": policy}}
    dup = client.post("/v1/projects", json={"name": "study-x"}, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert dup.status_code == 409
    assert client.delete(f"/v1/projects/{body['id']}", headers=headers).status_code == 204


@pytest.mark.parametrize(
    "bad",
    [
        {"unknown": 1},
        {"entities": {"ORGANIZATION": {"operator": "pseudonym", "template": "[Org]"}}},  # no {n}/{letter}
        {"entities": {"ORGANIZATION": {"operator": "shred"}}},
        {"entities": {"ORGANIZATION": {"operator": "tag", "template": "[org]", "extra": 1}}},
        {"entities": {"lower": {"operator": "keep"}}},
        {"allow_list": "Spark"},
    ],
)
def test_invalid_settings_are_422_without_echoing_values(client, project_a, bad):
    r = client.patch(f"/v1/projects/{project_a.id}", json={"settings": bad}, headers=project_a.admin_headers())
    assert r.status_code == 422, r.text
    assert "Spark" not in r.text and "[Org]" not in r.text
    r = client.post("/v1/projects", json={"name": "bad", "settings": bad}, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert r.status_code == 422


def test_project_names_that_look_like_ids_are_refused(client):
    r = client.post("/v1/projects", json={"name": "42"}, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert r.status_code == 422 and "digits" in r.json()["detail"]


def test_dictionary_crud_import_export(client, project_a):
    base = f"/v1/projects/{project_a.id}/dictionary"
    headers = project_a.admin_headers()
    term = add_term(client, project_a, term="Northwind Analytics", entity_type="ORGANIZATION", role="client", aliases=["NWA"])
    assert term["aliases"] == ["NWA"] and term["role"] == "client" and term["sound_alike"] == "context"
    r = client.post(base, json={"term": "Alteryx", "entity_type": "ORGANIZATION", "sound_alike": "sometimes"},
                    headers=headers)
    assert r.status_code == 422
    r = client.post(base, json={"term": "Northwind Analytics", "entity_type": "ORGANIZATION"}, headers=headers)
    assert r.status_code == 409
    r = client.post(base, json={"term": "Jane", "entity_type": "PERSON", "role": "client"}, headers=headers)
    assert r.status_code == 422  # roles are for organisations only
    csv_text = "term,entity_type,role,aliases,surrogate\nAcme Corp,ORGANIZATION,vendor,Acme Group,Company Y\nJane Okafor,PERSON,,,\n"
    r = client.post(f"{base}/import", content=csv_text, headers={**headers, "content-type": "text/csv"})
    assert r.status_code == 200 and r.json() == {"added": 2}
    yaml_text = "terms:\n  - term: University of Westbrook\n    entity_type: UNIVERSITY\n"
    r = client.post(f"{base}/import?format=yaml", content=yaml_text, headers={**headers, "content-type": "text/plain"})
    assert r.json() == {"added": 1}
    r = client.post(f"{base}/import", content=yaml_text, headers={**headers, "content-type": "text/plain"})
    assert r.status_code == 415
    r = client.post(f"{base}/import", content="term,entity_type\nX,ALIEN\n", headers={**headers, "content-type": "text/csv"})
    assert r.status_code == 422 and "ALIEN" not in r.text
    r = client.post(f"{base}/import", content=b"\xff\xfe", headers={**headers, "content-type": "text/csv"})
    assert r.status_code == 422
    listed = client.get(base, headers=headers)
    assert listed.headers["cache-control"] == "no-store"
    assert sorted(t["term"] for t in listed.json()) == ["Acme Corp", "Jane Okafor", "Northwind Analytics", "University of Westbrook"]
    exported = client.get(f"{base}/export?format=yaml", headers=headers)
    assert exported.headers["content-type"].startswith("application/yaml")
    assert "University of Westbrook" in exported.text
    exported_csv = client.get(f"{base}/export", headers=headers)
    assert exported_csv.headers["content-type"].startswith("text/csv")
    assert "Acme Corp,ORGANIZATION,vendor,Acme Group,[Company Y]" in exported_csv.text
    # the export imports back into another project unchanged
    other = create_project(client, "study-copy")
    r = client.post(
        f"/v1/projects/{other.id}/dictionary/import",
        content=exported_csv.text,
        headers={**other.admin_headers(), "content-type": "text/csv"},
    )
    assert r.json() == {"added": 4}
    assert client.delete(f"{base}/{term['id']}", headers=headers).status_code == 204
    assert client.delete(f"{base}/{term['id']}", headers=headers).status_code == 404
    assert len(client.get(base, headers=headers).json()) == 3


def test_dictionary_terms_are_found_through_the_engine(client, project_a):
    """Term "Northwind Analytics": its spellings are found, each row naming the term in its own
    field (never in the reason) to an admin key; "north"/"wind" are not."""
    add_term(client, project_a, term="Northwind Analytics", entity_type="ORGANIZATION")
    text = (
        "Interviewer: Which clients did you work with?\n"
        "Participant: Mostly Northwind. The northwind's dashboards were slow. Later the North wind team joined.\n"
        "Participant: the data came from nortwind and it was messy. We drove north. The wind was strong.\n"
        "Participant: I think Nortwind was the biggest client."
    )
    r = client.post("/v1/analyze", json={"text": text, "project": project_a.name}, headers=project_a.admin_headers())
    assert r.status_code == 200, r.text
    by_surface = {text[e["start"]:e["end"]]: e for e in r.json()["entities"]}
    for surface in ("Northwind", "northwind", "North wind", "nortwind"):
        entity = by_surface[surface]
        assert entity["recognizer"] == "project_dictionary.v1", entity
        assert entity["entity_type"] == "ORGANIZATION"
        assert entity["term"] == "Northwind Analytics"
        assert entity["reason"].startswith("project dictionary term (") and "orth" not in entity["reason"]
    assert "north" not in by_surface and "wind" not in by_surface
    # Capitalised, spaCy also claims it; the dictionary's match outranks the model's.
    assert by_surface["Nortwind"]["term"] == "Northwind Analytics"
    # Without the project the dictionary's forms are not found as such (the general signals
    # may still find a rare word, but never as a dictionary term).
    plain = client.post("/v1/analyze", json={"text": text}).json()["entities"]
    assert not any(e["recognizer"] == "project_dictionary.v1" for e in plain)
    assert not any("term" in e for e in plain)


def test_capitalised_misspelling_is_reported_as_the_dictionary_term(client, project_a):
    add_term(client, project_a, term="Northwind Analytics", entity_type="ORGANIZATION")
    text = "Participant: I think Nortwind was the biggest client."
    r = client.post("/v1/analyze", json={"text": text, "project": project_a.id}, headers=project_a.redactor_headers())
    entity = next(e for e in r.json()["entities"] if text[e["start"]:e["end"]] == "Nortwind")
    assert (entity["recognizer"], entity["entity_type"]) == ("project_dictionary.v1", "ORGANIZATION")


def test_surrogates_are_consistent_across_documents_and_fixed_surrogates_are_used(client, project_a):
    add_term(client, project_a, term="Northwind Analytics", entity_type="ORGANIZATION", role="client")
    add_term(client, project_a, term="Acme Corp", entity_type="ORGANIZATION", surrogate="Company Y")
    doc1 = "Amin Shah: I was a data scientist at Northwind Analytics Inc. in Seattle. Sarah Chen hired me."
    doc2 = (
        "Interviewer: And the vendor?\n"
        "Amin Shah: Acme Corp built northwind's platform. I talked to Sarah Chen about Acme Corp every week."
    )
    body1 = redact(client, project_a, doc1)
    body2 = redact(client, project_a, doc2, role="admin")
    northwind = surrogate_of(body1, doc1, "Northwind Analytics Inc.")
    assert surrogate_of(body2, doc2, "northwind") == northwind
    assert surrogate_of(body1, doc1, "Amin Shah") == surrogate_of(body2, doc2, "Amin Shah")
    assert surrogate_of(body1, doc1, "Sarah Chen") == surrogate_of(body2, doc2, "Sarah Chen")
    assert surrogate_of(body2, doc2, "Acme Corp") == "[Company Y]"
    assert northwind == "[Company A]"
    for name in NAMES:  # nor in the entity rows: their reasons never quote a dictionary term
        assert name not in json.dumps(body1) and name not in json.dumps(body2)
    reasons = [e["reason"] for e in body2["entities"] if e["recognizer"] == "project_dictionary.v1"]
    assert reasons and all("project dictionary term (" in r for r in reasons)
    # A third document with a human placeholder "Company B" never gets that letter.
    doc3 = "Participant: Company B and Contoso Ltd both asked about Acme Corp."
    body3 = redact(client, project_a, doc3)
    contoso = surrogate_of(body3, doc3, "Contoso Ltd")
    assert contoso not in ("[Company A]", "[Company B]", "[Company Y]")
    assert "Company B" in body3["text"]


def test_project_settings_change_templates_and_allow_list(client, project_a):
    new = {
        "entities": {
            "ORGANIZATION": {"operator": "pseudonym", "template": "[Org {n}]"},
            "LOCATION": {"operator": "tag", "template": "[place]"},
        },
        "allow_list": ["Seattle's"],
    }
    r = client.patch(f"/v1/projects/{project_a.id}", json={"settings": new}, headers=project_a.admin_headers())
    assert r.status_code == 200, r.text
    text = "Amin Shah: I was at Northwind Analytics Inc. in Seattle and then in Lagos."
    body = redact(client, project_a, text)
    assert "[Org 1]" in body["text"]
    assert "Seattle" in body["text"]  # allowed in this project
    assert "[place]" in body["text"] and "Lagos" not in body["text"]
    analyzed = client.post("/v1/analyze", json={"text": text, "project": project_a.id}, headers=project_a.redactor_headers())
    assert "Seattle" not in {text[e["start"]:e["end"]] for e in analyzed.json()["entities"]}


def test_reidentify_gives_back_the_original_transcript(client, project_a):
    add_term(client, project_a, term="Westbrook Health", entity_type="ORGANIZATION", surrogate="Company Y")
    text = (
        "Interview 7 - Amin Shah\n"
        "Interviewer: Where do you work?\n"
        "Amin Shah: At Northwind Analytics. Before that I was at Westbrook Health with Sarah Chen.\n"
        "Interviewer: And Sarah Chen is still there?\n"
        "Amin Shah: Yes, Sarah Chen leads the Northwind Analytics team in Seattle now.\n"
    )
    body = redact(client, project_a, text)
    for name in ("Amin Shah", "Northwind Analytics", "Westbrook Health", "Sarah Chen", "Seattle"):
        assert name not in body["text"]
    assert "[Company Y]" in body["text"]
    r = client.post(f"/v1/projects/{project_a.id}/reidentify", json={"text": body["text"]}, headers=project_a.admin_headers())
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert r.json()["text"] == text
    key = client.get(f"/v1/projects/{project_a.id}/key", headers=project_a.admin_headers())
    assert key.status_code == 200 and key.headers["cache-control"] == "no-store"
    entries = {e["surrogate"]: e for e in key.json()["entries"]}
    assert entries["[Company Y]"]["original"] == "Westbrook Health"
    assert {e["original"] for e in entries.values()} >= {"Amin Shah", "Northwind Analytics", "Sarah Chen", "Seattle"}
    # The key of one project re-identifies nothing in another.
    other = create_project(client, "study-other")
    r = client.post(f"/v1/projects/{other.id}/reidentify", json={"text": body["text"]}, headers=other.admin_headers())
    assert r.json()["text"] == body["text"]


def test_analyze_file_with_project_uses_the_project_dictionary(client, project_a):
    add_term(client, project_a, term="Quillmere Holdings", entity_type="ORGANIZATION", aliases=["QMH"])
    srt = "1\n00:00:01,000 --> 00:00:03,000\nWe moved the data to QMH last year.\n"
    r = client.post(
        "/v1/analyze/file",
        files={"file": ("clip.srt", srt.encode(), "application/x-subrip")},
        data={"project": project_a.name},
        headers=project_a.redactor_headers(),
    )
    assert r.status_code == 200, r.text
    found = [e for e in r.json()["entities"] if e["entity_type"] == "ORGANIZATION"]
    assert [(e["line"], e["col"]) for e in found] == [(3, 22)]


def test_redact_file_with_project_uses_project_surrogates(client, project_a):
    add_term(client, project_a, term="Acme Corp", entity_type="ORGANIZATION", surrogate="Company Y")
    vtt = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAmin Shah: I joined Acme Corp in 2019.\n\n"
        "2\n00:00:04.500 --> 00:00:06.000\nInterviewer: Why Acme Corp?\n"
    )
    r = client.post(
        "/v1/redact/file",
        files={"file": ("call.vtt", vtt.encode(), "text/vtt")},
        data={"project": project_a.name},
        headers=project_a.redactor_headers(),
        params={"report": "true"},
    )
    assert r.status_code == 200, r.text
    out = base64.b64decode(r.json()["data_base64"]).decode()
    assert out.count("[Company Y]") == 2 and "Amin" not in out
    assert re.findall(r"\d\d:\d\d:\d\d\.\d{3} --> .*", out) == re.findall(r"\d\d:\d\d:\d\d\.\d{3} --> .*", vtt)
    text_body = redact(client, project_a, "Amin Shah: hello")
    assert text_body["text"] == out.split("\n")[4].split(":")[0] + ": hello"  # the same person, the same surrogate


def test_the_sqlite_store_holds_no_name_in_plain_text(engine, sqlite_url, store_key):
    settings = Settings(store_url=sqlite_url, store_key=store_key.decode(), admin_token=ADMIN_TOKEN)
    with make_client(engine, settings, None) as client:  # the app opens the store itself
        keys = create_project(client, "study-disk")
        add_term(client, keys, term="Northwind Analytics", entity_type="ORGANIZATION", aliases=["NWA Group"])
        r = client.post(
            f"/v1/projects/{keys.id}/dictionary/import",
            content="term,entity_type,surrogate\nBrackley Health,ORGANIZATION,Company Y\n",
            headers={**keys.admin_headers(), "content-type": "text/csv"},
        )
        assert r.status_code == 200
        text = "Amin Shah: I left Northwind Analytics Inc. for Brackley Health. Priya Raman came from NWA Group in Seattle."
        body = redact(client, keys, text)
        assert "Priya" not in body["text"] and "[Company Y]" in body["text"]
        assert len(client.get(f"/v1/projects/{keys.id}/key", headers=keys.admin_headers()).json()["entries"]) >= 5
    names = ["Amin Shah", "Priya Raman", "Northwind", "Brackley", "NWA Group", "Seattle", "Amin", "Priya"]
    database = Path(sqlite_url)
    files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]  # with -wal / -shm
    assert database in files
    blob = readable_bytes_at_rest(files)
    for name in names:
        assert name.lower().encode() not in blob, f"{name!r} is stored in plain text"
        assert name.lower().encode("utf-16-le") not in blob
