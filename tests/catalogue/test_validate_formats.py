"""``civicat validate --format github|gitlab`` on every case of the broken-catalogue corpus: read
back the way GitHub's runner and GitLab read them, the annotations and the Code Quality report
name exactly the problems of the case, each at its file and line.

The problems of a case are those of ``expected.txt``; where it counts many warnings of a kind in
one line (as ``civicat validate`` does for people), CI gets each of them, as
``civicat validate --warnings`` lists them."""

from __future__ import annotations

import json
import re

import pytest

from . import corpus
from .conftest import BROKEN
from .corpus import CASES

EXPECTED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<key>.+?): (?P<warning>warning: )?"
                      r"(?P<message>.*) — (?P<fix>.*)$")
COMMAND = re.compile(r"^::(?P<command>error|warning|notice) (?P<properties>[^:]*)::(?P<message>.*)$")


def overlay(case, workdir):
    """The case's files over the minimal catalogue in ``workdir``; returns every problem of the
    case in the order CI gets them (errors first), parsed from ``civicat validate --warnings``,
    after checking that each line of ``expected.txt`` is among them."""
    import subprocess
    import sys

    folder = BROKEN / case
    corpus.overlay(case, workdir)
    listed = subprocess.run([sys.executable, "-m", "civicat.cli", "validate", "catalogue", "--warnings"],
                            cwd=workdir, capture_output=True, text=True, timeout=120).stdout.splitlines()
    listed = [line for line in listed if line.strip()]
    shown = [line for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines() if EXPECTED.match(line)]
    assert shown and set(shown) <= set(listed), case
    return [EXPECTED.match(line).groupdict() for line in listed]


def unescape(text: str) -> str:
    """The Actions runner's unescaping of workflow command values."""
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def github_annotations(output: str) -> list[dict]:
    """Workflow commands in a step's output, as GitHub's runner parses them: ``::name k=v,k=v::message``."""
    found = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        assert match, f"not a workflow command: {line}"
        properties = dict(item.split("=", 1) for item in match.group("properties").split(","))
        found.append({"command": match.group("command"), **{k: unescape(v) for k, v in properties.items()},
                      "message": unescape(match.group("message"))})
    return found


@pytest.mark.parametrize("case", CASES)
def test_github_annotations_point_at_each_problem(case, workdir, civicat):
    expected = overlay(case, workdir)

    result = civicat("validate", "catalogue", "--format", "github")

    annotations = github_annotations(result.out)
    assert [(a["command"], a["file"], int(a["line"]), int(a["col"]), a["title"], a["message"]) for a in annotations] == [
        ("warning" if e["warning"] else "error", e["path"], int(e["line"]), int(e["col"]), f"civicat: {e['key']}",
         f"{e['key']}: {e['message']} — {e['fix']}") for e in expected]
    assert result.code == (1 if any(not e["warning"] for e in expected) else 0)


@pytest.mark.parametrize("case", CASES)
def test_the_gitlab_code_quality_report_names_each_problem_at_its_line(case, workdir, civicat):
    expected = overlay(case, workdir)

    result = civicat("validate", "catalogue", "--format", "gitlab", "--output", "gl-code-quality-report.json")

    report = json.loads((workdir / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert isinstance(report, list)
    for issue in report:  # the fields GitLab requires of a Code Quality issue
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in report}) == len(report)
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["severity"], i["description"]) for i in report] == [
        (e["path"], int(e["line"]), "minor" if e["warning"] else "major", f"{e['key']}: {e['message']} — {e['fix']}")
        for e in expected]
    # The job's log stays readable: the problems as text, as without --format.
    assert result.lines == (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.code == (1 if any(not e["warning"] for e in expected) else 0)


def test_a_clean_catalogue_gives_no_annotations_and_an_empty_report(workdir, civicat):
    assert civicat("validate", "catalogue", "--format", "github").out == ""
    assert civicat("validate", "catalogue", "--format", "gitlab").out.strip() == "[]"


def test_an_annotation_survives_text_the_runner_would_read_as_syntax():
    from civicat.catalogue.diagnostics import Diagnostic
    from civicat.catalogue.reports import github

    [line] = github([Diagnostic.error("catalogue/a,b:c.yaml", 3, 5, "x", "100% wrong:\nreally", "fix, it")])
    [annotation] = github_annotations(line)
    assert annotation["file"] == "catalogue/a,b:c.yaml"
    assert annotation["message"] == "x: 100% wrong:\nreally — fix, it"
