"""Helpers of the browser tests: axe-core injected inline, and how to describe its findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import axe_playwright_python

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


def axe(page: Any, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as loaded (axe injected inline: no network request)."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        tags or AXE_TAGS,
    )
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


# ---- Keyboard: where the focus is, and whether a sighted user can see it ------------------------

def focused(tab) -> str:
    """The focused element as a test names it: its id, else its link target, else its tag."""
    return tab.evaluate("document.activeElement.id || document.activeElement.getAttribute('href') || document.activeElement.tagName")


def has_focus(tab, selector: str) -> bool:
    return tab.evaluate("s => document.activeElement.matches(s)", selector)


def tab_until(tab, wanted, limit: int = 10, key: str = "Tab", shown: bool = False) -> None:
    """Press Tab until ``wanted`` (a CSS selector the focused element matches, or a test of the
    tab) is true; with ``shown``, every stop on the way must show its focus (``assert_focus``)."""
    for _ in range(limit):
        tab.keyboard.press(key)
        if shown:
            assert_focus(tab, "*")
        if has_focus(tab, wanted) if isinstance(wanted, str) else wanted(tab):
            return
    raise AssertionError(f"{limit} presses of {key} did not reach {wanted}; focus is on {focused(tab)}")


FOCUS_SHOWN = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "nothing has the focus";
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  // Tab stops on a date field's own calendar button: Chromium rings it itself (2px) and the page
  // can neither style it nor read its style (the field is then not :focus).
  if (e.type === "date" && !e.matches(":focus")) return "";
  const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== "none");
  if (!ring) return `no outline of 2px or more and no box-shadow (${s.outlineStyle} ${s.outlineWidth})`;
  if (r.width === 0 || r.height === 0) return "the focused element has no size";
  const tall = r.height > innerHeight, wide = r.width > innerWidth;
  // Focus scrolls a control just into the window; its edge may sit a fraction of a pixel beyond.
  if ((!tall && (r.top < -1 || r.bottom > innerHeight + 1)) || (!wide && (r.left < -1 || r.right > innerWidth + 1)))
    return `outside the viewport (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)})`;
  const x = Math.min(Math.max(r.left + r.width / 2, 1), innerWidth - 1);
  const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 1), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  if (top && top !== e && !e.contains(top) && !top.contains(e)) return `covered by ${top.tagName}.${top.className}`;
  return "";
}"""


def assert_focus(tab, selector: str) -> None:
    """The focused element matches ``selector`` and a sighted user sees where it is: an outline of
    at least 2px or a box-shadow, inside the window and not covered (by a sticky header, say)."""
    assert has_focus(tab, selector), f"focus is on {focused(tab)}, not {selector}"
    problem = tab.evaluate(FOCUS_SHOWN)
    assert problem == "", f"{focused(tab)}: {problem}"


# ---- ARIA snapshots -----------------------------------------------------------------------------

WRITE_SNAPSHOTS = "CIVICAT_WRITE_SNAPSHOTS"
"""Set to 1 to write the ARIA snapshots from this run (then read the diff before committing)."""


def compare_snapshot(snapshot: str, expected: Path, repo: Path) -> None:
    """``snapshot`` equals the committed file ``expected``. A missing file, or any file when
    ``CIVICAT_WRITE_SNAPSHOTS=1``, is written from this run and the test fails until it is read."""
    import os

    import pytest

    if os.environ.get(WRITE_SNAPSHOTS) == "1" or not expected.exists():
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(snapshot + "\n", encoding="utf-8")
        pytest.fail(f"{expected.relative_to(repo)} written from this run; read it, then run again without {WRITE_SNAPSHOTS}")
    assert snapshot + "\n" == expected.read_text(encoding="utf-8")
