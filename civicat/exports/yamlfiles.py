"""Write imported catalogue data as YAML files an editor can work with: the schema modeline first
(completion and checks in the editor, as ``civicat new`` does), keys in the model's order, long
texts as ``|`` blocks, no YAML tags."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ..catalogue.schema import modeline


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.rstrip() + ("\n" if style else ""), style=style)


def _money(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:.2f}")


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Decimal, _money)
_Dumper.add_representer(dt.date, yaml.SafeDumper.represent_date)


def dump(kind: str, data: dict[str, Any], depth: int) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"{modeline(kind, depth)}\n{body}"


def write(files: dict[str, tuple[str, dict]], folder: Path) -> list[Path]:
    """Write every file below ``folder``; returns the paths written."""
    written = []
    for relative, (kind, data) in sorted(files.items()):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(kind, data, relative.count("/")), encoding="utf-8")
        written.append(path)
    return written
