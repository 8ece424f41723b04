"""``civicat deploy package``: the one CloudFormation template of an installation.

Compiles the forms contract from the catalogue into the functions, writes the merge template
(``template.py``) and runs ``chalice package --stage prod --merge-template`` on it. The result, in
the output folder, is Chalice's ``sam.json`` (everything: functions, data, mail, site, alarms)
and ``deployment.zip`` (the functions' code), ready for ``aws cloudformation package`` and
``deploy``. Works offline; Chalice is needed (``pip install 'civicat[deploy]'``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from . import template

MERGE_NAME = "civicat-resources.json"


class PackageError(RuntimeError):
    """Packaging failed; the message says where and what to do."""


def package(catalogue_dir: Path, functions_dir: Path, out: Path, region: str = "eu-central-1") -> Path:
    """Write ``out/sam.json`` and ``out/deployment.zip``; returns the template's path."""
    from .. import contract
    from ..catalogue import load
    from ..catalogue.text import localize

    for needed in ("app.py", "resources.json", ".chalice/config.json", ".chalice/policy-prod.json"):
        if not (functions_dir / needed).is_file():
            raise PackageError(f"{functions_dir / needed}: missing — --functions must be civicat's functions/ folder")
    catalogue = load(catalogue_dir)
    site = catalogue.site
    contract.write(catalogue, functions_dir / "chalicelib" / "forms.json")
    merge = template.merge_template(
        template.load_json(functions_dir / "resources.json"), str(site.base_url),
        str(localize(site.name, site.default_language, site.default_language)),
        template.load_json(functions_dir / ".chalice" / "policy-prod.json"))
    out.mkdir(parents=True, exist_ok=True)
    merge_path = out.resolve() / MERGE_NAME
    merge_path.write_text(json.dumps(merge, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(out.resolve()),
           "AWS_DEFAULT_REGION": region, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-c", "from chalice.cli import main; main()", "package", "--stage", "prod",
               "--merge-template", str(merge_path), str(out.resolve())]
    done = subprocess.run(command, cwd=functions_dir, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise PackageError(f"chalice package failed in {functions_dir}:\n{done.stdout}{done.stderr}")
    return out / "sam.json"
