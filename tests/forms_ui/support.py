"""Shared helpers of the form page tests: the running stack, the store and outbox, axe-core."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
MIN_FILL_SECONDS = 1.0
REFERENCE = re.compile(r"\bHBN-20\d\d-[0-9A-HJKMNP-TV-Z]{5}\b")
"""A reference number as the functions make them (Crockford base32)."""


def require(available: bool, what: str) -> None:
    """Skip when a tool is missing; under CI=true a missing tool fails the run instead."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is missing, and CI=true requires it", pytrace=False)
    pytest.skip(f"{what} is missing")


def importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


@dataclass
class Stack:
    url: str
    """The site with the forms API under /api, as ``civicat serve`` runs it."""
    var: Path
    """The API's folder: ``submissions.db``, ``outbox/``, ``uploads/``."""

    def submissions(self) -> list[dict]:
        """Every stored submission (SQLite), newest last: reference, form, and what was sent."""
        with sqlite3.connect(self.var / "submissions.db") as db:
            rows = db.execute("SELECT reference, form_id, frozen FROM submissions ORDER BY created_at").fetchall()
        return [{"reference": r, "form_id": f, **json.loads(frozen)} for r, f, frozen in rows]

    def submission(self, reference: str) -> dict:
        found = [s for s in self.submissions() if s["reference"] == reference]
        assert found, f"{reference} is not in the store"
        return found[0]

    def mails(self, reference: str, expected: int = 1) -> list[str]:
        """The .eml files written for a reference (office mail, citizen's confirmation), once
        ``expected`` of them are there (a mail may be written just after the answer)."""
        deadline = time.monotonic() + 5
        while True:
            found = sorted((self.var / "outbox").glob(f"{reference}-*.eml"))
            if len(found) >= expected or time.monotonic() > deadline:
                return [p.read_text(encoding="utf-8", errors="replace") for p in found]
            time.sleep(0.1)


TEST_SETTINGS = {"CIVICAT_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS), "CIVICAT_RATE_LIMIT": "off",
                 "CIVICAT_HOUSEKEEPING_SECONDS": "3600", "CIVICAT_PUBLIC_API_URL": "/api"}
"""Two settings differ from ``civicat serve`` to keep the suites fast: the minimum fill time is
1 s (tests that submit wait past it) and the rate limit is off."""
NOT_INHERITED = ("CIVICAT_STORE", "CIVICAT_NOTIFIER", "CIVICAT_SITE_URL", "CIVICAT_DELIVERY")


@contextlib.contextmanager
def served_stack(site: Path, catalogue, root: Path, settings: dict | None = None):
    """A built ``site`` and the functions' app under ``/api`` on one port, as ``civicat serve``
    runs them (``civicat.serve.server.Served``): the contract compiled from ``catalogue``, the
    site's frame for the API's own pages beside it, the store and outbox under ``root/var``.
    Yields a ``Stack``; the browser suites share it (forms, the citizen's journey)."""
    require(importable("chalice"), "chalice (the functions' local server)")
    require(importable("waitress"), "waitress (civicat serve's HTTP server)")
    from civicat import contract as forms
    from civicat.render.shell import write_for_functions
    from civicat.serve.server import Served

    contract_path = forms.write(catalogue, root / "forms.json")
    write_for_functions(site, list(catalogue.site.languages), root, str(catalogue.site.base_url))
    var, token = root / "var", "forms-ui-test-token"
    with mock.patch.dict(os.environ, {**TEST_SETTINGS, **(settings or {})}):
        # the processes get os.environ as it is now
        for name in NOT_INHERITED:
            os.environ.pop(name, None)
        served = Served(site, var, token, contract_path).start()
    try:
        served.wait_ready()
        yield Stack(url=served.url, var=var)
    finally:
        served.stop()


def axe_violations(page) -> str:
    """axe-core's WCAG 2.x A/AA violations of the page as it is now ("" when there are none)."""
    require(importable("axe_playwright_python"), "axe-playwright-python")
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    if results.violations_count == 0:
        return ""
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}" for node in violation["nodes"][:5])
    return "\n".join(lines)


def tiny_pdf(path: Path) -> Path:
    """A small but well-formed one-page PDF (the functions check the %PDF magic bytes)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def fill_parking_application(page) -> None:
    """Every field of the residents' parking application, valid."""
    page.fill("#field-name", "Erika Mustermann")
    page.fill("#field-street", "Marktstraße 3")
    page.fill("#field-postcode", "99880")
    page.fill("#field-town", "Hainbach")
    page.fill("#field-licence_plate", "HAI-AB 123")
    page.fill("#field-valid_from", "2027-04-01")
    page.fill("#field-email", "erika@beispiel.de")


def open_form(page, stack, path: str) -> float:
    """Open a form page, wait for its script, and mark the window: a page load would lose the mark."""
    page.goto(f"{stack.url}/{path}")
    page.wait_for_selector("form[data-cc-started~=form]", state="attached")
    page.evaluate("window.__noReload = 1")
    return time.monotonic()


def send(page, opened: float) -> None:
    """Press the send button once the function's minimum fill time has passed."""
    time.sleep(max(0.0, MIN_FILL_SECONDS + 0.2 - (time.monotonic() - opened)))
    page.locator("[data-cc-submit]").click()


def fill_contact_form(page, message: str) -> None:
    """The contact form, valid (``message`` makes the submission unique)."""
    page.fill("#field-name", "Erika Mustermann")
    page.fill("#field-email", "erika@beispiel.de")
    page.select_option("#field-subject", "website")
    page.fill("#field-message", message)


def plain(text: str) -> str:
    """Text as read: whitespace collapsed, Unicode direction isolates (around names and sizes) gone."""
    return " ".join(text.replace("\u2068", "").replace("\u2069", "").split())


def texts(locator) -> list[str]:
    return [plain(text) for text in locator.all_text_contents()]
