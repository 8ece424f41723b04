"""``civicat deploy package``: the one CloudFormation template of an installation.

Compiles the forms contract from the catalogue into the functions, writes the merge template
(``template.py``), runs ``chalice package --stage prod --merge-template`` on it, and configures
every function of the result (environment, policy, logs). The output folder then holds
``sam.json`` (everything: functions, data, mail, site, alarms) and ``deployment.zip`` (the
functions' code), ready for ``aws cloudformation package`` and ``deploy``; the signature layer
is referred to where ``scripts/build-signature-layer`` writes it. Works offline; Chalice is
needed (``pip install 'civicat[deploy]'``).
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


SEARCH_INDEX = Path("chalicelib") / "search_index"
"""Where the functions find each language's search index (``chalicelib/settings.py``)."""


def copy_search_index(site: Path, functions_dir: Path, languages: list[str]) -> None:
    """Each language's ``<site>/<lang>/search/`` into ``functions/chalicelib/search_index/<lang>/``
    (replacing what an earlier package put there)."""
    import shutil

    target = functions_dir / SEARCH_INDEX
    missing = [lang for lang in languages if not (site / lang / "search" / "meta.json").is_file()]
    if missing:
        raise PackageError(f"{site}: no search index for {', '.join(missing)} (expected {site}/{missing[0]}/search/meta.json)"
                           " — --site must be the folder civicat build wrote, built from the same catalogue")
    shutil.rmtree(target, ignore_errors=True)
    for lang in languages:
        shutil.copytree(site / lang / "search", target / lang)


def package(catalogue_dir: Path, functions_dir: Path, out: Path, region: str = "eu-central-1",
            warn=lambda text: print(f"civicat deploy package: {text}", file=sys.stderr), site: Path | None = None) -> Path:
    """Write ``out/sam.json`` and ``out/deployment.zip``; returns the template's path. ``site``: the
    built site, whose search index (``<lang>/search/``) goes into the functions for the search
    results page that visitors without JavaScript get."""
    from .. import contract
    from ..catalogue import load
    from ..catalogue.text import localize

    for needed in ("app.py", "resources.json", ".chalice/config.json", ".chalice/policy-prod.json"):
        if not (functions_dir / needed).is_file():
            raise PackageError(f"{functions_dir / needed}: missing — --functions must be civicat's functions/ folder")
    catalogue = load(catalogue_dir)
    settings = catalogue.site
    base_url = str(settings.base_url)
    name = str(localize(settings.name, settings.default_language, settings.default_language))
    contract.write(catalogue, functions_dir / "chalicelib" / "forms.json")
    if site is not None:
        copy_search_index(Path(site), functions_dir, list(settings.languages))
    else:
        warn("no --site given: the search results page for visitors without JavaScript will say that search is "
             "unavailable. Build the site first (civicat build --out site) and pass --site site")
    out.mkdir(parents=True, exist_ok=True)
    # resources.json's relative paths (the signature layer) are written for functions/out/.
    layers_from = os.path.relpath((functions_dir / "out").resolve(), out.resolve())
    merge = template.merge_template(template.load_json(functions_dir / "resources.json"), base_url, name,
                                    layers_from.replace(os.sep, "/"))
    merge_path = out.resolve() / MERGE_NAME
    merge_path.write_text(json.dumps(merge, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(out.resolve()),
           "AWS_DEFAULT_REGION": region, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-c", "from chalice.cli import main; main()", "package", "--stage", "prod",
               "--merge-template", str(merge_path), str(out.resolve())]
    done = subprocess.run(command, cwd=functions_dir, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise PackageError(f"chalice package failed in {functions_dir}:\n{done.stdout}{done.stderr}")
    sam_path = out / "sam.json"
    sam = template.configure_functions(json.loads(sam_path.read_text(encoding="utf-8")), base_url, name,
                                       template.load_json(functions_dir / ".chalice" / "policy-prod.json"))
    sam_path.write_text(json.dumps(sam, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for resource in sam["Resources"].values():
        uri = resource.get("Properties", {}).get("ContentUri")
        if isinstance(uri, str) and not (out / uri).exists():
            warn(f"{(out / uri).resolve()} does not exist yet: build it before `aws cloudformation package` "
                 "(scripts/build-signature-layer for the signature layer)")
    return out / "sam.json"
