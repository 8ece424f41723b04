"""A short page with one message (413, 415, 404, 429 for browsers posting without JavaScript)."""
from .. import i18n
from ..htmlkit import el
from .layout import document


def render(lang: str, site_name: str, message: str, back: str | None = None) -> str:
    parts = [el("h1", {}, i18n.t("problem_title", lang)), el("p", {}, message)]
    if back:
        parts.append(el("p", {}, el("a", {"href": back}, i18n.t("back_to_form", lang))))
    return document(lang, f"{i18n.t('error_prefix', lang)} {i18n.t('problem_title', lang)} – "
                          f"{site_name}", *parts)
