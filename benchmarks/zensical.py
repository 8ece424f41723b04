"""Successor engine: one language built by Zensical (`civicat render` + `zensical build`) against
`civicat build` of the same language (mkdocs-material with the civicat plugin).

    .venv/bin/python benchmarks/zensical.py [--markdown] [--work DIR] [--quick] [--runs N]

The demo catalogue and the synthetic 2,000-service catalogue (`scripts/gen_catalogue.py`, seed 1,
as benchmarks/run.py makes it; 200 with --quick), German only, the two taking turns so that both
see the same drift in this machine's speed. Zensical's build cache is removed before every run.
A benchmark: it prints, it asserts nothing. Needs Zensical (the test extra).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from measure import Sample, median, run, script_args, generated_catalogue  # noqa: E402

BIN = Path(sys.executable).parent
LANGS = "de,en,ar,bg,sl"


def catalogue(work: Path, services: int | None) -> Path:
    return generated_catalogue(work, services, LANGS)


def measure(work: Path, services: int | None, runs: int) -> dict:
    source = catalogue(work, services)
    name = services or "demo"
    ours_out, project = work / f"zensical-ours-{name}", work / f"zensical-project-{name}"
    ours, render, build = [], [], []
    for _ in range(runs):
        shutil.rmtree(ours_out, ignore_errors=True)
        ours.append(run([str(BIN / "civicat"), "build", str(source), "--lang", "de", "--out", str(ours_out)], cwd=str(REPO)))
        shutil.rmtree(project, ignore_errors=True)
        render.append(run([str(BIN / "civicat"), "render", str(source), "--lang", "de", "--out", str(project)], cwd=str(REPO)))
        build.append(run([str(BIN / "zensical"), "build"], cwd=str(project)))
    pages = sum(1 for _ in (ours_out / "de").rglob("index.html"))
    zensical_pages = sum(1 for _ in (project / "site").rglob("index.html"))
    return {"label": "demo" if services is None else f"{services} services", "pages": pages,
            "zensical_pages": zensical_pages, "ours": median(ours), "render": median(render), "build": median(build)}


def fmt(sample: Sample) -> str:
    return f"{sample.wall:.1f} s wall, {sample.cpu:.1f} s CPU, {sample.peak_mb:.0f} MB peak"


def main() -> None:
    args, runs, work = script_args(__doc__, "zensical")
    version = subprocess.run([str(BIN / "zensical"), "--version"], capture_output=True, text=True).stdout.strip()
    rows = [measure(work, size, runs) for size in (None, 200 if args.quick else 2000)]
    lines = ["## Successor engine (Zensical)", "",
             f"One language (de). `civicat build --lang de` (mkdocs-material with the civicat plugin) against "
             f"`civicat render --lang de` (pages, theme and mkdocs.yml as files) followed by `zensical build` "
             f"({version or 'Zensical'}), taking turns; medians of {runs} run(s), Zensical's cache removed each time.", "",
             "| catalogue | pages (ours / Zensical) | civicat build | civicat render | zensical build | render + build vs ours (CPU) |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        ratio = (row["render"].cpu + row["build"].cpu) / row["ours"].cpu
        lines.append(f"| {row['label']} | {row['pages']} / {row['zensical_pages']} | {fmt(row['ours'])} | {fmt(row['render'])} | "
                     f"{fmt(row['build'])} | {ratio:.1f}× |")
    print("\n".join(lines))
    if args.markdown:
        print("\n<!-- targets -->\n")


if __name__ == "__main__":
    main()
