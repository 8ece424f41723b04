"""A short page with one message (413, 415, 404, 429 for browsers posting without JavaScript)."""
from .. import i18n
from ..htmlkit import el
from .layout import document


def render(lang: str, site_name: str, message: str, back: str | None = None,
           languages: dict | None = None) -> str:
    """The title names the problem itself, so that two such pages never share a title."""
    parts = [el("p", {}, message)]
    if back:
        parts.append(el("p", {}, el("a", {"href": back}, i18n.t("back_to_form", lang))))
    title = f"{i18n.t('error_prefix', lang)} {message.rstrip('.')} – {site_name}"
    return document(lang, title, i18n.t("problem_title", lang), *parts, languages=languages)
