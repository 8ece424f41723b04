"""The citizen's status page (``GET /status/{reference}`` with ``Accept: text/html``)."""
from .. import clock, i18n
from ..contract import text
from ..htmlkit import el, text_block
from .layout import document


def render(submission, form, contract, lang: str) -> str:
    site = contract.site
    title = i18n.t("status_title", lang)
    created = clock.parse(submission.created_at).strftime("%Y-%m-%d")
    rows = [(i18n.t("reference", lang), submission.reference),
            (i18n.t("received_on", lang), created),
            (i18n.t("status", lang), i18n.t(f"status_{submission.status}", lang))]
    parts = [el("h1", {}, title)]
    if form is not None:
        parts.append(el("p", {}, text(form.title, lang, site.default_language)))
    parts.append(el("dl", {}, [(el("dt", {}, label), el("dd", {}, value))
                               for label, value in rows]))
    if submission.message:
        parts.append(el("h2", {}, i18n.t("office_message", lang)))
        parts.append(el("p", {}, text_block(submission.message)))
    return document(lang, f"{title} {submission.reference} – {site.title(lang)}", *parts)
