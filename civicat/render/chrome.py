"""What the theme needs around every page of a language: UI strings, languages, footer links.

The plugin puts this into ``config.extra.civicat``; ``theme/main.html`` reads it. It is plain data
(no catalogue objects), so ``civicat.zensical`` writes it into the ``extra`` of the ``mkdocs.yml``
it makes for Zensical.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .context import SiteContext
from .strings import Strings

if TYPE_CHECKING:
    from ..catalogue import Catalogue

FOOTER = [  # (site.pages field, UI string)
    ("imprint", "nav.imprint"), ("privacy", "nav.privacy"), ("accessibility", "nav.accessibility"),
    ("easy_language", "nav.easy_language"), ("sign_language", "nav.sign_language"),
]


def chrome(catalogue: "Catalogue", lang: str) -> dict[str, Any]:
    site = SiteContext(catalogue, lang)
    s = site.s
    footer = [{"title": s.t(key), "path": f"{getattr(catalogue.site.pages, field)}/"}
              for field, key in FOOTER if getattr(catalogue.site.pages, field) in catalogue.pages]
    footer.append({"title": s.t("nav.contact"), "path": "kontakt/"})
    footer.append({"title": s.t("open_data.link"), "path": "offene-daten/"})
    feedback = site.feedback_form()
    if feedback:
        footer.append({"title": s.t("nav.feedback"), "path": f"formulare/{feedback}/"})
    return {
        "lang": lang,
        "dir": s.dir,
        "base_url": site.base_url,
        "site_name": site.plain(catalogue.site.name),
        "t": s.data,
        "languages": [{"code": code, "name": Strings(code).endonym()} for code in catalogue.site.languages],
        "footer": footer,
        # Where the search form goes without JavaScript: the functions' results page.
        "search_action": f"{str(catalogue.site.forms_api_url).rstrip('/')}/search",
        # Recordings of this language's pages for devices without a voice (functions' /speech).
        "speech_url": f"{str(catalogue.site.forms_api_url).rstrip('/')}/speech/{lang}",
    }
