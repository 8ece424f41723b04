"""Helpers of the search tests: the query sets, the functions' engine on a built index, and what a
result is (a service id for service pages)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
QUERIES = HERE / "queries"
HIT_RATES = HERE / "hit_rates.json"
TOP = 3
"""A query is answered when a service it means is among the first TOP results."""

if str(REPO / "functions") not in sys.path:
    sys.path.insert(0, str(REPO / "functions"))


def query_set(lang: str) -> list[dict]:
    return yaml.safe_load((QUERIES / f"{lang}.yaml").read_text(encoding="utf-8"))


def engine(folder: Path):
    """The functions' search engine on the index in ``folder`` (``<site>/<lang>/search``)."""
    from chalicelib.search.engine import Index

    return Index(lambda name: (Path(folder) / name).read_bytes())


def found(index, query: str, top: int | None = None) -> list[str]:
    """The addresses of the results, best first (service pages as their id)."""
    hits = index.search(query)
    return [name(index.shown(doc)[0]) for doc in (hits if top is None else hits[:top])]


def name(path: str) -> str:
    parts = path.strip("/").split("/")
    return parts[1] if parts[0] == "leistungen" and len(parts) == 2 else path


def hit_rate(index, queries: list[dict]) -> tuple[float, list[tuple[str, list[str], list[str]]]]:
    """(share of queries answered in the first TOP results, the ones that were not)."""
    missed = []
    for entry in queries:
        top = found(index, entry["query"], TOP)
        if not set(top) & set(entry["expect"]):
            missed.append((entry["query"], entry["expect"], top))
    return 1 - len(missed) / len(queries), missed


def recorded() -> dict:
    return json.loads(HIT_RATES.read_text(encoding="utf-8"))


def below_recorded(index, lang: str) -> str | None:
    """None while ``lang``'s query set finds what it means on ``index`` at least as often as
    recorded; else the message a failing test shows: both rates, and every missed query with the
    service it meant and what came first instead."""
    rate, missed = hit_rate(index, query_set(lang))
    floor = recorded()[lang]
    if rate >= floor:
        return None
    return (f"{lang}: {rate:.1%} of the queries find what they mean in the first {TOP} results, "
            f"{floor:.1%} were recorded. Missed: " + "; ".join(
                f"{q!r} means {expect}, first came {top}" for q, expect, top in missed))
