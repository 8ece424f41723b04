"""civicat validate: all problems at once, exit codes, and the summary editors read."""

from __future__ import annotations

from pathlib import Path


def test_a_clean_catalogue_exits_0_and_says_what_it_holds(workdir, civicat):
    result = civicat("validate", "catalogue")
    assert result.code == 0
    assert result.out == ""
    assert "OK: 1 services, 1 offices, 1 forms" in result.err


def test_every_problem_in_every_file_is_reported_in_one_run(workdir, civicat):
    service = workdir / "catalogue/services/hundesteuer.yaml"
    service.write_text(service.read_text().replace("summary:", "sumary:"))
    office = workdir / "catalogue/offices/rathaus.yaml"
    office.write_text(office.read_text().replace("rathaus@musterdorf.example", "rathaus at musterdorf"))

    result = civicat("validate", "catalogue")

    assert result.code == 1
    assert any(line.startswith("catalogue/services/hundesteuer.yaml:4:1: sumary: unknown key") for line in result.lines)
    assert any(line.startswith("catalogue/offices/rathaus.yaml:10:10: contact.email:") for line in result.lines)
    assert "3 error(s), 0 warning(s) in 2 file(s)" in result.err


def test_quiet_hides_warnings_but_not_errors(workdir, civicat):
    service = workdir / "catalogue/services/hundesteuer.yaml"
    service.write_text(service.read_text().replace("2026-06-01", "2024-01-01"))
    assert civicat("validate", "-q", "catalogue").out == ""
    assert "more than 12 months ago" in civicat("validate", "catalogue").out


def test_a_missing_folder_is_an_error_that_says_which_folder_to_pass(workdir, civicat):
    result = civicat("validate", "katalog")
    assert result.code == 1
    assert result.lines == [
        "katalog:1:1: (folder): the catalogue folder does not exist — pass the folder that holds site.yaml, "
        "e.g. `civicat validate catalogue/`"
    ]


def test_a_file_that_is_not_utf8_names_the_line(workdir, civicat):
    path: Path = workdir / "catalogue/services/hundesteuer.yaml"
    path.write_bytes(path.read_bytes().replace("hält".encode(), "hält".encode("latin-1")))
    result = civicat("validate", "catalogue")
    assert result.code == 1
    assert "catalogue/services/hundesteuer.yaml:5:1: (file): the file is not UTF-8 text" in result.out


def test_a_file_in_a_subfolder_is_read_and_its_id_is_its_name(workdir, civicat):
    source = workdir / "catalogue/services/hundesteuer.yaml"
    target = workdir / "catalogue/services/tiere/hund-abmelden.yaml"
    target.parent.mkdir()
    target.write_text(source.read_text())
    source.write_text(source.read_text().replace("keywords:", "related: [hund-abmelden]\nkeywords:"))
    assert civicat("validate", "catalogue").code == 0


def test_a_large_catalogue_read_in_two_processes_reports_the_same_problems_at_the_same_places(tmp_path):
    """From ``PARALLEL_FROM`` files on, a forked helper parses half of them and sends back their data
    without node trees; a problem in one of those files must still point at its line and column.
    Forking needs a process without threads, which the test session is not: a fresh interpreter."""
    import json
    import shutil
    import subprocess
    import sys

    from civicat.catalogue import collect

    root = tmp_path / "catalogue"
    shutil.copytree(Path(__file__).parents[2] / "catalogue", root)
    last = root / "services/wunschkennzeichen.yaml"  # in the helper's half
    last.write_text(last.read_text(encoding="utf-8").replace("summary:", "sumary:", 1), encoding="utf-8")
    office = root / "offices" / sorted(p.name for p in (root / "offices").iterdir())[-1]
    office.write_text(office.read_text(encoding="utf-8") + "opening_hours: [\n", encoding="utf-8")
    marker = tmp_path / "helper.json"
    script = f"""
import json, os
from pathlib import Path
from civicat.catalogue import loader
loader.PARALLEL_FROM = 2
real = loader._read_light
def counted(paths):
    Path({str(marker)!r}).write_text(json.dumps([os.getpid(), len(paths)]))
    return real(paths)
loader._read_light = counted
meanwhile = []
catalogue, problems = loader.collect(Path({str(root)!r}), meanwhile=lambda site: meanwhile.append(site.languages))
print(json.dumps([os.getpid(), [str(p) for p in problems], meanwhile]))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pid, forked, meanwhile = json.loads(done.stdout.splitlines()[-1])
    assert meanwhile == [["de", "en", "ar"]]  # the caller's work ran while the helper parsed
    helper_pid, helper_files = json.loads(marker.read_text())
    assert helper_pid != pid and helper_files > 20  # another process did read half the files
    catalogue, problems = collect(root)  # in this process: one by one, with the node trees
    assert forked == [str(p) for p in problems]
    assert [line for line in forked if "wunschkennzeichen.yaml" in line and "sumary" in line]
    assert [line for line in forked if office.name in line and "YAML" in line]
