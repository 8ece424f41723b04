"""The citizen's status page (``GET /status/{reference}`` with ``Accept: text/html``)."""
from urllib.parse import urlparse

from .. import clock, i18n, links
from ..contract import text
from ..htmlkit import Markup, el, text_block
from .layout import document


def render(submission, form, contract, lang: str, just_sent: bool = False,
           languages: dict | None = None) -> str:
    """The status of one submission; right after a no-JavaScript post it opens with the thank-you
    panel (GOV.UK confirmation pattern: the reference in large type, then what happens next).
    The title names the reference, so every citizen's page has its own."""
    site = contract.site
    heading = i18n.t("thanks_title" if just_sent else "status_title", lang)
    created = clock.parse(submission.created_at)
    rows = [(i18n.t("reference", lang), el("bdi", {}, submission.reference)),
            (i18n.t("received_on", lang), el("time", {"datetime": created.date().isoformat()},
                                              i18n.date(created, lang))),
            (i18n.t("status", lang), i18n.t(f"status_{submission.status}", lang))]
    parts = []
    if just_sent:
        parts.append(el("div", {"class": "cc-panel"},
                        el("p", {"class": "cc-panel__body"}, i18n.t("thanks_reference", lang), el("br"),
                           el("strong", {"class": "cc-panel__reference", "dir": "ltr"},
                              submission.reference))))
        if form is not None and form.thank_you:
            # The compiler rendered and escaped the editor's text, as the site's pages do.
            parts.append(el("div", {"class": "cc-text"},
                            Markup(text(form.thank_you, lang, site.default_language))))
        parts.append(el("p", {}, i18n.t("thanks_bookmark", lang)))
    if form is not None:
        parts.append(el("p", {}, text(form.title, lang, site.default_language)))
    parts.append(el("dl", {"class": "cc-status"},
                    [(el("dt", {}, label), el("dd", {}, value)) for label, value in rows]))
    if submission.message:
        parts.append(el("h2", {}, i18n.t("office_message", lang)))
        parts.append(el("p", {}, text_block(submission.message)))
    home = links.site_page(f"{urlparse(site.base_url).path.rstrip('/')}/{lang}/")
    parts.append(el("p", {}, el("a", {"href": home}, i18n.t("back_to_site", lang))))
    title = f"{heading} – {submission.reference} – {site.title(lang)}"
    return document(lang, title, heading, *parts, languages=languages)
