"""The JSON Schema files in editors' tools agree with ``civicat validate``.

Editors get inline errors from the schema (yaml-language-server in their IDE) and a CI job may
check files with any JSON Schema validator; both must accept every demo file and reject each
broken file that the validator's model rejects — no more, no less. Two independent validators
check that: python ``jsonschema`` and ajv (JavaScript, strict mode, run with node; installed
into .tools/ by scripts/lib/node-tools.sh).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from civicat.catalogue.model import KINDS, Site, Topics
from civicat.catalogue.source import read

from ..conftest import REPO, require
from .conftest import BROKEN, DEMO

SCHEMA_DIR = DEMO / "schema"
TOOLS = REPO / ".tools" / "node_modules"
MODELS = {"site": Site, "topics": Topics, **KINDS}
FOLDERS = {"offices": "office", "services": "service", "forms": "form"}


def kind_of(path: Path, root: Path) -> str | None:
    parts = path.relative_to(root).parts
    if len(parts) == 1:
        return {"site.yaml": "site", "topics.yaml": "topics"}.get(parts[0])
    return FOLDERS.get(parts[0])


def as_json(value: Any) -> Any:
    """What a YAML 1.2 tool hands the validator: dates stay text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_json(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [as_json(inner) for inner in value]
    return value


def documents(root: Path) -> list[dict[str, Any]]:
    """Every catalogue file under ``root`` that reads as YAML (a file that does not is the YAML
    parser's to report, in the IDE as in civicat), with the model's verdict on it."""
    found = []
    for path in sorted(root.rglob("*.yaml")):
        kind = kind_of(path, root)
        if kind is None:
            continue
        src, problems = read(str(path), path.read_text(encoding="utf-8"))
        if problems or not isinstance(src.data, dict):
            continue
        try:
            MODELS[kind].model_validate(src.data)
            accepted = True
        except Exception:
            accepted = False
        found.append({"name": str(path.relative_to(REPO)), "kind": kind, "data": as_json(src.data), "accepted": accepted})
    return found


DEMO_DOCUMENTS = documents(DEMO)
BROKEN_DOCUMENTS = [doc for case in sorted(BROKEN.iterdir()) if case.is_dir() for doc in documents(case)]


def python_verdicts(docs: list[dict[str, Any]]) -> dict[str, list[str]]:
    validators = {}
    for kind in MODELS:
        schema = json.loads((SCHEMA_DIR / f"{kind}.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return {doc["name"]: [error.message for error in validators[doc["kind"]].iter_errors(doc["data"])] for doc in docs}


def ajv_verdicts(docs: list[dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    node = shutil.which("node")
    require(node is not None and (TOOLS / "ajv").is_dir(), "node with ajv (scripts/lib/node-tools.sh)")
    listing = tmp_path / "documents.json"
    listing.write_text(json.dumps([{k: doc[k] for k in ("name", "kind", "data")} for doc in docs]), encoding="utf-8")
    done = subprocess.run([node, str(Path(__file__).with_name("ajv_check.cjs")), str(SCHEMA_DIR), str(listing)],
                          env={**os.environ, "NODE_PATH": str(TOOLS)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_corpus_gives_both_verdicts_to_check():
    assert len(DEMO_DOCUMENTS) > 50
    assert {doc["accepted"] for doc in BROKEN_DOCUMENTS} == {True, False}


def test_every_schema_compiles_in_strict_mode_for_javascript(tmp_path):
    assert ajv_verdicts([], tmp_path)["compiled"] == {kind: True for kind in MODELS}


def test_python_jsonschema_accepts_every_demo_file():
    assert {name: errors for name, errors in python_verdicts(DEMO_DOCUMENTS).items() if errors} == {}


def test_ajv_accepts_every_demo_file(tmp_path):
    assert {name: errors for name, errors in ajv_verdicts(DEMO_DOCUMENTS, tmp_path)["results"].items() if errors} == {}


def test_both_validators_reject_exactly_the_broken_files_the_model_rejects(tmp_path):
    expected = {doc["name"]: doc["accepted"] for doc in BROKEN_DOCUMENTS}
    python = {name: not errors for name, errors in python_verdicts(BROKEN_DOCUMENTS).items()}
    ajv = {name: not errors for name, errors in ajv_verdicts(BROKEN_DOCUMENTS, tmp_path)["results"].items()}
    assert {name: verdict for name, verdict in python.items() if verdict != expected[name]} == {}
    assert {name: verdict for name, verdict in ajv.items() if verdict != expected[name]} == {}
