"""The review page from the keyboard alone: move, reject, undo, change a type, search and
add a missed name, decide the rest and download."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import REPO

CALL = REPO / "examples" / "team_call.vtt"


def current(page) -> dict:
    """The focused highlight: its id, what a screen reader says, its state."""
    return page.evaluate("""() => {
      const el = document.activeElement;
      return el && el.dataset.id ? {id: el.dataset.id, label: el.getAttribute('aria-label'),
                                     state: el.dataset.state, role: el.getAttribute('role')} : null;
    }""")


def test_review_with_the_keyboard_only(server, page, shots):
    page.goto(f"{server.url}/review")
    page.set_input_files("#file", str(CALL))
    expect(page.locator("#review")).to_have_attribute("data-opened", "1", timeout=60_000)
    # Opening puts the focus on the first finding, named for screen readers.
    first = current(page)
    assert first["role"] == "button"
    assert first["label"].startswith("“Noor Haddad”: Person, finding, becomes [Person 1], confidence 90%")
    assert first["label"].endswith("not yet reviewed")

    page.keyboard.press("j")
    second = current(page)
    assert second["id"] != first["id"] and "Callum Brightwater" in second["label"]
    page.keyboard.press("k")
    assert current(page)["id"] == first["id"]
    shots(page, "keyboard-first-finding")

    # r rejects and moves on; u undoes.
    page.keyboard.press("r")
    expect(page.locator(f"mark[data-id={first['id']}]")).to_have_attribute("data-state", "rejected")
    expect(page.locator("#progress")).to_have_text("1 of 19 reviewed")
    assert current(page)["id"] != first["id"]
    page.keyboard.press("u")
    expect(page.locator(f"mark[data-id={first['id']}]")).to_have_attribute("data-state", "pending")
    expect(page.locator("#progress")).to_have_text("0 of 19 reviewed")
    assert current(page)["id"] == first["id"]

    # t, then a number, changes the type: "Next" is a word here, not the retailer.
    while "“Next”" not in current(page)["label"]:
        page.keyboard.press("j")
    page.keyboard.press("t")
    expect(page.locator("#types")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#types")).to_be_hidden()
    page.keyboard.press("r")
    expect(page.locator("mark", has_text=re.compile(r"^Next$"))).to_have_attribute("data-state", "rejected")
    while "“Harbourline”" not in current(page)["label"]:
        page.keyboard.press("j")
    page.keyboard.press("t")
    page.keyboard.press("2")  # Organization
    harbourline = page.locator("mark", has_text="Harbourline")
    expect(harbourline).to_have_attribute("data-state", "retyped")
    expect(harbourline).to_have_attribute("data-type", "ORGANIZATION")
    shots(page, "keyboard-retyped")

    # / searches; Enter selects the next match and offers to add it as a name.
    page.keyboard.press("/")
    expect(page.locator("#search")).to_be_focused()
    page.keyboard.type("quillory")
    page.keyboard.press("Enter")
    expect(page.locator("#add")).to_be_visible()
    expect(page.locator("#add-text")).to_have_text("quillory")
    expect(page.locator("#add-type")).to_be_focused()
    page.keyboard.press("ArrowDown")  # Person -> Organization
    expect(page.locator("#add-type")).to_have_value("ORGANIZATION")
    for _ in range(6):
        if page.evaluate("document.activeElement.id") == "add-confirm":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "add-confirm"
    page.keyboard.press("Enter")
    expect(page.locator("mark.added", has_text="quillory")).to_be_visible()
    assert "“quillory”: Organization, added by you" in current(page)["label"]
    shots(page, "keyboard-added")

    # Decide the rest with a (each decision moves to the next open item).
    expect(page.locator("#download")).to_be_disabled()
    for _ in range(40):
        if page.locator("#download").is_enabled():
            break
        page.keyboard.press("a")
    expect(page.locator("#progress")).to_have_text("19 of 19 reviewed")
    expect(page.locator("#download")).to_be_enabled()
    shots(page, "keyboard-all-reviewed")
    page.focus("#download")
    with page.expect_download(timeout=60_000) as caught:
        page.keyboard.press("Enter")
    out = shots.folder / "keyboard.redacted.vtt"
    caught.value.save_as(str(out))
    text = out.read_text(encoding="utf-8")
    assert "quillory" not in text and "Harbourline" not in text
    assert "involved, Next to you" in text  # rejected
    assert re.search(r"store everything with \[Company [A-Z]\] now", text)
    shots(page, "keyboard-downloaded")


CONTRAST = """(selector) => {
  const rgb = (s) => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)].map((el) => {
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}"""


def test_review_page_controls_are_named_and_readable(server, page, shots):
    page.goto(f"{server.url}/review")
    page.set_input_files("#file", str(CALL))
    expect(page.locator("#review")).to_have_attribute("data-opened", "1", timeout=60_000)
    unnamed = page.evaluate("""() => [...document.querySelectorAll('input, select, button, mark[role=button]')]
      .filter((el) => el.offsetParent !== null || el.type === 'file')
      .filter((el) => !((el.labels && el.labels.length) || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.id || el.outerHTML.slice(0, 60))""")
    assert unnamed == []
    names = page.eval_on_selector_all("mark[role=button]", "els => els.map((el) => el.getAttribute('aria-label'))")
    assert names and all(re.match(r"^“.+”: (Person|Organization|University|Product|Place|Email address|Phone number|"
                                  r"Web address), (finding|suggestion)", n) for n in names)
    assert any(", suggestion, not replaced unless accepted" in n for n in names)
    # One highlight is in the tab order at a time (the current one): Tab from the search box reaches it.
    assert page.eval_on_selector_all("mark[tabindex='0']", "els => els.length") == 1
    page.focus("#search")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "0"
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    for selector in (".cue-time", ".hint", "mark.finding", "mark.suggestion", "#progress", "label", "button:not(:disabled)"):
        ratios = page.evaluate(CONTRAST, selector)
        assert ratios and min(ratios) >= 4.5, (selector, min(ratios))
    shots(page, "labelled")
