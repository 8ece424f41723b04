"""Page weight of a service page: everything a first visit loads, gzip-compressed, without the
search index (the figure recorded in BENCHMARKS.md; the budget is 60 KB).

    .venv/bin/python benchmarks/page_weight.py [--site DIR] [--lang de] [--service personalausweis]

Builds the demo catalogue into a temporary folder unless --site names a built site, loads the page
in Chromium from a local server, and adds up each response's body compressed with gzip -6 (what a
server with compression on would send). Prints one line per resource and the total.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

from browser_support import StaticServer, launch  # noqa: E402


def measure(site: Path, lang: str, path: str) -> list[tuple[str, int, int]]:
    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, int, int]] = []
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(f"{server.url}/{lang}/{path}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        for response in responses:
            url = response.url
            if "search_index.json" in url or not url.startswith(server.url):
                continue
            body = response.body()
            rows.append((url[len(server.url):], len(body), len(gzip.compress(body, 6))))
        browser.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the demo catalogue)")
    parser.add_argument("--lang", default="de")
    parser.add_argument("--service", default="personalausweis")
    args = parser.parse_args()
    site = args.site
    if site is None:
        from civicat.build import build_site

        site = Path(tempfile.mkdtemp(prefix="civicat-weight-"))
        build_site(REPO / "catalogue", site, languages=[args.lang])
    rows = measure(site, args.lang, f"leistungen/{args.service}/")
    for url, raw, packed in rows:
        print(f"{packed / 1024:7.1f} KB gzip  {raw / 1024:7.1f} KB raw  {url}")
    total = sum(packed for _, _, packed in rows)
    print(f"{total / 1024:7.1f} KB gzip in {len(rows)} requests (search index excluded; budget 60 KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
