"""The CI templates a municipality copies into its catalogue repository, and the pre-commit hook:
they call civicat as it is, their validate step shows the broken corpus's problems where GitHub
and GitLab show them, and they deploy only the main branch, with short-lived credentials."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from civicat.cli import parser
from tests.catalogue.conftest import BROKEN, MINIMAL
from tests.catalogue.corpus import CASES
from tests.catalogue.test_validate_formats import github_annotations, overlay
from tests.conftest import REPO

GITHUB = REPO / "deploy/ci/github/civicat.yml"
GITLAB = REPO / "deploy/ci/gitlab/.gitlab-ci.yml"
BIN = Path(sys.executable).parent


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key "on" as true
        data["on"] = data.pop(True)
    return data


def scripts(path: Path) -> list[str]:
    """Every shell script of a template, as the CI system hands it to the shell."""
    data = load(path)
    if path == GITHUB:
        return [step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step]
    return [line for job in data.values() if isinstance(job, dict) and "script" in job for line in job["script"]]


def civicat_calls(path: Path) -> list[list[str]]:
    calls = []
    for script in scripts(path):
        for command in script.replace("\\\n", " ").splitlines():
            if command.strip().startswith("civicat "):
                expanded = re.sub(r"\$\{?(\w+)(:-)?\}?", lambda m: f"VALUE_OF_{m.group(1)}", command)
                calls.append(shlex.split(expanded)[1:])
    return calls


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_every_civicat_command_in_the_templates_exists_with_its_options(path):
    calls = civicat_calls(path)
    assert {call[0] for call in calls} == {"validate", "build", "deploy"}
    layer_steps = [script for script in scripts(path) if "build-signature-layer" in script]
    assert layer_steps and all((REPO / "scripts/build-signature-layer").is_file() for _ in layer_steps)
    for call in calls:
        try:
            parser().parse_args(call)
        except SystemExit:
            pytest.fail(f"{path.name}: civicat {' '.join(call)} is not a valid command")


def test_github_validates_pull_requests_and_deploys_main_and_every_night():
    workflow = load(GITHUB)
    assert set(workflow["on"]) >= {"pull_request", "push", "schedule"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", workflow["on"]["schedule"][0]["cron"])
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "validate" and "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"]["id-token"] == "write" and deploy["environment"] == "production"
    [login] = [s for s in deploy["steps"] if s.get("uses", "").startswith("aws-actions/configure-aws-credentials")]
    assert login["with"]["role-to-assume"] == "${{ vars.AWS_DEPLOY_ROLE_ARN }}"
    assert "aws-access-key-id" not in login["with"]  # no stored keys
    names = [s.get("name") for s in deploy["steps"]]
    assert names.index("Build the site") < names.index("Build the signature layer") < names.index("Package the stack") \
        < names.index("Deploy the stack") < names.index("Upload the site")


def test_gitlab_validates_merge_requests_and_deploys_the_default_branch_with_a_web_identity():
    pipeline = load(GITLAB)
    assert pipeline["validate"]["artifacts"]["when"] == "always"
    deploy = pipeline["deploy"]
    assert deploy["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert deploy["id_tokens"]["AWS_ID_TOKEN"]["aud"] == "sts.amazonaws.com"
    assert any("AWS_WEB_IDENTITY_TOKEN_FILE" in line and "AWS_ROLE_ARN" in line for line in deploy["script"])
    assert deploy["resource_group"] == "production"
    script = deploy["script"]
    layer = next(i for i, line in enumerate(script) if "build-signature-layer" in line)
    assert layer < next(i for i, line in enumerate(script) if line.startswith("civicat deploy package"))


def run_step(script: str, env: dict, workdir: Path) -> subprocess.CompletedProcess:
    environment = {"PATH": f"{BIN}{os.pathsep}/usr/bin:/bin", "HOME": str(workdir), "LANG": "C.UTF-8", **env}
    return subprocess.run(["bash", "-e", "-c", script], cwd=workdir, env=environment, capture_output=True,
                          text=True, timeout=120)


def catalogue_with(case: str, workdir: Path) -> list[dict]:
    """The minimal catalogue with the case's files in ``workdir``; every problem of the case."""
    shutil.copytree(MINIMAL, workdir / "catalogue")
    return overlay(case, workdir)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_the_github_validate_step_annotates_each_problem_of_the_broken_corpus(case, tmp_path):
    expected = catalogue_with(case, tmp_path)
    workflow = load(GITHUB)
    [step] = [s for s in workflow["jobs"]["validate"]["steps"] if s.get("name") == "Validate the catalogue"]

    done = run_step(step["run"], {k: str(v) for k, v in workflow["env"].items()}, tmp_path)

    annotations = github_annotations(done.stdout)
    assert [(a["command"], a["file"], int(a["line"])) for a in annotations] == [
        ("warning" if e["warning"] else "error", e["path"], int(e["line"])) for e in expected]
    assert (done.returncode != 0) == any(not e["warning"] for e in expected)  # a step that fails blocks the merge


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_the_gitlab_validate_job_writes_the_code_quality_report_of_the_broken_corpus(case, tmp_path):
    expected = catalogue_with(case, tmp_path)
    pipeline = load(GITLAB)
    job = pipeline["validate"]
    script = "\n".join(line for line in job["script"] if not line.startswith("python -m pip install"))

    done = run_step(script, {k: str(v) for k, v in pipeline["variables"].items()}, tmp_path)

    report = json.loads((tmp_path / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in report] == [
        (e["path"], int(e["line"]), "minor" if e["warning"] else "major") for e in expected]
    assert (done.returncode != 0) == any(not e["warning"] for e in expected)


def test_the_pre_commit_hook_is_valid_for_pre_commit_and_stops_a_broken_commit(tmp_path):
    from pre_commit.clientlib import load_manifest

    [hook] = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "civicat-validate" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("catalogue/services/hundesteuer.yaml") and not files.search("README.md")
    expected = catalogue_with("dangling-office", tmp_path)

    done = run_step(" ".join(shlex.quote(part) for part in [*shlex.split(hook["entry"]), *hook["args"]]), {}, tmp_path)

    assert done.returncode == 1
    assert [line for line in done.stdout.splitlines() if line] == [
        f"{e['path']}:{e['line']}:{e['col']}: {e['key']}: {'warning: ' if e['warning'] else ''}{e['message']} — {e['fix']}"
        for e in expected]


@pytest.mark.slow
def test_the_ci_role_template_has_no_cfn_lint_error():
    done = subprocess.run([sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.exit(main())",
                           "--format", "json", str(REPO / "deploy/aws/ci-role.yaml")],
                          capture_output=True, text=True, timeout=300)
    findings = json.loads(done.stdout)
    assert [f"{f['Rule']['Id']} {f['Message']}" for f in findings if f["Level"] == "Error"] == []
