"""A researcher reviews a call (WebVTT) and an interview (Word) in a real browser: rejects
a finding, accepts a suggestion, adds a missed name and remembers it in the project,
downloads, and finds the decisions remembered when the same file comes back."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

from playwright.sync_api import expect

from service import formats
from tests.conftest import REPO

from .conftest import select_text

CALL = REPO / "examples" / "team_call.vtt"
INTERVIEW = REPO / "examples" / "interview_07.docx"
TIMING = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> .*$", re.MULTILINE)


def open_file(page, path):
    opened = int(page.locator("#review").get_attribute("data-opened") or 0)
    page.set_input_files("#file", str(path))
    expect(page.locator("#review")).to_have_attribute("data-opened", str(opened + 1), timeout=60_000)
    expect(page.locator("#open-status")).to_contain_text(f"{path.name}:")


def download(page, button: str, folder, name: str | None = None):
    with page.expect_download(timeout=60_000) as caught:
        page.click(button)
    target = folder / (name or caught.value.suggested_filename)
    caught.value.save_as(str(target))
    return target


def test_review_a_call_and_a_word_file_end_to_end(server, page, shots):
    project_id, admin_key = server.create_project("family-farms")
    page.goto(f"{server.url}/review")
    expect(page.locator("#file")).to_be_enabled()
    shots(page, "page")

    page.fill("#api-key", admin_key)
    page.click("#use-key")
    expect(page.locator("#key-status")).to_contain_text("Key accepted: admin of family-farms")
    expect(page.locator("#project")).to_have_value(str(project_id))
    page.fill("#reviewer", "Dana Reviewer")
    open_file(page, CALL)
    expect(page.locator("mark.finding").first).to_be_visible()
    expect(page.locator("mark.suggestion").first).to_be_visible()
    expect(page.locator(".cue-time").first).to_have_text("00:00:01.200")
    page.locator("mark.finding", has_text="Tableau").hover()
    expect(page.locator("#tip")).to_contain_text("Product · finding · becomes [Product A]")
    expect(page.locator("#tip")).to_contain_text("confidence 90%")
    shots(page, "call-findings-and-suggestions")

    # Reject a finding, and remember that: the project's allow list gets the word.
    page.click("mark.finding:has-text('Tableau')")
    page.check("#remember")
    page.click("#reject")
    expect(page.locator("mark", has_text="Tableau")).to_have_attribute("data-state", "rejected")
    # Accept a suggestion: it is replaced where it stands.
    suggestion = page.locator("mark.suggestion").first
    suggested = suggestion.inner_text()
    suggestion.click()
    page.click("#accept")
    expect(page.locator("mark.suggestion").first).to_have_attribute("data-state", "accepted")
    # Add a name the engine missed, and remember it: the project's dictionary gets it.
    select_text(page, "quillory")
    expect(page.locator("#add")).to_be_visible()
    expect(page.locator("#add-text")).to_have_text("quillory")
    page.select_option("#add-type", "ORGANIZATION")
    page.check("#add-remember")
    page.click("#add-confirm")
    expect(page.locator("mark.added", has_text="quillory")).to_be_visible()
    expect(page.locator("#progress")).to_contain_text("2 of 19 reviewed")
    shots(page, "call-decided")

    # Not everything is reviewed: the download waits, unless the reviewer says otherwise.
    expect(page.locator("#download")).to_be_disabled()
    page.check("#override")
    expect(page.locator("#download")).to_be_enabled()
    redacted = download(page, "#download", shots.folder)
    assert redacted.name == "team_call.redacted.vtt"
    expect(page.locator("#record")).to_be_visible()
    expect(page.locator("#record-rows tr")).to_have_count(3)
    shots(page, "call-review-record")
    record = json.loads(download(page, "#download-record", shots.folder).read_text(encoding="utf-8"))
    decisions = download(page, "#download-decisions", shots.folder)

    original = CALL.read_text(encoding="utf-8")
    out = redacted.read_text(encoding="utf-8")
    assert "quillory" not in out, "the added name is replaced"
    assert "Tableau" in out, "the rejected word stays as written"
    assert TIMING.findall(out) == TIMING.findall(original), "cue timings are unchanged"
    suggested_line = next(line for line in original.splitlines() if re.search(rf"\b{re.escape(suggested)}\b", line))
    assert suggested_line not in out, "the accepted suggestion is replaced"
    assert [(d["action"], d["tier"], d["reviewer"]) for d in record["decisions"]] == [
        ("reject", "finding", "Dana Reviewer"), ("accept", "suggestion", "Dana Reviewer"), ("add", "added", "Dana Reviewer")]
    assert record["project"] == "family-farms" and not record["complete"]
    assert "quillory" not in json.dumps(record) and "Tableau" not in json.dumps(record)

    # The project remembers: the dictionary has the added name, the allow list the rejected word.
    admin = {"Authorization": f"Bearer {admin_key}"}
    terms = server.http.get(f"/v1/projects/{project_id}/dictionary", headers=admin).json()
    assert [(t["term"], t["entity_type"]) for t in terms] == [("quillory", "ORGANIZATION")]
    settings = server.http.get(f"/v1/projects/{project_id}", headers=admin).json()["settings"]
    assert settings["allow_list"] == ["Tableau"]

    # tanon redact --decisions writes exactly the file the page downloaded.
    replay = shots.folder / "replayed.vtt"
    env = {**os.environ, "TANON_STORE_URL": server.store_url, "TANON_STORE_KEY": server.store_key}
    env.pop("TANON_STORE_KEY_FILE", None)
    done = subprocess.run([sys.executable, "-m", "service", "redact", str(CALL), "--decisions", str(decisions),
                           "--project", "family-farms", "-o", str(replay)],
                          env=env, capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert replay.read_bytes() == redacted.read_bytes()

    # The same file again: the remembered decisions are there.
    open_file(page, CALL)
    remembered = page.locator("mark.finding", has_text="quillory")
    expect(remembered).to_be_visible()
    remembered.click()
    expect(page.locator("#current")).to_contain_text("remembered in this project's dictionary")
    expect(page.locator("mark", has_text="Tableau")).to_have_count(0)
    shots(page, "call-again-remembered")

    # A Word file: add a missed name at every mention, change a type, review the rest.
    open_file(page, INTERVIEW)
    shots(page, "interview-findings")
    select_text(page, "ortolan")
    page.select_option("#add-type", "ORGANIZATION")
    page.click("#add-confirm")
    expect(page.locator("mark.added", has_text="ortolan")).to_have_count(2)
    page.click("mark.finding:has-text('Cobaltline')")
    page.click("#retype")
    page.click("#type-buttons button[data-type=ORGANIZATION]")
    expect(page.locator("mark", has_text="Cobaltline")).to_have_attribute("data-state", "retyped")
    expect(page.locator("#download")).to_be_disabled()
    while not page.locator("#download").is_enabled():
        page.click("#accept")
    expect(page.locator("#progress")).to_contain_text(re.compile(r"^(\d+) of \1 reviewed$"))
    shots(page, "interview-reviewed")
    word = download(page, "#download", shots.folder)
    assert word.name == "interview_07.redacted.docx"
    text = formats.read(word.read_bytes(), format="docx").text
    assert "ortolan" not in text and "Cobaltline" not in text and "Mirela" not in text
    assert "Tableau" in text  # the project allows it now
    import docx

    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.read_bytes())).paragraphs]
    assert len(paragraphs) == len(docx.Document(str(INTERVIEW)).paragraphs)
    assert re.search(r"Our panel comes from \[Company [A-Z]\], a small vendor", text)
    shots(page, "interview-downloaded")
