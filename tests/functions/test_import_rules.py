"""The Lambda bundle stays small and starts fast: no civicat, no PyYAML, and nothing heavy at
import (boto3, sqlite3, email are loaded when a request needs them)."""
import ast
import json
import subprocess
import sys

import pytest

from .support import FUNCTIONS_DIR

FORBIDDEN_ANYWHERE = {"civicat", "yaml"}
NOT_AT_COLD_START = {"boto3", "botocore", "sqlite3", "email", "hashlib", "csv", "yaml",
                     "civicat", "jinja2", "pyhanko", "pyhanko_certvalidator", "cryptography",
                     "asn1crypto", "lxml", "argon2", "joserfc"}
SIGNATURE_LIBRARIES = {"pyhanko", "pyhanko_certvalidator", "cryptography", "asn1crypto", "lxml",
                       "aiohttp"}
STAFF_ONLY = ("chalicelib/staff/", "staff/", "staff_admin.py")


def imported_modules(path) -> set:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(FUNCTIONS_DIR.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(FUNCTIONS_DIR)))
def test_no_function_module_imports_civicat_or_yaml(path):
    assert not imported_modules(path) & FORBIDDEN_ANYWHERE


def test_importing_the_app_loads_nothing_heavy():
    code = ("import json, sys; import app; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(json.loads(subprocess.run(
        [sys.executable, "-c", code], cwd=FUNCTIONS_DIR, capture_output=True, text=True,
        check=True).stdout))
    assert not loaded & NOT_AT_COLD_START


def test_importing_the_staff_app_loads_nothing_heavy_either():
    code = ("import json, sys; import app; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(json.loads(subprocess.run(
        [sys.executable, "-c", code], cwd=FUNCTIONS_DIR / "staff", capture_output=True,
        text=True, check=True).stdout))
    assert "chalice" in loaded and not loaded & NOT_AT_COLD_START


def staff_imports(path) -> bool:
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith("chalicelib.staff") or (
                    node.level and (module == "staff" or module.startswith("staff."))) or (
                    node.level and not module and any(a.name == "staff" for a in node.names)):
                return True
        elif isinstance(node, ast.Import) and any(a.name.startswith("chalicelib.staff")
                                                  for a in node.names):
            return True
    return False


@pytest.mark.parametrize("path", [p for p in sorted(FUNCTIONS_DIR.rglob("*.py"))
                                  if not str(p.relative_to(FUNCTIONS_DIR)).startswith(STAFF_ONLY)],
                         ids=lambda p: str(p.relative_to(FUNCTIONS_DIR)))
def test_the_citizens_side_never_imports_the_staff_pages(path):
    """The staff pages' code and its dependencies belong to the staff Lambda alone."""
    assert not staff_imports(path)


def test_lambda_needs_no_bundled_requirements():
    lines = (FUNCTIONS_DIR / "requirements.txt").read_text().splitlines()
    assert [line for line in lines if line.strip() and not line.startswith("#")] == []


def test_the_upload_routes_never_load_the_signature_libraries(tmp_path):
    """Announcing, receiving and asking for the state of a PDF of a form that checks signatures
    leaves pyHanko unloaded: the check runs in the worker or the AWS checker function."""
    code = f"""
import json, sys
from chalice.test import Client
from app import app
with Client(app) as client:
    pdf = b"%PDF-1.7\\n" + b"0" * 100
    answer = client.http.post("/forms/widerspruch/uploads", headers={{"Content-Type": "application/json"}},
        body=json.dumps({{"filename": "a.pdf", "content_type": "application/pdf", "size": len(pdf)}}).encode())
    target = json.loads(answer.body)
    assert client.http.post(target["url"].removeprefix("/api"), body=pdf,
                            headers={{"Content-Type": "application/pdf"}}).status_code == 204
    assert client.http.get(target["status_url"].removeprefix("/api")).status_code == 200
print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))
"""
    env = {"CIVICAT_STORE": f"sqlite:///{tmp_path}/s.db", "CIVICAT_UPLOADS": f"file:///{tmp_path}/u",
           "CIVICAT_FORMS": str(FUNCTIONS_DIR.parent / "tests/functions/fixtures/forms.json"),
           "CIVICAT_RATE_LIMIT": "off", "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", code], cwd=FUNCTIONS_DIR, capture_output=True,
                         text=True, env=env)
    assert run.returncode == 0, run.stderr
    loaded = set(json.loads(run.stdout.strip().splitlines()[-1]))
    assert not loaded & SIGNATURE_LIBRARIES
