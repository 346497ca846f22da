"""/docs and /redoc render with no network: their scripts come from this server."""
from __future__ import annotations

from playwright.sync_api import expect


def test_swagger_ui_renders_offline(server, page, shots):
    page.goto(f"{server.url}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Transcript anonymizer", timeout=30_000)
    expect(page.locator(".opblock-summary-path", has_text="/v1/review/analyze")).to_be_visible()
    shots(page, "swagger-ui")


def test_redoc_renders_offline(server, page, shots):
    page.goto(f"{server.url}/redoc")
    expect(page.locator("h1", has_text="Transcript anonymizer")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("/v1/review/analyze").first).to_be_attached()
    shots(page, "redoc", full_page=False)
