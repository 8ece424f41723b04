"""One submission: what the person wrote (escaped, as written), attachments (view inline for PDF
and images, download; a place for each file's verification result), the location as plain links,
the office's answers, the history, and the forms to change the status, assign, note, answer and —
for admins — erase it."""
from .. import documents, i18n
from ..contract import text
from ..htmlkit import el
from ..i18n import t
from ..notify.mails import display
from ..stores import STATUSES
from .layout import csrf_field, error_summary, field_error, notice, page, when

INLINE_TYPES = ("application/pdf", "image/jpeg", "image/png")


def language_name(code: str, lang: str) -> str:
    """The name of the language a person wrote in, in the staff member's language (the string
    table's ``language_names``); a code the table does not know stays as it is."""
    try:
        return t(f"language_names.{code}", lang)
    except KeyError:
        return code


def render(lang: str, session: dict, contract, sub, form, uploads: list, events: list,
           colleagues: list, due, late: bool, errors: list | None = None, values: dict | None = None,
           done: str | None = None, published: bool | None = None) -> str:
    """``published``: for ideas and complaints, whether staff approved the text for Open311."""
    errors, values = errors or [], values or {}
    default = contract.site.default_language
    tz = contract.site.timezone
    title = t("staff.submission", lang, reference=sub.reference)
    heading = [el("h1", {}, title), notice(done), error_summary(lang, errors),
               el("p", {}, text(form.title, lang, default) if form else sub.form_id, " · ",
                  t(f"staff.status_{sub.status}", lang), " · ", t("staff.received", lang), " ",
                  when(sub.created_at, contract.site.timezone),
                  [" · ", t("staff.due", lang), " ", due.isoformat()] if due else None,
                  [" ", el("span", {"class": "tag"}, t("staff.overdue", lang))] if late else None)]
    left = [_values(lang, sub, form, default), _attachments(lang, sub, uploads),
            _location(lang, sub.location), _answers(lang, sub, events, tz), _history(lang, events, tz)]
    right = [_status_form(lang, session, sub), _assign_form(lang, session, sub, colleagues),
             _answer_form(lang, session, sub, errors, values),
             _note_form(lang, session, sub, errors, values)]
    if published is not None:
        right.insert(1, _publication_form(lang, session, sub, published))
    if session.get("admin"):
        right.append(_erase_form(lang, session, sub, errors))
    body = heading + [el("div", {"class": "columns"}, el("div", {}, left), el("div", {}, right)),
                      el("p", {}, el("a", {"href": "/staff/inbox"}, t("staff.back_inbox", lang)))]
    return page(lang, title, body, session)


def _values(lang, sub, form, default):
    rows = []
    for field in (form.fields if form else ()):
        if field.name in sub.data:
            rows += [el("dt", {}, text(field.label, lang, default)),
                     el("dd", {}, display(field, sub.data[field.name], lang))]
    rows += [el("dt", {}, t("staff.language_of", lang)), el("dd", {}, language_name(sub.lang, lang))]
    return [el("h2", {}, t("staff.values", lang)), el("dl", {"class": "values"}, rows)]


def _attachments(lang, sub, uploads):
    parts = [el("h2", {}, t("staff.attachments", lang))]
    if not uploads:
        return parts + [el("p", {}, t("staff.no_attachments", lang))]
    rows = []
    for upload, verification in uploads:
        base = f"/staff/submissions/{sub.reference}/files/{upload.upload_id}"
        links = [el("a", {"href": base + "?inline=1"}, t("staff.open", lang), el(
            "span", {"class": "visually-hidden"}, f" {upload.filename}"))
                 if upload.content_type in INLINE_TYPES else None, " ",
                 el("a", {"href": base}, t("staff.download", lang),
                    el("span", {"class": "visually-hidden"}, f" {upload.filename}"))]
        rows.append(el("tr", {}, el("th", {"scope": "row"}, upload.filename),
                       el("td", {}, i18n.type_names((upload.content_type,))),
                       el("td", {}, i18n.human_size(upload.size or 0, lang)),
                       el("td", {}, verification or "–"), el("td", {}, links)))
    head = el("tr", {}, [el("th", {"scope": "col"}, h) for h in (
        t("staff.name", lang), "Typ" if lang == "de" else "Type", "Größe" if lang == "de" else "Size",
        t("staff.verification", lang), el("span", {"class": "visually-hidden"}, t("staff.open", lang)))])
    return parts + [el("table", {}, el("thead", {}, head), el("tbody", {}, rows))]


def _location(lang, location):
    if not location:
        return None
    parts = [el("h2", {}, t("staff.location", lang))]
    if location.get("address"):
        parts.append(el("p", {}, location["address"]))
    if location.get("lat") is not None:
        lat, lon = location["lat"], location["lon"]
        parts.append(el("p", {}, el("a", {"href": f"geo:{lat},{lon}"}, f"{lat}, {lon}"), " · ",
                        el("a", {"href": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}"
                                         f"#map=18/{lat}/{lon}", "rel": "noreferrer"},
                           t("staff.map", lang))))
    return parts


def _answers(lang, sub, events, tz):
    answers = [e for e in events if e["kind"] == "answer"]
    if not answers:
        return None
    items = []
    for event in answers:
        docs = [el("li", {}, el("a", {"href": f"/staff/submissions/{sub.reference}/files/"
                                              f"{d['id']}?inline=1"}, d["filename"]))
                for d in event.get("documents") or []]
        items.append(el("li", {}, el("p", {}, when(event["at"], tz), " · ",
                                     t("staff.by", lang, actor=event["actor"])),
                        el("p", {"style": "white-space:pre-wrap"}, event["text"]),
                        el("ul", {}, docs) if docs else None))
    return [el("h2", {}, t("staff.answers", lang)), el("ol", {"class": "history"}, items)]


def _history(lang, events, tz):
    parts = [el("h2", {}, t("staff.history", lang))]
    if not events:
        return parts + [el("p", {}, t("staff.no_history", lang))]
    items = []
    for event in events:
        kind = event["kind"]
        if kind == "status":
            what = t("staff.ev_status", lang, status=t(f"staff.status_{event['status']}", lang))
        elif kind == "assigned":
            what = (t("staff.ev_assigned", lang, name=event["assignee"]) if event.get("assignee")
                    else t("staff.ev_unassigned", lang))
        else:
            what = t(f"staff.ev_{kind}", lang)
        detail = el("p", {"style": "white-space:pre-wrap;margin:0"}, event["text"]) \
            if kind == "note" else None
        items.append(el("li", {}, el("strong", {}, what), " – ", when(event["at"], tz), " ",
                        t("staff.by", lang, actor=event["actor"]), detail))
    return parts + [el("ol", {"class": "history"}, items)]


def _form(action, session, *content, multipart=False):
    return el("form", {"method": "post", "action": action, "novalidate": True,
                       "enctype": "multipart/form-data" if multipart else None},
              csrf_field(session), *content)


def _status_form(lang, session, sub):
    return el("section", {"class": "panel", "aria-labelledby": "h-status"},
              el("h2", {"id": "h-status"}, t("staff.change_status", lang)),
              _form(f"/staff/submissions/{sub.reference}/status", session,
                    el("div", {"class": "group"},
                       el("label", {"for": "new-status"}, t("staff.new_status", lang)),
                       el("p", {"class": "hint", "id": "new-status-hint"}, t("staff.status_mail", lang)),
                       el("select", {"id": "new-status", "name": "status",
                                     "aria-describedby": "new-status-hint"},
                          [el("option", {"value": s, "selected": s == sub.status},
                              t(f"staff.status_{s}", lang)) for s in STATUSES])),
                    el("button", {"type": "submit"}, t("staff.save_status", lang))))


def _publication_form(lang, session, sub, published: bool):
    """Ideas and complaints only: what Open311 shows of this report, and the switch."""
    return el("section", {"class": "panel", "aria-labelledby": "h-publication"},
              el("h2", {"id": "h-publication"}, t("staff.publication", lang)),
              el("p", {}, t("staff.published_yes" if published else "staff.published_no", lang)),
              _form(f"/staff/submissions/{sub.reference}/publication", session,
                    el("input", {"type": "hidden", "name": "published", "value": "0" if published else "1"}),
                    el("button", {"type": "submit"}, t("staff.unpublish" if published else "staff.publish", lang))))


def _assign_form(lang, session, sub, colleagues):
    options = [el("option", {"value": "", "selected": not sub.assignee}, t("staff.nobody", lang))]
    options += [el("option", {"value": c["name"], "selected": c["name"] == sub.assignee},
                   c.get("display") or c["name"]) for c in colleagues]
    return el("section", {"class": "panel", "aria-labelledby": "h-assign"},
              el("h2", {"id": "h-assign"}, t("staff.assign", lang)),
              _form(f"/staff/submissions/{sub.reference}/assign", session,
                    el("div", {"class": "group"},
                       el("label", {"for": "assignee"}, t("staff.assign_to", lang)),
                       el("select", {"id": "assignee", "name": "assignee"}, options)),
                    el("button", {"type": "submit"}, t("staff.assign", lang))),
              _form(f"/staff/submissions/{sub.reference}/assign", session,
                    el("input", {"type": "hidden", "name": "assignee", "value": session["name"]}),
                    el("button", {"type": "submit"}, t("staff.assign_me", lang)))
              if sub.assignee != session["name"] else None)


def _answer_form(lang, session, sub, errors, values):
    problem = dict(errors)
    message, files = problem.get("answer-message"), problem.get("answer-files")
    hint = t("staff.answer_hint", lang, language=language_name(sub.lang, lang))
    if not sub.data.get("email"):
        hint += " " + t("staff.no_email", lang)
    return el("section", {"class": "panel", "aria-labelledby": "h-answer"},
              el("h2", {"id": "h-answer"}, t("staff.answer", lang)),
              _form(f"/staff/submissions/{sub.reference}/answer", session,
                    el("div", {"class": "group group--error" if message else "group"},
                       el("label", {"for": "answer-message"}, t("staff.answer_message", lang)),
                       el("p", {"class": "hint", "id": "answer-message-hint"}, hint),
                       field_error(lang, "answer-message", message),
                       el("textarea", {"id": "answer-message", "name": "message", "rows": "8",
                                       "aria-describedby": "answer-message-hint" + (
                                           " answer-message-error" if message else ""),
                                       "lang": sub.lang, "dir": "rtl" if sub.lang == "ar" else "ltr"},
                          values.get("message") or "")),
                    el("div", {"class": "group group--error" if files else "group"},
                       el("label", {"for": "answer-files"}, t("staff.answer_files", lang)),
                       el("p", {"class": "hint", "id": "answer-files-hint"},
                          t("staff.answer_files_hint", lang, count=documents.MAX_DOCUMENTS,
                            size=i18n.human_size(documents.MAX_BYTES, lang))),
                       field_error(lang, "answer-files", files),
                       el("input", {"type": "file", "id": "answer-files", "name": "documents",
                                    "multiple": True, "accept": "application/pdf,.pdf",
                                    "aria-describedby": "answer-files-hint" + (
                                        " answer-files-error" if files else "")})),
                    el("button", {"type": "submit"}, t("staff.send_answer", lang)), multipart=True))


def _note_form(lang, session, sub, errors, values):
    message = dict(errors).get("note")
    return el("section", {"class": "panel", "aria-labelledby": "h-note"},
              el("h2", {"id": "h-note"}, t("staff.note", lang)),
              _form(f"/staff/submissions/{sub.reference}/note", session,
                    el("div", {"class": "group group--error" if message else "group"},
                       el("label", {"for": "note"}, t("staff.note", lang)),
                       el("p", {"class": "hint", "id": "note-hint"}, t("staff.note_hint", lang)),
                       field_error(lang, "note", message),
                       el("textarea", {"id": "note", "name": "text", "rows": "4",
                                       "aria-describedby": "note-hint" + (
                                           " note-error" if message else "")},
                          values.get("note") or "")),
                    el("button", {"type": "submit"}, t("staff.add_note", lang))))


def _erase_form(lang, session, sub, errors):
    message = dict(errors).get("erase-confirm")
    return el("section", {"class": "panel", "aria-labelledby": "h-erase"},
              el("h2", {"id": "h-erase"}, t("staff.erase", lang)),
              el("p", {}, t("staff.erase_hint", lang)),
              _form(f"/staff/submissions/{sub.reference}/erase", session,
                    el("div", {"class": "group group--error" if message else "group"},
                       field_error(lang, "erase-confirm", message),
                       el("div", {"class": "choice"},
                          el("input", {"type": "checkbox", "id": "erase-confirm",
                                       "name": "confirm", "value": "1",
                                       "aria-describedby": "erase-confirm-error" if message
                                       else None}),
                          el("label", {"for": "erase-confirm"}, t("staff.erase_confirm", lang)))),
                    el("button", {"type": "submit", "class": "danger"},
                       t("staff.erase_button", lang))))
