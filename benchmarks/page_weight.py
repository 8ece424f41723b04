"""Page weight: everything a first visit to each page type loads, gzip-compressed, with the search
index counted separately (the service page's budget is 60 KB without it).

    .venv/bin/python benchmarks/page_weight.py [--site DIR] [--markdown --work DIR]

Builds the demo catalogue (de, en, ar) into a temporary folder unless --site names a built site,
loads each page type in Debian Chromium from a local server, and adds up each response's body
compressed with gzip -6 (what a server with compression on would send). With --work, the search
index of the 2,000-service benchmark site (``WORK/site-2000``), if built, is measured per language.
A benchmark: it prints, it asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, StaticServer  # noqa: E402

PAGES = {
    "home": "", "service": "leistungen/personalausweis/", "office": "dienststellen/buergerbuero-hainbach/",
    "opening hours": "oeffnungszeiten/", "A–Z": "leistungen/", "topic": "themen/ausweise-dokumente/",
    "form": "formulare/kontakt/", "Markdown page": "barrierefreiheit/",
}


def measure(site: Path, targets: list[tuple[str, str]]) -> dict[str, list[tuple[str, int, int]]]:
    """{label: [(url, raw bytes, gzip bytes)]} for each (label, path) loaded in a fresh context."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[tuple[str, int, int]]] = {}
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, path in targets:
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(f"{server.url}/{path}")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            rows = []
            for response in responses:
                url = response.url
                if "/search/" in url or not url.startswith(server.url):  # the index, counted apart
                    continue
                body = response.body()
                rows.append((url[len(server.url):], len(body), len(gzip.compress(body, 6))))
            out[label] = rows
            context.close()
        browser.close()
    return out


def peer_service_page(catalogue: Path, path: str) -> list[tuple[str, int, int]]:
    """The demo's service page as plain mkdocs-material builds it (German project of ``peer.py``)."""
    import subprocess
    import sys

    import peer

    service_id = path.rstrip("/").rsplit("/", 1)[-1]
    folder = Path(tempfile.mkdtemp(prefix="civicat-weight-peer-"))
    config = peer.write(catalogue, folder)[0]
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-f", str(config)], check=True,
                   capture_output=True)
    return measure(config.parent / "site", [("peer", f"services/{service_id}/")])["peer"]


def index_sizes(site: Path) -> dict[str, tuple[int, int]]:
    """{lang: (raw, gzip bytes)} of all the files of each language's search index together."""
    sizes = {}
    for folder in sorted(site.glob("*/search")):
        files = [path.read_bytes() for path in folder.glob("*.json")]
        if files:
            sizes[folder.parent.name] = (sum(len(d) for d in files), sum(len(gzip.compress(d, 6)) for d in files))
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the demo catalogue)")
    parser.add_argument("--markdown", action="store_true", help="print a BENCHMARKS.md section")
    parser.add_argument("--work", type=Path, help="benchmark folder (measures WORK/site-2000's search index)")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    site = args.site
    if site is None:
        from civicat.mkdocs.build import build_site

        site = Path(tempfile.mkdtemp(prefix="civicat-weight-"))
        build_site(REPO / "catalogue", site, languages=["de", "en", "ar"])
    targets = [(label, f"de/{path}") for label, path in PAGES.items()] + [("service (ar)", "ar/" + PAGES["service"])]
    results = measure(site, targets)
    totals = {label: sum(packed for _, _, packed in rows) for label, rows in results.items()}
    if not args.markdown:
        for label, rows in results.items():
            print(f"{label}: {totals[label] / 1024:.1f} KB gzip in {len(rows)} requests")
            for url, raw, packed in rows:
                print(f"    {packed / 1024:7.1f} KB gzip  {raw / 1024:7.1f} KB raw  {url}")
        return 0
    print("## Page weight\n")
    print("`benchmarks/page_weight.py`: the demo site, each page type loaded once in Chromium from a local "
          "server with an empty cache; every response compressed with gzip -6; the search index "
          "(fetched when search starts) is counted separately.\n")
    print("| page type | requests | first visit, gzip |\n|---|---|---|")
    for label, rows in results.items():
        print(f"| {label} | {len(rows)} | {totals[label] / 1024:.1f} KB |")
    service_rows = results["service"]
    print("\nService page, by resource: " + ", ".join(
        f"`{url.split('?')[0].rsplit('/', 1)[-1] or url}` {packed / 1024:.1f} KB" for url, _, packed in service_rows) + "\n")
    for name, folder in (("demo site", site), ("2,000 services × 5 languages", (args.work / "site-2000") if args.work else None)):
        if folder is None or not folder.exists():
            continue
        sizes = index_sizes(folder)
        if sizes:
            print(f"Search index, {name}, all its files together (a search fetches a few of them): " + ", ".join(
                f"{lang} {raw / 1024:.0f} KB raw / {packed / 1024:.0f} KB gzip" for lang, (raw, packed) in sizes.items()) + "\n")
    peer = peer_service_page(REPO / "catalogue", PAGES["service"])
    if peer:
        print(f"Peer, in the same run: the same service page built by plain mkdocs-material from hand-written Markdown "
              f"(`benchmarks/peer.py`; Material's defaults with web fonts off, as no third-party request is allowed): "
              f"{len(peer)} requests, {sum(packed for _, _, packed in peer) / 1024:.1f} KB gzip "
              f"(" + ", ".join(f"`{url.split('?')[0].rsplit('/', 1)[-1] or url}` {packed / 1024:.1f} KB"
                               for url, _, packed in peer) + ").\n")
    print("<!-- targets -->")
    service = totals["service"]
    print(f"service page ≤ 60 KB gzip on first load, without the search index\t{service / 1024:.1f} KB\t{'yes' if service <= 60 * 1024 else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
