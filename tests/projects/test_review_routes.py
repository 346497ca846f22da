"""The review routes with projects and keys: the session names the key's project and role,
surrogates are previewed without being given out, remembered decisions change the next
analysis, and with TANON_REQUIRE_API_KEY the routes need a key."""
from __future__ import annotations

import re

import pytest

from service import formats
from service.config import Settings
from tests.builders import decisions_json
from tests.conftest import REPO

from .conftest import ADMIN_TOKEN, create_project, make_client

CALL = (REPO / "examples" / "team_call.vtt").read_bytes()


def analyze(client, keys, data=CALL, name="team_call.vtt"):
    r = client.post("/v1/review/analyze", files={"file": (name, data, "text/vtt")}, data={"project": str(keys.id)},
                    headers=keys.redactor_headers())
    assert r.status_code == 200, r.text
    return r.json()


def surrogates(doc) -> dict[str, str]:
    return {doc["text"][f["start"]:f["end"]]: f["surrogate"] for f in doc["findings"] if f["surrogate"]}


def test_review_session_names_the_keys_project_and_role(client, project_a):
    admin = client.get("/v1/review/session", headers=project_a.admin_headers()).json()
    assert admin["project"] == {"id": project_a.id, "name": project_a.name} and admin["role"] == "admin"
    redactor = client.get("/v1/review/session", headers=project_a.redactor_headers()).json()
    assert redactor["role"] == "redactor"
    bad = client.get("/v1/review/session", headers={"Authorization": "Bearer tanon_not-a-key-000000000000000000"})
    assert bad.status_code == 401 and bad.json()["detail"] == "invalid or revoked API key"


def test_review_preview_gives_the_surrogates_a_redaction_will_give_and_keeps_none(client, project_a):
    # The project has seen this company before: the preview shows the label it holds.
    earlier = client.post("/v1/redact", json={"text": "We met Saltmarsh Logistics last spring.", "project": project_a.id},
                          headers=project_a.redactor_headers())
    assert earlier.status_code == 200, earlier.text
    before = client.get(f"/v1/projects/{project_a.id}/key", headers=project_a.admin_headers()).json()["entries"]
    preview = surrogates(analyze(client, project_a))
    after = client.get(f"/v1/projects/{project_a.id}/key", headers=project_a.admin_headers()).json()["entries"]
    assert after == before, "previewing allocated nothing"
    assert preview["Saltmarsh Logistics"] == before[0]["surrogate"]
    r = client.post("/v1/redact/file?report=true", files={"file": ("team_call.vtt", CALL, "text/vtt")},
                    data={"project": str(project_a.id)}, headers=project_a.redactor_headers())
    redacted = formats.read(CALL, format="vtt").text
    given = {redacted[e["start"]:e["end"]]: e["surrogate"] for e in r.json()["entities"] if e["surrogate"]}
    assert given == preview


def test_review_remembered_decisions_change_the_next_analysis(client, project_a):
    text = formats.read(CALL, format="vtt").text
    # What the page does when the reviewer ticks "remember in this project": an added name
    # joins the dictionary, a rejected word the allow list (both need an admin key).
    r = client.post(f"/v1/projects/{project_a.id}/dictionary", headers=project_a.admin_headers(),
                    json={"term": "quillory", "entity_type": "ORGANIZATION"})
    assert r.status_code == 201, r.text
    r = client.patch(f"/v1/projects/{project_a.id}", headers=project_a.admin_headers(),
                     json={"settings": {"allow_list": ["Tableau"]}})
    assert r.status_code == 200, r.text
    doc = analyze(client, project_a)
    found = {doc["text"][f["start"]:f["end"]]: f for f in doc["findings"]}
    assert found["quillory"]["recognizer"] == "project_dictionary.v1"
    assert found["quillory"]["reason"] == "project dictionary term (exact)"  # the term itself is not repeated
    assert "Tableau" not in found
    decisions = decisions_json(CALL, "vtt", text, ("quillory", "add", "ORGANIZATION", {"remember": True}))
    r = client.post("/v1/redact/file", files={"file": ("team_call.vtt", CALL, "text/vtt")},
                    data={"project": str(project_a.id), "decisions": decisions}, headers=project_a.redactor_headers())
    assert r.status_code == 200 and "quillory" not in r.text and "Tableau" in r.text


def test_review_routes_need_a_key_when_the_service_requires_one(engine, store, store_url, store_key):
    settings = Settings(max_request_bytes=200_000, store_url=store_url, store_key=store_key.decode(),
                        admin_token=ADMIN_TOKEN, require_api_key=True)
    with make_client(engine, settings, store) as client:
        session = client.get("/v1/review/session")
        assert session.status_code == 200 and session.json()["require_api_key"] is True
        files = {"file": ("team_call.vtt", CALL, "text/vtt")}
        assert client.post("/v1/review/analyze", files=files).status_code == 401
        keys = create_project(client, "study-review")
        r = client.post("/v1/review/analyze", files=files, headers=keys.redactor_headers())
        assert r.status_code == 200 and r.json()["project"] is None
        other = create_project(client, "study-other")
        r = client.post("/v1/review/analyze", files=files, data={"project": str(keys.id)},
                        headers=other.redactor_headers())
        assert r.status_code == 403
        assert re.search(r"connect-src 'self'", client.get("/review").headers["content-security-policy"])


# A call of our own in which speech-to-text misheard a vendor, with nothing around it that
# says it is a name.
HEARD = ("Interviewer: And the dashboards?\n"
         "Participant: The report said snow flick kept timing out.\n").encode()


def test_a_sound_alike_below_the_threshold_is_a_suggestion_and_remembering_makes_it_an_alias(client, project_a):
    r = client.post(f"/v1/projects/{project_a.id}/dictionary", headers=project_a.admin_headers(),
                    json={"term": "Snowflake", "entity_type": "ORGANIZATION", "role": "vendor"})
    assert r.status_code == 201, r.text
    term_id = r.json()["id"]
    earlier = client.post("/v1/redact", json={"text": "We moved the warehouse to Snowflake.", "project": project_a.id},
                          headers=project_a.redactor_headers())
    (vendor,) = [e["surrogate"] for e in earlier.json()["entities"] if e["recognizer"] == "project_dictionary.v1"]

    doc = analyze(client, project_a, HEARD, "call.txt")
    text = doc["text"]
    assert not [f for f in doc["findings"] if f["recognizer"] == "project_dictionary.v1"]
    (heard,) = [s for s in doc["suggestions"] if s["source"] == "project_dictionary.v1"]
    assert text[heard["start"]:heard["end"]] == "snow flick" and heard["entity_type"] == "ORGANIZATION"
    # the page may be shared on screen: the suggestion points at the term by id, never by name
    assert heard["term_id"] == term_id and "snowflake" not in repr(heard).lower()

    # "Remember in this project" on the accepted suggestion: the words join the term as an alias.
    r = client.post(f"/v1/projects/{project_a.id}/dictionary/{term_id}/aliases", headers=project_a.admin_headers(),
                    json={"alias": "snow flick"})
    assert r.status_code == 200, r.text
    assert r.json()["aliases"] == ["snow flick"] and r.json()["term"] == "Snowflake"
    # a redactor key may not change the dictionary; a form the term already has changes nothing
    r = client.post(f"/v1/projects/{project_a.id}/dictionary/{term_id}/aliases", headers=project_a.redactor_headers(),
                    json={"alias": "snow flake"})
    assert r.status_code == 403
    r = client.post(f"/v1/projects/{project_a.id}/dictionary/{term_id}/aliases", headers=project_a.admin_headers(),
                    json={"alias": "Snow  Flick"})
    assert r.status_code == 200 and r.json()["aliases"] == ["snow flick"]

    # The redaction the page then asks for: the vendor's surrogate, not a new entity's.
    decisions = decisions_json(HEARD, "text", text, ("snow flick", "accept", "ORGANIZATION", {"remember": True}))
    r = client.post("/v1/redact/file?report=true", files={"file": ("call.txt", HEARD, "text/plain")},
                    data={"project": str(project_a.id), "decisions": decisions}, headers=project_a.redactor_headers())
    assert r.status_code == 200, r.text
    labels = {text[e["start"]:e["end"]]: e["surrogate"] for e in r.json()["entities"]}
    assert labels["snow flick"] == vendor
    # ... and in the next transcript the rendering is the term, without a reviewer.
    later = analyze(client, project_a, b"Participant: the snow flick bill went up again.\n", "later.txt")
    (found,) = [f for f in later["findings"] if f["recognizer"] == "project_dictionary.v1"]
    assert later["text"][found["start"]:found["end"]] == "snow flick"
    assert found["surrogate"] == vendor and found["reason"] == "project dictionary term (exact)"


def test_an_alias_another_term_has_is_refused(client, project_a):
    ids = []
    for term in ("Brightwater Cloud", "Copperline"):
        r = client.post(f"/v1/projects/{project_a.id}/dictionary", headers=project_a.admin_headers(),
                        json={"term": term, "entity_type": "ORGANIZATION"})
        ids.append(r.json()["id"])
    r = client.post(f"/v1/projects/{project_a.id}/dictionary/{ids[0]}/aliases", headers=project_a.admin_headers(),
                    json={"alias": "COPPERLINE"})
    assert r.status_code == 409 and "copper" not in r.text.lower()
    r = client.post(f"/v1/projects/{project_a.id}/dictionary/999999/aliases", headers=project_a.admin_headers(),
                    json={"alias": "copper line"})
    assert r.status_code == 404
