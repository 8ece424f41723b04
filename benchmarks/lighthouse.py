"""Lighthouse's four scores (performance, accessibility, best practices, SEO) for our pages and for
plain mkdocs-material on the same content (``benchmarks/peer.py``), measured in the same run.

    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--markdown --work DIR] [--quick]

Builds the demo catalogue with civicat (de, ar) and the peer's projects of the same two languages,
serves both from 127.0.0.1, and runs Lighthouse (``.tools/``, scripts/lib/node-tools.sh) in
Debian's Chromium with its default mobile emulation and simulated throttling, on the pages both
sites have: the home page and a service page, in German and in Arabic. Each score is the median
of ``--runs`` runs. A benchmark: it prints, it asserts nothing. The test that accessibility is 100
on every page type is tests/browser/test_lighthouse.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, StaticServer  # noqa: E402

RUNNER = REPO / "scripts" / "lib" / "lighthouse.mjs"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LANGS = ["de", "ar"]
SERVICE = "personalausweis"


def lighthouse_version() -> str:
    package = REPO / ".tools" / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else "?"


def audit(urls: list[str]) -> dict:
    job = {"urls": urls, "categories": CATEGORIES, "flags": CHROMIUM_ARGS}
    done = subprocess.run(["node", str(RUNNER), json.dumps(job)], capture_output=True, text=True,
                          env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True)
    return json.loads(done.stdout)


def build(work: Path) -> tuple[Path, dict[str, Path]]:
    """(our site, {lang: the peer's site}) of the demo catalogue."""
    import peer
    from civicat.mkdocs.build import build_site

    ours = work / "ours"
    build_site(REPO / "catalogue", ours, languages=LANGS)
    peers = {}
    for config in peer.write(REPO / "catalogue", work / "peer"):
        lang = config.parent.name
        if lang in LANGS:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True,
                           cwd=config.parent)
            peers[lang] = config.parent / "site"
    return ours, peers


def measure(work: Path, runs: int) -> list[tuple[str, str, dict[str, float]]]:
    """[(site, page, {category: median score 0–100})]."""
    ours, peers = build(work)
    pages: list[tuple[str, str, str]] = []  # (site, page, url)
    servers = [StaticServer(ours)] + [StaticServer(peers[lang]) for lang in LANGS]
    for server in servers:
        server.__enter__()
    try:
        for lang, server in zip(LANGS, servers[1:]):
            pages += [("civicat", f"home ({lang})", f"{servers[0].url}/{lang}/"),
                      ("mkdocs-material", f"home ({lang})", f"{server.url}/"),
                      ("civicat", f"service ({lang})", f"{servers[0].url}/{lang}/leistungen/{SERVICE}/"),
                      ("mkdocs-material", f"service ({lang})", f"{server.url}/services/{SERVICE}/")]
        scores: dict[str, dict[str, list[float]]] = {url: {c: [] for c in CATEGORIES} for _, _, url in pages}
        for _ in range(runs):  # all pages per round: both sites see the same drift in speed
            for url, result in audit([url for _, _, url in pages]).items():
                for category in CATEGORIES:
                    value = result["scores"].get(category)
                    if value is not None:
                        scores[url][category].append(value * 100)
    finally:
        for server in servers:
            server.__exit__(None, None, None)
    return [(site, page, {c: statistics.median(v) for c, v in scores[url].items() if v})
            for site, page, url in pages]


def markdown(rows: list[tuple[str, str, dict[str, float]]], runs: int) -> str:
    lines = ["## Lighthouse", "",
             f"Lighthouse {lighthouse_version()} in Debian Chromium, its default mobile emulation and simulated "
             f"throttling, the demo catalogue served from 127.0.0.1 (no compression), median of {runs} run(s). "
             "Peer: plain mkdocs-material on the same content (`benchmarks/peer.py`), served the same way, in "
             "the same run. Command: `.venv/bin/python benchmarks/lighthouse.py --runs " + str(runs) + "`.", "",
             "| page | site | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|---|"]
    for site, page, score in rows:
        cells = " | ".join(f"{score[c]:.0f}" if c in score else "–" for c in CATEGORIES)
        lines.append(f"| {page} | {site} | {cells} |")
    ours = [score.get("accessibility", 0) for site, _, score in rows if site == "civicat"]
    lines += ["", "<!-- targets -->",
              f"Lighthouse accessibility 100 on the measured pages\t{min(ours):.0f}\t{'yes' if min(ours) == 100 else 'no'}"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", action="store_true", help="print the section for BENCHMARKS.md")
    parser.add_argument("--work", type=Path, help="a folder for the builds (default: a temporary one)")
    parser.add_argument("--quick", action="store_true", help="one run")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    # Lighthouse is an npm tool the project's own script installs into .tools/ (a no-op once there).
    subprocess.run(["bash", str(REPO / "scripts" / "lib" / "node-tools.sh")], check=True)
    with tempfile.TemporaryDirectory() as temporary:
        work = (args.work or Path(temporary)) / "lighthouse"
        rows = measure(work, runs)
    if args.markdown:
        print(markdown(rows, runs))
    else:
        for site, page, score in rows:
            print(f"{page:16} {site:16} " + "  ".join(f"{c} {score.get(c, float('nan')):.0f}" for c in CATEGORIES))


if __name__ == "__main__":
    main()
