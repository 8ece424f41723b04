"""The JSON Schema for editors' IDEs, derived from the model (never written by hand).

One file per kind (`catalogue/schema/service.json` …) because editors' YAML plugins resolve a
schema per file from the first-line modeline ``# yaml-language-server: $schema=…``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import Form, Office, Service, Site, Topics

SCHEMAS = {"site": Site, "topics": Topics, "office": Office, "service": Service, "form": Form}


def schema_for(kind: str) -> dict:
    model = SCHEMAS[kind]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://civicat.eu/schema/{kind}.json"
    if kind in ("office", "service", "form"):
        # The id defaults to the file name, so editors need not write it.
        if "id" in schema.get("required", []):
            schema["required"].remove("id")
    return schema


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMAS:
        path = out_dir / f"{kind}.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


def stale(out_dir: Path) -> list[Path]:
    """Schema files that differ from what the model gives today."""
    return [out_dir / f"{kind}.json" for kind in SCHEMAS
            if not (out_dir / f"{kind}.json").exists() or (out_dir / f"{kind}.json").read_text(encoding="utf-8") != render(kind)]


def modeline(kind: str, depth: int) -> str:
    """The first line that points a file at its schema; ``depth`` = folders below catalogue/."""
    return f"# yaml-language-server: $schema={'../' * depth}schema/{kind}.json"
