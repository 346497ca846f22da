"""Through every entry point: a project dictionary of real vendors, and an interview in
which speech-to-text split or misheard each of them. No vendor is left in clear, each
keeps one surrogate; no message names a vendor, and no report row says which term a
dictionary hit matched."""
from __future__ import annotations

import json
import re

import pytest

from service.batch.runner import BatchRequest
from service.config import Settings, get_settings
from service.store import ProjectStore, generate_store_key
from tests.batch.conftest import batch
from tests.projects.conftest import create_project

# Real vendors, and what speech-to-text wrote for each.
RENDERINGS = {
    "air table": "Airtable", "assana": "Asana", "data dog": "Datadog", "spelunk": "Splunk",
    "male chimp": "Mailchimp", "market toe": "Marketo", "twill io": "Twilio", "zap ear": "Zapier",
    "net suite": "NetSuite", "smart sheet": "Smartsheet", "octa": "Okta", "fig ma": "Figma",
}
VENDORS = sorted(set(RENDERINGS.values()))
TRANSCRIPT = """Interviewer: Can you walk me through the tools you inherited when you joined?
Participant: Sure. Project tracking lived in air table, and the tasks were in assana. The alerts came from data dog, \
and the logs, uh, we were paying for spelunk back then.
Interviewer: And the customer side?
Participant: Newsletters went out through male chimp, the campaigns ran on market toe, and the text messages go \
through twill io.
Interviewer: How did the pieces talk to each other?
Participant: Mostly glued together with zap ear. Finance moved to net suite, and the schedule sat in smart sheet.
Interviewer: Sign-in and design?
Participant: Logins go through octa now, and the mock-ups were built in fig ma. I had to look her up in the org \
chart to get access, and the net result was a smaller bill.
"""
ORDINARY = ["I had to look her up in the org chart to get access", "the net result was a smaller bill"]
DICTIONARY_CSV = "term,entity_type,role\n" + "".join(f"{v},ORGANIZATION,vendor\n" for v in VENDORS)


def assert_no_vendor_in_clear(redacted: str) -> None:
    for rendering in RENDERINGS:
        assert rendering not in redacted.lower(), rendering
    labels = re.findall(r"\[Company [A-Z]+\]", redacted)
    assert len(labels) == len(RENDERINGS) and len(set(labels)) == len(VENDORS)  # one surrogate each
    for sentence in ORDINARY:
        assert sentence in redacted


def assert_names_no_vendor(text: str) -> None:
    for vendor in VENDORS:
        assert vendor.lower() not in text.lower(), vendor


def assert_dictionary_rows_name_no_term(rows: list[dict]) -> None:
    """Rows of dictionary hits say how they matched, never which term, nor its phonetic key."""
    rows = [row for row in rows if row["recognizer"] == "project_dictionary.v1"]
    assert any("project dictionary term (sounds like)" in row["reason"] for row in rows)
    text = json.dumps(rows)
    assert 'dictionary term \\"' not in text and "metaphone" not in text


@pytest.fixture
def local_env(monkeypatch, tmp_path):
    """A fresh local store (created by the command line)."""
    for var in ("TANON_STORE_URL", "TANON_STORE_KEY", "TANON_STORE_KEY_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_cli_redact_with_a_project_leaves_no_misheard_vendor(local_env, cli_main, tmp_path, capsys):
    (tmp_path / "vendors.csv").write_text(DICTIONARY_CSV, encoding="utf-8")
    (tmp_path / "interview.txt").write_text(TRANSCRIPT, encoding="utf-8")
    assert cli_main(["project", "create", "tools study"]) == 0
    assert cli_main(["project", "dict", "import", "tools study", str(tmp_path / "vendors.csv")]) == 0
    code = cli_main(["redact", str(tmp_path / "interview.txt"), "--project", "tools study",
                     "-o", str(tmp_path / "redacted.txt"), "--report", str(tmp_path / "report.json")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert_no_vendor_in_clear((tmp_path / "redacted.txt").read_text(encoding="utf-8"))
    assert_names_no_vendor(captured.err)
    assert_dictionary_rows_name_no_term(json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["entities"])


def test_api_redact_with_a_project_leaves_no_misheard_vendor(client):
    keys = create_project(client, "tools-study")
    for vendor in VENDORS:
        r = client.post(f"/v1/projects/{keys.id}/dictionary", headers=keys.admin_headers(),
                        json={"term": vendor, "entity_type": "ORGANIZATION", "role": "vendor"})
        assert r.status_code == 201, r.text
    r = client.post("/v1/redact", json={"text": TRANSCRIPT, "project": keys.id}, headers=keys.redactor_headers())
    assert r.status_code == 200, r.text
    body = r.json()
    assert_no_vendor_in_clear(body["text"])
    assert_dictionary_rows_name_no_term(body["entities"])
    # one surrogate per vendor, whichever rendering it was heard as
    by_vendor: dict[str, set[str]] = {}
    for entity in body["entities"]:
        vendor = RENDERINGS.get(TRANSCRIPT[entity["start"]:entity["end"]].lower())
        if vendor:
            by_vendor.setdefault(vendor, set()).add(entity["surrogate"])
    assert set(by_vendor) == set(VENDORS) and all(len(s) == 1 for s in by_vendor.values())


def test_batch_with_a_project_leaves_no_misheard_vendor(engine, tmp_path, capsys):
    settings = Settings(store_url=str(tmp_path / "store" / "projects.sqlite3"), store_key=generate_store_key().decode())
    with ProjectStore(settings.store_url, key=settings.store_key.get_secret_value()) as store:
        project = store.create_project("tools study")
        assert store.import_terms(project.id, DICTIONARY_CSV, format="csv") == len(VENDORS)
    in_dir = tmp_path / "in"
    (in_dir / "calls").mkdir(parents=True)
    (in_dir / "interview.txt").write_text(TRANSCRIPT, encoding="utf-8")
    cues = [f"{i}\n00:00:{i:02d},000 --> 00:00:{i + 1:02d},000\n{line}\n" for i, line in
            enumerate(TRANSCRIPT.splitlines(), 1)]
    (in_dir / "calls" / "interview.srt").write_text("\n".join(cues), encoding="utf-8")
    summary = batch(BatchRequest(in_dir, tmp_path / "out", project="tools study"), store_at=settings, engine=engine)
    err = capsys.readouterr().err
    assert (summary.ok, summary.failed) == (2, 0)
    text = (tmp_path / "out" / "interview.txt").read_text(encoding="utf-8")
    assert_no_vendor_in_clear(text)
    subtitles = (tmp_path / "out" / "calls" / "interview.srt").read_text(encoding="utf-8")
    for rendering in RENDERINGS:
        assert rendering not in subtitles.lower(), rendering
    # the project's surrogates: the same label for a vendor in both files
    assert set(re.findall(r"\[Company [A-Z]+\]", subtitles)) == set(re.findall(r"\[Company [A-Z]+\]", text))
    assert_names_no_vendor(err)
    assert_names_no_vendor((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
