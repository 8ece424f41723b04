#!/usr/bin/env python3
"""Run every benchmark and write BENCHMARKS.md (machine facts, exact command, medians, peers, targets).

    .venv/bin/python benchmarks/run.py [--quick] [--only build,validate,...]

--quick uses 20/200 services and 1 run (for checking the runner itself, not for figures).
Benchmarks are separate from the tests: nothing here asserts; each target is reported met or not.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from measure import Sample, median, run  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
LANGS = "de,en,ar,bg,sl"


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    versions = subprocess.run([PY, "-c", "import mkdocs, material, sys; print(sys.version.split()[0], mkdocs.__version__, "
                               "__import__('importlib.metadata').metadata.version('mkdocs-material'))"],
                              capture_output=True, text=True).stdout.split()
    return [f"- CPU: {cpu}, {os.cpu_count()} cores; memory {mem / 1024:.0f} GiB",
            f"- Python {versions[0]}, mkdocs {versions[1]}, mkdocs-material {versions[2]}",
            f"- Date: {time.strftime('%Y-%m-%d')}, git {subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=REPO, capture_output=True, text=True).stdout.strip()}"]


def generate(folder: Path, services: int) -> Path:
    out = folder / f"catalogue-{services}"
    if not out.exists():
        subprocess.run([PY, str(REPO / "scripts/gen_catalogue.py"), str(out), "--services", str(services),
                        "--languages", LANGS, "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    return out


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html") if _.name == "index.html" or _.suffix == ".html") if site.exists() else 0


# --------------------------------------------------------------------------- build


def bench_build(work: Path, services: int, runs: int) -> dict:
    """Our build and the peer's, taking turns (ours, peer, ours, peer …): this machine's speed drifts
    by 10–20 % over minutes, and turns give both the same drift."""
    catalogue = generate(work, services)
    out = work / f"site-{services}"
    import peer

    peer_dir = work / f"peer-{services}"
    configs = peer.write(catalogue, peer_dir)
    ours: list[Sample] = []
    theirs: list[Sample] = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        ours.append(run([str(BIN / "civicat"), "build", str(catalogue), "--out", str(out)], cwd=str(REPO)))
        total = Sample(0, 0, 0)
        for config in configs:
            shutil.rmtree(config.parent / "site", ignore_errors=True)
            s = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)])
            total = Sample(total.wall + s.wall, total.cpu + s.cpu, max(total.peak_mb, s.peak_mb), max(total.tree_mb, s.tree_mb))
        theirs.append(total)
    pages = sum(1 for _ in out.rglob("index.html"))
    index = {}
    for lang in LANGS.split(","):
        files = [path.read_bytes() for path in (out / lang / "search").glob("*.json")]
        index[lang] = (sum(len(data) for data in files), sum(len(gzip.compress(data, 6)) for data in files))
    peer_pages = sum(1 for c in configs for _ in (c.parent / "site").rglob("index.html"))
    ratios = sorted((pages / o.wall) / (peer_pages / t.wall) for o, t in zip(ours, theirs))
    return {"ours": median(ours), "peer": median(theirs), "pages": pages, "peer_pages": peer_pages, "ratios": ratios,
            "index": index}


# --------------------------------------------------------------------------- validate


def bench_validate(work: Path, runs: int) -> tuple[Sample, Sample]:
    """``civicat validate`` and its peer (``benchmarks/validate_peer.py``: PyYAML and jsonschema
    against our JSON Schemas), taking turns."""
    catalogue = generate(work, 2000)
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(run([str(BIN / "civicat"), "validate", "-q", str(catalogue)]))
        theirs.append(run([PY, str(REPO / "benchmarks" / "validate_peer.py"), str(catalogue)]))
    return median(ours), median(theirs)


# --------------------------------------------------------------------------- incremental preview


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_preview(work: Path, services: int, runs: int) -> dict[str, list[float]]:
    """`civicat serve`: time from saving one service file to its rebuilt page being served
    ("edit"), from writing a new service file to its page being served ("add"), and from deleting
    that file to its page being gone ("remove")."""
    catalogue = generate(work, services)
    port = _free_port()
    out = work / "preview-site"
    proc = subprocess.Popen([str(BIN / "civicat"), "serve", "--catalogue", str(catalogue), "--out", str(out),
                             "--port", str(port), "--var", str(work / "var")], cwd=str(REPO),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/de/leistungen/"
    path = catalogue / "services" / "leistung-00042.yaml"

    def retitled(text: str, token: str) -> str:
        return text.replace("title:\n  de: \"", f"title:\n  de: \"{token} ", 1)

    times = {"edit": _time_edits(proc, f"{base}leistung-00042/", path, retitled, runs, 1800, stop=False)}
    try:
        times["add"], times["remove"] = [], []
        original = path.read_text(encoding="utf-8")
        for n in range(runs):
            new = catalogue / "services" / f"neu-{n:03d}.yaml"
            token = f"Neu{n}x{int(time.time())}"
            new.write_text(retitled(original, token), encoding="utf-8")
            times["add"].append(_until(lambda: token in (_body(f"{base}neu-{n:03d}/") or "")))
            time.sleep(1)
            new.unlink()
            times["remove"].append(_until(lambda: _body(f"{base}neu-{n:03d}/") is None))
            time.sleep(1)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return times


def _body(url: str) -> str | None:
    """The page at ``url``; None when it is not there (404), "" when it could not be read."""
    try:
        return urllib.request.urlopen(url, timeout=10).read().decode()
    except urllib.error.HTTPError as error:
        return None if error.code == 404 else ""
    except (OSError, http.client.HTTPException):
        return ""


def _until(done, limit: float = 300) -> float:
    """Seconds until ``done()`` is true (checked every 20 ms)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit and not done():
        time.sleep(0.02)
    return time.perf_counter() - started


def bench_preview_peer(work: Path, services: int, runs: int) -> list[float]:
    """The peer: ``mkdocs serve`` on the plain mkdocs-material project of one language (the one a
    municipality's editor would preview), from saving one page to its rebuilt page being served."""
    import peer

    catalogue = generate(work, services)
    config = peer.write(catalogue, work / f"peer-preview-{services}")[0]
    port = _free_port()
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-q", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return _time_edits(proc, f"http://127.0.0.1:{port}/services/leistung-00042/",
                       config.parent / "docs" / "services" / "leistung-00042.md",
                       lambda text, token: text.replace("# ", f"# {token} ", 1), runs, 600)


def _time_edits(proc: subprocess.Popen, url: str, path: Path, edit, runs: int, startup: float,
                stop: bool = True) -> list[float]:
    """Wait until ``proc`` serves ``url``; then ``runs`` times write ``path`` with a new token in its
    title and time until the page served at ``url`` shows it. Puts the file back and stops ``proc``
    (unless ``stop`` is False: more is measured with it)."""
    try:
        deadline = time.time() + startup
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        original = path.read_text(encoding="utf-8")
        times = []
        try:
            for n in range(runs):
                token = f"Vorschau{n}x{int(time.time())}"
                path.write_text(edit(original, token), encoding="utf-8")
                started = time.perf_counter()
                while time.perf_counter() - started < 300:
                    try:
                        body = urllib.request.urlopen(url, timeout=10).read().decode()
                    except (OSError, http.client.HTTPException):
                        body = ""  # e.g. a server that rewrote the file while sending it
                    if token in body:
                        break
                    time.sleep(0.02)
                times.append(time.perf_counter() - started)
                time.sleep(1)
        finally:
            path.write_text(original, encoding="utf-8")
        return times
    finally:
        if stop:
            proc.terminate()
            proc.wait(timeout=20)


# --------------------------------------------------------------------------- report


def fmt(sample: Sample) -> str:
    text = f"{sample.wall:.1f} s wall, {sample.cpu:.1f} s CPU, {sample.peak_mb:.0f} MB peak"
    if sample.tree_mb > sample.peak_mb * 1.05:  # several processes at once: what they need together (PSS)
        text += f" ({sample.tree_mb:.0f} MB all processes)"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="build,validate,preview,weight,api,coldstart,zensical,inbox,lighthouse,open_data,search")
    parser.add_argument("--work", default=None, help="folder for generated catalogues and sites (default: a temp dir)")
    parser.add_argument("--out", default=str(REPO / "BENCHMARKS.md"))
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 3; 1 with --quick)")
    parser.add_argument("--sizes", default=None, help="service counts for the build, e.g. 200,2000")
    args = parser.parse_args()
    only = set(args.only.split(","))
    runs = args.runs or (1 if args.quick else 3)
    sizes = tuple(int(n) for n in args.sizes.split(",")) if args.sizes else ((20, 200) if args.quick else (200, 2000))
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="civicat-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    command = " ".join(["python", "benchmarks/run.py", *sys.argv[1:]])
    report = ["# Benchmarks", "", "Written by `benchmarks/run.py`; numbers are medians of "
              f"{runs} run(s) on this machine, peers measured in the same run.", "", "## Machine", "", *machine(),
              "", f"Command: `{command}`", ""]
    targets: list[tuple[str, str, bool | None]] = []

    if "build" in only:
        report += ["## Build", "", f"Synthetic catalogue (`scripts/gen_catalogue.py`, seed 1), {LANGS} (5 languages), "
                   "~400 words per service. Peer: plain mkdocs-material on the same content as hand-written Markdown, "
                   "index page in `nav`, services `not_in_nav`, one build per language. The two take turns "
                   "(ours, peer, ours, peer …) so that both see the same drift in this machine's speed. "
                   "`civicat build` uses both cores (languages in worker processes); a `mkdocs build` uses one, "
                   "so the last column compares pages per CPU second.", "",
                   "| services | pages (ours / peer) | civicat build | pages/s | plain mkdocs-material | pages/s | ratio (each turn) | pages per CPU s |",
                   "|---|---|---|---|---|---|---|---|"]
        for size in sizes:
            result = bench_build(work, size, runs)
            ours_rate = result["pages"] / result["ours"].wall
            peer_rate = result["peer_pages"] / result["peer"].wall
            ratio = ours_rate / peer_rate
            turns = ", ".join(f"{r:.2f}" for r in result["ratios"])
            per_cpu = (result["pages"] / result["ours"].cpu) / (result["peer_pages"] / result["peer"].cpu)
            report.append(f"| {size} | {result['pages']} / {result['peer_pages']} | {fmt(result['ours'])} | {ours_rate:.0f} | "
                          f"{fmt(result['peer'])} | {peer_rate:.0f} | **{ratio:.2f}×** ({turns}) | {per_cpu:.2f}× |")
            if size == sizes[-1]:
                targets.append((f"build at {size} services × 5 languages ≥ 3× the pages/s of plain mkdocs-material",
                                f"{ratio:.2f}×", ratio >= 3))
        report += ["", f"Search index of the {sizes[-1]}-service build, all its files together (a search fetches "
                   "`meta.json` and the one or two files its words need; see Search): "
                   + ", ".join(f"{lang} {raw / 2**20:.1f} MB raw / {gz / 2**20:.1f} MB gzip"
                               for lang, (raw, gz) in result["index"].items()), ""]

    if "validate" in only:
        sample, peer_sample = bench_validate(work, runs)
        report += ["## Validate", "", f"`civicat validate -q` on 2,000 services × 5 languages: {fmt(sample)}", "",
                   f"Peer (`benchmarks/validate_peer.py`: every file read with PyYAML's C loader and checked against our "
                   f"JSON Schemas with `jsonschema`; no references, opening hours, translations or line numbers): "
                   f"{fmt(peer_sample)}", ""]
        targets.append(("validate 2,000 services ≤ 3 s", f"{sample.wall:.2f} s", sample.wall <= 3))

    if "preview" in only:
        measured = bench_preview(work, sizes[-1], runs)
        times = measured["edit"]
        med = statistics.median(times)
        peer_times = bench_preview_peer(work, sizes[-1], runs)

        def runs_of(values: list[float]) -> str:
            return f"median {statistics.median(values):.2f} s (runs: " + ", ".join(f"{t:.2f}" for t in values) + ")"

        report += ["## Incremental preview", "", f"`civicat serve` on {sizes[-1]} services × 5 languages: time from saving "
                   f"one service file to its rebuilt page being served: median {med:.2f} s (runs: "
                   + ", ".join(f"{t:.2f}" for t in times) + ")", "",
                   f"A new service file, from writing it to its page being served: {runs_of(measured['add'])}; "
                   f"deleting it, until its page is gone (404): {runs_of(measured['remove'])}", "",
                   f"Peer: `mkdocs serve` on the plain mkdocs-material project of one language ({sizes[-1]} pages), "
                   f"which builds the whole site again after each save: median {statistics.median(peer_times):.2f} s (runs: "
                   + ", ".join(f"{t:.2f}" for t in peer_times) + ")", ""]
        targets.append(("incremental preview ≤ 1 s", f"{med:.2f} s", med <= 1))
        slowest = max(statistics.median(measured["add"]), statistics.median(measured["remove"]))
        targets.append(("adding or removing a service in the preview as fast as an edit (≤ 1 s)", f"{slowest:.2f} s",
                        slowest <= 1))

    for name, script in (("weight", "page_weight.py"), ("api", "forms_api.py"), ("coldstart", "coldstart.py"),
                         ("zensical", "zensical.py"), ("inbox", "staff_inbox.py"), ("lighthouse", "lighthouse.py"),
                         ("open_data", "open_data.py"), ("search", "search.py")):
        if name in only and (REPO / "benchmarks" / script).exists():
            result = subprocess.run([PY, str(REPO / "benchmarks" / script), "--markdown", "--work", str(work)]
                                    + (["--quick"] if args.quick else []), capture_output=True, text=True, cwd=str(REPO))
            if result.returncode != 0:
                report += [f"## {script}", "", "```", result.stderr[-2000:], "```", ""]
                continue
            section, _, target_lines = result.stdout.partition("\n<!-- targets -->\n")
            report += [section.rstrip(), ""]
            for line in target_lines.splitlines():
                if line.strip():
                    label, value, met = line.split("\t")
                    targets.append((label, value, met == "yes"))

    report += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    report += [f"| {label} | {value} | {'yes' if met else 'no'} |" for label, value, met in targets]
    notes = REPO / "benchmarks" / "notes.md"
    if notes.exists():  # what the profiles showed: written by hand, kept with the figures
        report += ["", notes.read_text(encoding="utf-8").rstrip()]
    Path(args.out).write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
