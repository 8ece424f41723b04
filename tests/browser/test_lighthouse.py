"""Lighthouse's accessibility audit scores 100 on one page of each main type, in the three demo
languages between them (Arabic right-to-left among them), on a phone-sized screen (Lighthouse's
default emulation).

Lighthouse (npm, pinned, in .tools/ by scripts/lib/node-tools.sh) drives Debian's Chromium through
scripts/lib/lighthouse.mjs: one browser for all pages. It is slow (about ten seconds a page), so
this is a handful of pages; axe checks every page type in every language (test_axe.py). Its
audits overlap axe's but not entirely: it found the menu label with role=button and the search
label with a prohibited aria-label that cost every page 4 points.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, REPO, require

pytestmark = pytest.mark.browser

RUNNER = REPO / "scripts" / "lib" / "lighthouse.mjs"
LIGHTHOUSE = REPO / ".tools" / "node_modules" / "lighthouse" / "core" / "index.js"
PAGES = {  # type: (language, path key of page_paths, or a file)
    "home": ("de", "home"),
    "service": ("ar", "service"),
    "office": ("en", "office"),
    "A–Z": ("de", "a-z"),
    "form": ("de", "form"),
    "not found": ("ar", "404.html"),
}


@pytest.fixture(scope="module")
def audited(server, page_paths):
    require(shutil.which("node") is not None, "node (Debian: nodejs)")
    require(LIGHTHOUSE.exists(), "Lighthouse in .tools/ (scripts/lib/node-tools.sh)")
    urls = {kind: f"{server.url}/{lang}/{page_paths.get(key, key)}" for kind, (lang, key) in PAGES.items()}
    job = {"urls": list(urls.values()), "categories": ["accessibility"], "flags": CHROMIUM_ARGS}
    done = subprocess.run(["node", str(RUNNER), json.dumps(job)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "CHROME_PATH": CHROMIUM})
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    return {kind: results[url] for kind, url in urls.items()}


@pytest.mark.parametrize("kind", list(PAGES))
def test_lighthouse_accessibility_is_100(audited, kind):
    result = audited[kind]
    assert result["runtimeError"] is None, result["runtimeError"]
    failed = "; ".join(f"{f['id']} ({f['title']}): {f['items']}" for f in result["failed"])
    assert result["scores"]["accessibility"] == 1, failed
