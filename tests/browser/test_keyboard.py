"""Keyboard only: the first Tab reaches "skip to content"; every control shows focus; no trap."""

from __future__ import annotations

import pytest

FOCUS_VISIBLE = """() => {
  const el = document.activeElement; const cs = getComputedStyle(el);
  const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow && cs.boxShadow !== 'none');
  const r = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40), ring,
          visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth};
}"""
SKIP = {"de": "Zum Inhalt springen", "en": "Skip to content", "ar": "انتقل إلى المحتوى"}


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_the_first_tab_reaches_skip_to_content_and_it_moves_focus_to_the_content(server, page, page_paths, lang):
    page.goto(f"{server.url}/{lang}/{page_paths['service']}")
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_VISIBLE)
    assert state["text"] == SKIP[lang] and state["visible"] and state["ring"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "cc-content"


@pytest.mark.parametrize("lang, kind", [("de", "home"), ("de", "service"), ("ar", "office"), ("en", "a-z")])
def test_every_control_is_reached_with_visible_focus_and_tab_leaves_the_page(server, page, page_paths, lang, kind):
    page.goto(f"{server.url}/{lang}/{page_paths[kind]}")
    page.wait_for_load_state("networkidle")
    seen, problems = [], []
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body || document.activeElement === null"):
            break  # past the last control: focus left the page, nothing trapped it
        state = page.evaluate(FOCUS_VISIBLE)
        key = page.evaluate("(() => { const e = document.activeElement; return e.outerHTML.slice(0, 120); })()")
        if seen and key == seen[0] and len(seen) > 3:
            break  # wrapped round to the first control
        seen.append(key)
        if not state["ring"] or not state["visible"]:
            problems.append(state)
    else:
        pytest.fail("focus never left the page: a keyboard trap")
    assert len(seen) > 10
    assert problems == []


def test_the_language_switcher_and_share_work_from_the_keyboard(server, page, page_paths):
    page.goto(f"{server.url}/de/{page_paths['service']}")
    page.focus(".cc-lang__button")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "en"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/{page_paths['service']}")
    share = page.locator("[data-cc-share-button]")
    share.focus()
    page.keyboard.press("Enter")
    assert share.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert share.get_attribute("aria-expanded") == "false"
