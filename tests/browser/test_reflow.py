"""Reflow (WCAG 1.4.10) and text size (1.4.4), measured in the browser: on a 320 px screen, and on
a 390 px phone with the text at 200 % (the browser's own font-size setting, as a visitor sets it),
no page type needs sideways scrolling, in left-to-right and right-to-left; nothing in the header is
cut off or pushed off the screen; a heading breaks only between words or at a hyphen.

One page of each type per language: every page of a type is drawn by the same template."""

from __future__ import annotations

import pytest

from .conftest import NOW

WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // Material keeps the closed search overlay and the navigation drawer outside the window on
    // purpose (position: fixed, moved by transform); they do not make the page scroll.
    if (!box.width || style.visibility === 'hidden' || el.closest('.md-sidebar--primary, .md-search')) continue;
    if (box.right > width + 1 || box.left < -1) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.left)}…${Math.round(box.right)}`);
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: out.slice(0, 8)};
}"""
HEADER = """() => {
  const width = document.documentElement.clientWidth;
  const title = document.querySelector('.md-header__title .md-ellipsis');
  const controls = [...document.querySelectorAll('.md-header .cc-menu, .md-header .cc-lang__button, .md-header .cc-search-button')]
    .filter((el) => el.getClientRects().length);
  return {
    cut: title.scrollWidth > title.clientWidth + 1,
    outside: controls.filter((el) => { const b = el.getBoundingClientRect(); return b.left < 0 || b.right > width; })
      .map((el) => el.className),
    shown: controls.length,
  };
}"""
BROKEN_WORDS = """() => {
  // Where the heading's lines break: between two letters on different lines there must be a space,
  // a hyphen or a soft hyphen (drawn as a hyphen at the end of the line).
  const h1 = document.querySelector('#cc-content h1');
  const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
  const chars = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const boxes = range.getClientRects();  // a letter right after a line break also has a box at the end of the line before
      const box = boxes[boxes.length - 1];
      chars.push({c: node.data[i], top: box ? Math.round(box.top) : null});
    }
  }
  const bad = [];
  let last = -1;  // the last letter (not a space or soft hyphen) and whether a break point followed it
  let gap = false;
  chars.forEach((ch, i) => {
    if (/[\\s\\u00ad]/.test(ch.c)) { gap = true; return; }
    if (ch.top === null) return;
    if (last >= 0 && ch.top > chars[last].top + 2 && !gap && !/[-–]/.test(chars[last].c)) {
      bad.push(chars.slice(Math.max(0, i - 6), i).map((x) => x.c).join('') + '|' + chars.slice(i, i + 6).map((x) => x.c).join(''));
    }
    last = i; gap = false;
  });
  return bad;
}"""

TYPES = ["home", "service", "a-z", "office", "offices", "hours", "contact", "topics", "topic", "forms", "form", "markdown"]
SCREENS = {"320 px": ({"width": 320, "height": 640}, 16), "390 px at 200 % text": ({"width": 390, "height": 844}, 32)}


@pytest.fixture(scope="module", params=list(SCREENS))
def phone(request, browser):
    viewport, font = SCREENS[request.param]
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.clock.set_fixed_time(NOW)
    if font != 16:
        cdp = context.new_cdp_session(tab)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font, "fixed": font * 13 // 16}})
    yield request.param, tab
    context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_no_page_type_scrolls_sideways_and_the_header_keeps_everything(server, page_paths, phone, lang):
    screen, tab = phone
    problems = {}
    for kind in TYPES:
        tab.goto(f"{server.url}/{lang}/{page_paths[kind]}")
        tab.wait_for_load_state("networkidle")
        measured = tab.evaluate(WIDE)
        if measured["scroll"] > measured["width"]:
            problems[kind] = measured
        header = tab.evaluate(HEADER)
        if header["cut"] or header["outside"] or header["shown"] < 2:
            problems[f"{kind} header"] = header
        broken = tab.evaluate(BROKEN_WORDS)
        if broken:
            problems[f"{kind} heading"] = broken
    assert problems == {}, f"{screen}, {lang}: {problems}"


def test_the_open_language_list_fits_the_phone(server, page_paths, phone):
    _, tab = phone
    tab.goto(f"{server.url}/ar/{page_paths['service']}")
    tab.locator(".cc-lang__button").click()
    box = tab.locator(".cc-lang__list").bounding_box()
    width = tab.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
