"""The peer for the build benchmark: plain mkdocs-material on the same content, hand-written style.

What a municipality would do without civicat: one Markdown page per service and language, index
pages in ``nav`` and every service page ``not_in_nav`` (the faster of the two ways measured in
RECIPES.md), Material's default features, one build per language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from civicat.catalogue import load
from civicat.catalogue.text import localize


def _t(value, lang: str, default: str) -> str:
    found = localize(value, lang, default)
    return found.text if found else ""


def write(catalogue_dir: Path, out: Path) -> list[Path]:
    """Write one mkdocs project per language under ``out``; returns their mkdocs.yml paths."""
    cat = load(catalogue_dir)
    default = cat.site.default_language
    if out.exists():
        shutil.rmtree(out)
    configs = []
    for lang in cat.site.languages:
        docs = out / lang / "docs"
        (docs / "services").mkdir(parents=True)
        index = [f"# {_t(cat.site.name, lang, default)}", ""]
        for sid, svc in sorted(cat.services.items()):
            index.append(f"- [{_t(svc.title, lang, default)}](services/{sid}.md)")
            lines = [f"# {_t(svc.title, lang, default)}", "", _t(svc.summary, lang, default), "",
                     _t(svc.description, lang, default), "", "## Voraussetzungen", ""]
            lines += [f"- {_t(p, lang, default)}" for p in svc.prerequisites]
            lines += ["", "## Unterlagen", ""]
            lines += [f"- **{_t(d.name, lang, default)}**: {_t(d.note, lang, default)}" for d in svc.documents]
            lines += ["", "## Kosten", "", "| Leistung | Betrag |", "|---|---|"]
            lines += [f"| {_t(c.label, lang, default)} | {c.amount} € |" for c in svc.costs]
            lines += ["", "## Ablauf", ""]
            lines += [f"{n}. {_t(step, lang, default)}" for n, step in enumerate(svc.procedure, 1)]
            lines += ["", "## Bearbeitungsdauer", "", _t(svc.processing_time, lang, default),
                      "", "## Fristen", "", _t(svc.deadlines, lang, default),
                      "", "## Rechtsgrundlage", ""]
            lines += [f"- [{_t(l.title, lang, default)}]({l.url})" for l in svc.legal_basis]
            lines += ["", "## Rechtsbehelf", "", _t(svc.redress, lang, default), ""]
            for office_id in svc.offices:
                office = cat.offices[office_id]
                lines += [f"## {_t(office.name, lang, default)}", "", f"{office.address.street}, {office.address.postal_code} {office.address.locality}",
                          "", f"Öffnungszeiten: `{office.opening_hours}`", ""]
            (docs / "services" / f"{sid}.md").write_text("\n".join(lines), encoding="utf-8")
        (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
        config = {
            "site_name": _t(cat.site.name, lang, default),
            "docs_dir": "docs", "site_dir": "site",
            "theme": {"name": "material", "language": lang, "font": False},
            "nav": [{"Start": "index.md"}],
            "not_in_nav": "/services/*.md",
            "plugins": [{"search": {"lang": lang if lang in ("de", "en", "ar") else "en"}}],
            "markdown_extensions": ["tables"],
        }
        path = out / lang / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        configs.append(path)
    return configs
