"""UI strings of the website per language, from ``civicat/i18n/<lang>.yaml``.

Every language file has the same keys; a language without a file falls back to English UI strings
(the catalogue texts still follow the site's default-language fallback).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"


def available() -> list[str]:
    """Languages that have a complete UI string file."""
    return sorted(p.stem for p in I18N_DIR.glob("*.yaml"))


@lru_cache(maxsize=None)
def _load(lang: str) -> dict[str, Any]:
    path = I18N_DIR / f"{lang}.yaml"
    if not path.exists():
        path = I18N_DIR / "en.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


class Strings:
    """The UI strings of one language: ``s.t("office.hours")``, ``s.t("updated", date=…)``."""

    def __init__(self, lang: str):
        self.lang = lang
        self.data = _load(lang)

    def get(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            node = node[part]
        return node

    def t(self, key: str, /, **values: Any) -> str:
        text = self.get(key)
        return text.format(**values) if values else text

    @property
    def dir(self) -> str:
        return self.data["dir"]

    @property
    def locale(self) -> str:
        return self.data["locale"]

    def language_name(self, code: str) -> str:
        """Name of language ``code`` in this language (for fallback notices)."""
        return self.data["language_names"].get(code, code)

    def endonym(self) -> str:
        """This language's own name, for the language switcher."""
        return self.data["name"]
