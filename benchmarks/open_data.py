"""Open data files of every build: what making them costs, and what share of `civicat build` that is.

    .venv/bin/python benchmarks/open_data.py [--markdown] [--work DIR] [--quick] [--runs N]

For the demo catalogue and the synthetic 2,000-service catalogue in five languages
(`scripts/gen_catalogue.py`, seed 1, as benchmarks/run.py makes it; 200 with --quick): the time of
`civicat.exports.opendata.files` in one process (the catalogue loaded once; medians of N runs), by
part, and beside it one `civicat build` of the same catalogue, which includes them. A benchmark:
it prints, it asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from measure import run, script_args, generated_catalogue  # noqa: E402

BIN = Path(sys.executable).parent
LANGS = "de,en,ar,bg,sl"
DAY = dt.date(2027, 3, 1)


def catalogue_dir(work: Path, services: int | None) -> Path:
    return generated_catalogue(work, services, LANGS)


def parts(catalogue) -> dict[str, float]:
    from civicat.exports import cpsvap, dcat, opendata

    timings = {}

    def timed(name, make):
        started = time.perf_counter()
        result = make()
        timings[name] = time.perf_counter() - started
        return result

    graph = timed("CPSV-AP triples", lambda: cpsvap.triples(catalogue))
    timed("CPSV-AP Turtle", lambda: cpsvap.serialize(graph, "turtle"))
    timed("CPSV-AP JSON-LD", lambda: cpsvap.serialize(graph, "json-ld"))
    timed("JSON + schema", lambda: (opendata.catalogue_json(catalogue), opendata.catalogue_schema("https://x/")))
    timed("CSV", lambda: (opendata.services_csv(catalogue), opendata.offices_csv(catalogue)))
    timed("iCalendar", lambda: [opendata.calendar(catalogue, oid, DAY) for oid in catalogue.offices])
    files = opendata.files(catalogue, DAY)
    timed("DCAT-AP", lambda: dcat.describe(catalogue, files[:-1], DAY))
    timings["all files"] = sum(v for k, v in timings.items() if k != "CPSV-AP JSON-LD")
    timings["bytes"] = sum(f.size for f in files)
    timings["files"] = len(files)
    return timings


def measure(work: Path, services: int | None, runs: int) -> dict:
    from civicat.catalogue import load

    source = catalogue_dir(work, services)
    catalogue = load(source)
    samples = [parts(catalogue) for _ in range(runs)]
    medians = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
    out = work / f"open-data-site-{services or 'demo'}"
    build = run([str(BIN / "civicat"), "build", str(source), "--out", str(out)], cwd=str(REPO))
    return {"label": "demo" if services is None else f"{services} services", "services": len(catalogue.services),
            "offices": len(catalogue.offices), **medians, "build": build.wall}


def main() -> None:
    args, runs, work = script_args(__doc__, "open-data")
    rows = [measure(work, size, runs) for size in (None, 200 if args.quick else 2000)]
    keys = ["CPSV-AP triples", "CPSV-AP Turtle", "CPSV-AP JSON-LD", "JSON + schema", "CSV", "iCalendar", "DCAT-AP"]
    lines = ["## Open data files", "",
             f"`civicat.exports.opendata.files` (made once per build, before the language workers fork), medians of "
             f"{runs} run(s) in one process with the catalogue loaded; beside it one `civicat build` of all languages "
             "of the same catalogue, which includes them. The build publishes CPSV-AP as Turtle only; the JSON-LD column is "
             "what `civicat export cpsv-ap` adds.", "",
             "| catalogue | files (MB) | " + " | ".join(keys) + " | all in the build | `civicat build` | share |",
             "|---|---|" + "---|" * len(keys) + "---|---|---|"]
    for row in rows:
        lines.append(f"| {row['label']} ({row['services']} services, {row['offices']} offices) | {int(row['files'])} "
                     f"({row['bytes'] / 1e6:.1f}) | " + " | ".join(f"{row[k]:.2f} s" for k in keys)
                     + f" | {row['all files']:.2f} s | {row['build']:.1f} s | {row['all files'] / row['build']:.0%} |")
    print("\n".join(lines))
    if args.markdown:
        print("\n<!-- targets -->\n")


if __name__ == "__main__":
    main()
