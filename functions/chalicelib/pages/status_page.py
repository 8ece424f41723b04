"""The citizen's status page (``GET /status/{reference}`` with ``Accept: text/html``)."""
from urllib.parse import quote, urlencode, urlparse

from .. import clock, i18n, links
from ..contract import text
from ..htmlkit import Markup, el, text_block
from .layout import document


def render(submission, form, contract, lang: str, just_sent: bool = False,
           languages: dict | None = None, answers: tuple = ()) -> str:
    """The status of one submission; right after a no-JavaScript post it opens with the thank-you
    panel (GOV.UK confirmation pattern: the reference in large type, then what happens next).
    The title names the reference, so every citizen's page has its own."""
    site = contract.site
    # "Your application has been received", not "your message", when it was an application.
    kind = form.kind if form is not None else "contact"
    heading = i18n.t(f"thanks_title.{kind}" if just_sent else "status_title", lang)
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
    if answers:
        parts += _answers(submission, form, contract, lang, answers)
    elif submission.message:
        parts.append(el("h2", {}, i18n.t("office_message", lang)))
        parts.append(el("p", {}, text_block(submission.message)))
    home = links.site_page(f"{urlparse(site.base_url).path.rstrip('/')}/{lang}/")
    parts.append(el("p", {}, el("a", {"href": home}, i18n.t("back_to_site", lang))))
    title = f"{heading} – {submission.reference} – {site.title(lang)}"
    return document(lang, title, heading, *parts, languages=languages)


def _answers(submission, form, contract, lang: str, answers) -> list:
    """The office's answers, newest first, like letters: who wrote, when, what, and the documents
    to download with the same status link."""
    site = contract.site
    office = text(form.recipient.get("name"), lang, site.default_language) if form else \
        site.title(lang)
    token = {"token": submission.status_token}
    parts = []
    for answer in reversed(answers):
        sent = clock.parse(answer["at"])
        parts += [el("h2", {}, i18n.t("office_answer", lang, office=office)),
                  el("p", {}, i18n.t("answer_sent_on", lang, date=i18n.date(sent, lang))),
                  el("p", {}, text_block(answer["text"]))]
        documents = answer.get("documents") or []
        if documents:
            items = [el("li", {}, el("a", {"href": links.api(
                f"/status/{quote(submission.reference)}/documents/{quote(d['id'])}?"
                + urlencode(token))},
                i18n.t("document_link", lang, name=d["filename"],
                       size=i18n.human_size(d.get("size") or 0, lang))))
                for d in documents]
            parts += [el("h3", {}, i18n.t("answer_documents", lang)), el("ul", {}, items)]
    return parts
