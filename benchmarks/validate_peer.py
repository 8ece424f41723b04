"""The peer for the validate benchmark: what a municipality could do without civicat — read every
YAML file with PyYAML's C loader and check it against the catalogue's JSON Schemas with the
``jsonschema`` package. It checks less (no references between files, no opening hours, no
translations) and reports no line numbers, so it is the floor of the work, not a competitor.

    .venv/bin/python benchmarks/validate_peer.py CATALOGUE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import yaml


def main(root: Path) -> int:
    schemas = {kind: json.loads((root / "schema" / f"{kind}.json").read_text(encoding="utf-8"))
               for kind in ("service", "office", "form", "site", "topics")}
    validators = {kind: jsonschema.validators.validator_for(schema)(schema) for kind, schema in schemas.items()}
    files = [(kind, path) for kind, folder in (("service", "services"), ("office", "offices"), ("form", "forms"))
             for path in sorted((root / folder).glob("*.yaml"))]
    files += [("site", root / "site.yaml"), ("topics", root / "topics.yaml")]
    problems = 0
    for kind, path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if kind in ("service", "office", "form") and isinstance(data, dict):
            data.setdefault("id", path.stem)
        problems += sum(1 for _ in validators[kind].iter_errors(json.loads(json.dumps(data, default=str))))
    print(f"{len(files)} files, {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
