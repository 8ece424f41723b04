"""What civicat knows about the theme folder (``theme/``, mkdocs' ``custom_dir``), for every engine
that builds with it: the UI strings its components bring along, and which of its files are for
developers only. The mkdocs plugin and the Zensical project (``civicat.zensical``) both use it, so
the two sites get the same words and the same files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def component_strings(custom_dir: str | Path | None, lang: str) -> dict[str, Any]:
    """UI strings that theme components bring along (``theme/components/<name>/strings.yaml``,
    one table per language), merged into the theme's ``t``: e.g. ``t.readaloud.button``."""
    import yaml

    merged: dict[str, Any] = {}
    if not custom_dir:
        return merged
    for path in sorted(Path(custom_dir).glob("components/*/strings.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        table = data.get(lang) or data.get("en") or {}
        merged.update(table)
    return merged


def developer_file(uri: str) -> bool:
    """Theme component files that are for developers, not visitors (strings, docs, examples):
    they stay out of the site."""
    return uri.startswith("components/") and (uri.endswith((".yaml", ".md")) or "/examples/" in uri)
