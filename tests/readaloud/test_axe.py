"""axe-core on the examples with the control bar open and a sentence highlighted, in light, dark
(Material's "slate" scheme) and forced-colors mode; and the highlight visibly differs from the
page in each mode."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}
MODES = ["light", "dark", "forced-colors"]


def open_with_highlight(reader, lang: str, mode: str) -> None:
    """Opens the bar, waits for the first sentence, and pauses: the highlight stays on it."""
    if mode == "forced-colors":
        reader.page.emulate_media(forced_colors="active")
    reader.open(lang, "?scheme=slate" if mode == "dark" else "")
    reader.toggle.click()
    reader.wait_for_start(1)
    reader.button("play").click()
    assert reader.state() == "paused"
    assert reader.page.locator(".civicat-readaloud-current").count() > 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_no_accessibility_violations_with_the_control_bar_open(reader, lang, mode):
    open_with_highlight(reader, lang, mode)
    scheme = reader.page.evaluate("() => document.body.dataset.mdColorScheme")
    assert scheme == ("slate" if mode == "dark" else "default")
    results = Axe().run(reader.page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()

    # axe cannot judge whether the highlight is noticeable: it must differ from the page.
    colours = reader.page.evaluate("""() => {
      const mark = getComputedStyle(document.querySelector('.civicat-readaloud-current'));
      return { mark: mark.backgroundColor, markText: mark.color, outline: mark.outlineStyle,
               underline: mark.textDecorationLine,
               page: getComputedStyle(document.body).backgroundColor };
    }""")
    assert colours["mark"] != colours["page"]
    assert colours["markText"] != colours["mark"]
    if mode == "forced-colors":
        # System colours for marked text, and an outline that shows in any colour theme.
        assert colours["outline"] == "solid"
    else:
        assert colours["underline"] == "underline"
