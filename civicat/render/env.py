"""The jinja2 environment of our page templates (``civicat/templates``).

Autoescaping is on and undefined names raise: text from the catalogue never reaches HTML
unescaped, and a typo in a template fails the build instead of printing nothing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
COMPONENTS_DIR = TEMPLATES_DIR / "components"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    from .forms import attrs, form_view
    from .offices import closures, office_view, open_now_attrs

    # A left-to-right piece (a time range) inside text of either direction: Unicode isolates, so
    # "09:00–11:00" keeps its order in Arabic text; usable where a template builds a string.
    env.filters["ltr"] = lambda text: f"\u2066{text}\u2069"
    env.globals.update(
        form_view=form_view,
        html_attrs=attrs,
        office_view=office_view,
        open_now_attrs=open_now_attrs,
        office_closures=closures,
        template_exists=lambda name: _exists(env, name),
    )
    return env


def _exists(env: Environment, name: str) -> bool:
    try:
        env.get_template(name)
    except Exception:  # TemplateNotFound, or a partial that does not compile yet
        return False
    return True


FORM_COMPONENTS = frozenset({"form", "character-count", "signature-check"})
"""Components only form pages need: they go into a bundle of their own (``forms.js``/``forms.css``),
so that every other page stays small (the form script alone is ~7 KB gzip; a service page's
budget is 60 KB)."""

OWN_SCRIPT = frozenset({"readaloud"})
"""Components whose scripts use syntax an old browser cannot parse (classes, arrow functions,
Unicode property escapes in regular expressions): their scripts go into a file of their own
(``readaloud.js``), loaded after the general bundle, so that such a browser loses only that
component. A syntax error stops a whole file, not just one component's part of it; the general
bundle's scripts are ES5. Their styles stay in the general bundle."""


def component_bundle(kind: str, *, forms: bool = False, own: str | None = None) -> str:
    """The components' scripts (``js``) or styles (``css``) in one file, in folder order: the
    general bundle, with ``forms=True`` the form pages' bundle, with ``own="readaloud"`` the
    scripts of a component in ``OWN_SCRIPT``.

    Every component keeps its files in ``templates/components/<name>/`` (README.md says the rule);
    a page loads one file of each kind, and the form pages' and read-aloud's besides.
    """
    def wanted(name: str) -> bool:
        if own is not None:
            return name == own
        if name == "core":
            # The form bundle carries core too: it may run before the general bundle (deferred
            # scripts run in document order), and core defines itself only once (``window.civicat || …``).
            return True
        if kind == "js" and name in OWN_SCRIPT:
            return False
        return (name in FORM_COMPONENTS) == forms

    parts = []
    folders = sorted((p for p in COMPONENTS_DIR.iterdir() if p.is_dir() and wanted(p.name)),
                     key=lambda p: (p.name != "core", p.name))
    for folder in folders:
        for path in sorted(folder.glob(f"*.{kind}")):
            parts.append(f"/* {folder.name}/{path.name} */\n{path.read_text(encoding='utf-8').strip()}\n")
    return "\n".join(parts)
