"""Compose the three mails: to the office, the citizen's confirmation, the office's answer.

Each is ``multipart/alternative`` with a plain-text and an HTML part. Every value a citizen
entered is escaped in the HTML part (``htmlkit``), and header values pass through
``headers.clean``; the citizen's address becomes ``Reply-To`` of the office mail only after
``headers.safe_address`` accepted it.

The confirmation deliberately repeats nothing the citizen wrote: whoever types a stranger's
address into a form must not be able to make us send that stranger their text.
"""
import secrets
from email.charset import BASE64, QP, Charset
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import Compat32
from email.utils import format_datetime, formataddr, parseaddr

from .. import clock, i18n, links, settings
from ..contract import text
from ..htmlkit import Markup, el, join, text_block
from .headers import clean, safe_address
from .wording import w

KINDS = ("office", "citizen", "answer")


def build(kind: str, form, submission, contract) -> Message | None:
    """The mail of ``kind`` for a stored submission, or None if there is nobody to send it to."""
    if kind == "office":
        return office_mail(form, submission, contract)
    if kind == "citizen":
        return confirmation_mail(form, submission, contract)
    if kind == "answer":
        return answer_mail(form, submission, contract)
    raise ValueError(kind)


def citizen_address(submission) -> str | None:
    return safe_address(submission.data.get("email"))


# --- office ------------------------------------------------------------------------------------

def office_mail(form, sub, contract) -> Message:
    site = contract.site
    lang = site.default_language
    title = text(form.title, lang, lang)
    reply_to = citizen_address(sub)
    rows = _office_rows(form, sub, site, lang)

    plain = [w("office_intro", lang, form=title), ""]
    plain += [f"{label}: {value}" for label, value in rows]
    plain += ["", w("office_reply", lang) if reply_to else w("office_no_reply", lang)]

    html_rows = [el("tr", {}, el("th", {"scope": "row", "style": "text-align:start;"
                                        "vertical-align:top;padding:4px 12px 4px 0"}, label),
                    el("td", {"style": "padding:4px 0"}, text_block(value)))
                 for label, value in rows]
    body = join([
        el("p", {}, w("office_intro", lang, form=title)),
        el("table", {"style": "border-collapse:collapse"}, html_rows),
        el("p", {}, w("office_reply", lang) if reply_to else w("office_no_reply", lang)),
    ])
    message = _message(lang, w("office_subject", lang, reference=sub.reference, form=title),
                       "\n".join(plain), body, site)
    message["To"] = _recipient(form, lang)
    if reply_to:
        message["Reply-To"] = reply_to
    _tag(message, sub, "office")
    return message


def _office_rows(form, sub, site, lang) -> list:
    """(label, value) pairs in the office's language; values are the citizen's, unescaped."""
    created = clock.parse(sub.created_at)
    rows = [(w("reference", lang), sub.reference),
            (w("received", lang), _local_time(created, site.timezone)),
            (w("language", lang), sub.lang)]
    for field in form.fields:
        if field.name in sub.data:
            rows.append((text(field.label, lang, lang), display(field, sub.data[field.name], lang)))
    location = sub.location or {}
    if location:
        parts = [location.get("address") or ""]
        if location.get("lat") is not None:
            lat, lon = location["lat"], location["lon"]
            parts.append(f"{lat}, {lon} – {w('map', lang)}: https://www.openstreetmap.org/"
                         f"?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}")
        rows.append((w("location", lang), "\n".join(p for p in parts if p)))
    if sub.data.get("media_url"):
        rows.append((w("media_url", lang), sub.data["media_url"]))
    if sub.attachments:
        path = links.api(f"/staff/submissions/{sub.reference}/attachments/<id>")
        rows.append((w("attachments", lang),
                     "\n".join([*sub.attachments, w("attachments_where", lang, path=path)])))
    return rows


def display(field, value, lang: str) -> str:
    """A stored value as the office reads it (option labels instead of codes, Ja/Nein)."""
    if field.type == "checkbox":
        return w("yes", lang) if value else w("no", lang)
    labels = {o.value: text(o.label, lang, lang) or o.value for o in field.options}
    if field.type == "checkboxes":
        return ", ".join(labels.get(v, v) for v in value)
    if field.type in ("select", "radio"):
        return labels.get(value, value)
    return str(value)


# --- citizen -----------------------------------------------------------------------------------

def confirmation_mail(form, sub, contract) -> Message | None:
    to = citizen_address(sub)
    if not form.confirmation or not to:
        return None
    site, lang = contract.site, sub.lang
    title = text(form.title, lang, site.default_language)
    office = text(form.recipient.get("name"), lang, site.default_language) or site.title(lang)
    url = links.absolute(links.status(sub.reference, sub.status_token), site)
    lines = [w("greeting", lang), "", w("confirm_body", lang, form=title, office=office), "",
             w("your_reference", lang, reference=sub.reference), "", w("status_link", lang), url,
             "", w("automatic", lang)]
    body = join([
        el("p", {}, w("greeting", lang)),
        el("p", {}, w("confirm_body", lang, form=title, office=office)),
        el("p", {}, el("strong", {}, w("your_reference", lang, reference=sub.reference))),
        el("p", {}, w("status_link", lang), el("br"), el("a", {"href": url}, url)),
        el("p", {}, el("small", {}, w("automatic", lang))),
    ])
    message = _message(lang, w(f"confirm_subject.{form.kind}", lang, reference=sub.reference), "\n".join(lines),
                       body, site)
    message["To"] = to
    message["Reply-To"] = _recipient(form, lang)
    message["Auto-Submitted"] = "auto-generated"
    _tag(message, sub, "citizen")
    return message


def answer_mail(form, sub, contract) -> Message | None:
    """The citizen's update: a new status, or — once answered — a short letter from the office
    with its message, pointing to the status page for the documents (never attached to a mail)."""
    to = citizen_address(sub)
    if not to:
        return None
    site, lang = contract.site, sub.lang
    url = links.absolute(links.status(sub.reference, sub.status_token), site)
    answered = sub.status == "answered"
    if answered:
        office = text(form.recipient.get("name"), lang, site.default_language) or site.title(lang)
        opening = w("answered_body", lang, office=office, reference=sub.reference)
        subject = w("answered_subject", lang, reference=sub.reference)
    else:
        status = i18n.t(f"status_{sub.status}", lang)
        opening = w("answer_body", lang, reference=sub.reference, status=status)
        subject = w("answer_subject", lang, reference=sub.reference)
    lines = [w("greeting", lang), "", opening]
    parts = [el("p", {}, w("greeting", lang)), el("p", {}, opening)]
    if sub.message:
        lines += ["", i18n.t("office_message", lang) + ":", sub.message]
        parts += [el("h2", {}, i18n.t("office_message", lang)),
                  el("p", {}, text_block(sub.message))]
    link_text = w("answered_link" if answered else "status_link", lang)
    lines += ["", link_text, url]
    parts.append(el("p", {}, link_text, el("br"), el("a", {"href": url}, url)))
    message = _message(lang, subject, "\n".join(lines), join(parts), site)
    message["To"] = to
    message["Reply-To"] = _recipient(form, lang)
    message["Auto-Submitted"] = "auto-generated"
    _tag(message, sub, "answer")
    return message


def welcome_mail(to: str, name: str, link: str, contract, lang: str = "de") -> Message:
    """The one-time link for a new staff member to choose their password."""
    site = contract.site
    lines = [w("greeting", lang), "", w("welcome_body", lang, name=name), "", link, "",
             w("welcome_expiry", lang)]
    body = join([el("p", {}, w("greeting", lang)), el("p", {}, w("welcome_body", lang, name=name)),
                 el("p", {}, el("a", {"href": link}, link)),
                 el("p", {}, w("welcome_expiry", lang))])
    message = _message(lang, w("welcome_subject", lang, site=site.title(lang)), "\n".join(lines),
                       body, site)
    message["To"] = to
    message["Auto-Submitted"] = "auto-generated"
    return message


# --- shared ------------------------------------------------------------------------------------

# Built with the ``compat32`` classes: the modern ``EmailMessage`` policy re-parses and folds
# every header on output, which cost ~7 ms per mail (measured; the compat32 build ~0.9 ms) —
# more than everything else a submission does together. Non-ASCII header text is encoded by
# ``Header``/``formataddr`` explicitly; ``headers.clean`` has already removed CR/LF.
_UTF8 = Charset("utf-8")
_UTF8.body_encoding = QP  # readable in a raw .eml, unlike base64
_HEADER_UTF8 = Charset("utf-8")
_HEADER_UTF8.header_encoding = BASE64
"""For a subject that is not ASCII. compat32's default for UTF-8 picks the shorter of Q and B
encoding, measuring the Q length character by character again for each line it splits off: a
quarter of the delivery worker's time for a Cyrillic or Arabic subject (profiled)."""


class _Compat32(Compat32):
    """``compat32`` that writes a short, plain ASCII header line as it is. compat32 passes every
    header through ``Header.encode``, which measures each character for the encoded-word it will
    not need: a third of the delivery worker's time went there (profiled). Anything else (a long
    value, non-ASCII text, a ``Header``) still takes compat32's own way."""

    def _fold(self, name, value, sanitize):
        if isinstance(value, str) and value.isascii() and "\n" not in value and "\r" not in value \
                and len(name) + 2 + len(value) <= (self.max_line_length or 78):
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, sanitize)


_POLICY = _Compat32()


def _boundary() -> str:
    # Given, not guessed: the generator otherwise compiles a new pattern per mail to check that
    # its random boundary is absent from the parts. "=_" never occurs in quoted-printable text.
    return "=_" + secrets.token_hex(16)


def _message(lang: str, subject: str, plain: str, body: Markup, site) -> Message:
    message = MIMEMultipart("alternative", boundary=_boundary(), policy=_POLICY)
    name, address = parseaddr(settings.mail_from())
    message["From"] = _address(name or site.title(lang), address)
    subject = clean(subject, limit=200)
    message["Subject"] = subject if subject.isascii() else Header(subject, _HEADER_UTF8)
    message["Date"] = format_datetime(clock.now())
    message.attach(MIMEText(plain + "\n", "plain", _UTF8, policy=_POLICY))
    direction = "rtl" if lang == "ar" else "ltr"
    html = el("html", {"lang": lang, "dir": direction},
              el("head", {}, el("meta", {"charset": "utf-8"}), el("title", {}, clean(subject))),
              el("body", {"style": "font-family:sans-serif;line-height:1.5"}, body))
    message.attach(MIMEText("<!doctype html>\n" + html + "\n", "html", _UTF8, policy=_POLICY))
    return message


def _address(name: str, address: str) -> str:
    """``Name <address>`` with the name encoded for mail headers (RFC 2047) when not ASCII."""
    return formataddr((clean(name), address), charset="utf-8")


def _recipient(form, lang: str) -> str:
    recipient = form.recipient
    return _address(text(recipient.get("name"), lang, lang), recipient["email"])


def _tag(message: Message, sub, kind: str) -> None:
    # A stable Message-ID per submission and kind (per update for answers): a mail sent again
    # by the retry is recognisably the same mail, and mail clients show it once.
    domain = parseaddr(settings.mail_from())[1].rpartition("@")[2] or "civicat.invalid"
    version = "".join(c for c in (sub.updated_at or "") if c.isdigit()) if kind == "answer" else ""
    message["Message-ID"] = f"<{sub.reference}.{kind}{version}@{domain}>"
    message["X-Civicat-Reference"] = sub.reference
    message["X-Civicat-Kind"] = kind


def _local_time(moment, timezone_name: str) -> str:
    try:
        from zoneinfo import ZoneInfo

        moment = moment.astimezone(ZoneInfo(timezone_name))
    except Exception:  # no tz database: show UTC
        pass
    return moment.strftime("%Y-%m-%d %H:%M %Z").strip()

