"""On a shared server (TANON_REQUIRE_API_KEY=true) the page asks for a project key, refuses
an unknown one, and gives a redactor key no way to change the project."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import REPO

CALL = REPO / "examples" / "team_call.vtt"


def test_review_page_needs_a_valid_key_on_a_shared_server(locked_server, page, shots):
    project_id, admin_key = locked_server.create_project("shared-study")
    redactor_key = locked_server.api_key(project_id, admin_key, "redactor")
    page.goto(f"{locked_server.url}/review")
    expect(page.locator("#key-need")).to_have_text("(required on this server)")
    expect(page.locator("#file")).to_be_disabled()
    expect(page.locator("#open-status")).to_contain_text("needs a project API key")
    shots(page, "asks-for-a-key")

    page.fill("#api-key", "tanon_this-key-was-never-issued-0000000000000")
    page.press("#api-key", "Enter")
    expect(page.locator("#key-status")).to_contain_text("The API key was not accepted")
    expect(page.locator("#file")).to_be_disabled()
    shots(page, "unknown-key-refused")

    page.fill("#api-key", redactor_key)
    page.click("#use-key")
    expect(page.locator("#key-status")).to_contain_text("Key accepted: redactor of shared-study")
    expect(page.locator("#file")).to_be_enabled()
    expect(page.locator("#project")).to_have_value(str(project_id))
    page.set_input_files("#file", str(CALL))
    expect(page.locator("#review")).to_have_attribute("data-opened", "1", timeout=60_000)
    expect(page.locator("#review-title")).to_contain_text("project shared-study")
    # Remembering changes the project: an admin's decision.
    expect(page.locator("#remember")).to_be_disabled()
    expect(page.locator("#remember-hint")).to_have_text("Remembering needs an admin key of the project.")
    shots(page, "redactor-key-reviews")
