"""The work: inbox, one submission and what can be done to it, files, export, audit log. Every
handler starts from the session; anything a person may not see answers 404 (``web.not_found``),
and every post must carry the session's CSRF token: the decorators of ``guards`` check that before
a handler runs. Views, downloads and exports are audited."""
import base64

from .. import audit, casework, clock, documents, i18n
from ..stores import STATUSES, InboxQuery
from . import access, members, pages_audit, pages_inbox, pages_submission, web, workdays
from .guards import changing, signed_in, viewing
from ..i18n import t

PAGE = 25
DONE = ("saved", "answer_sent", "erased")
NOTE_CHARS = 4000
ANSWER_CHARS = 8000


def _done(ctx, **values) -> str | None:
    key = (ctx.params or {}).get("done")
    return t(f"staff.{key}", ctx.lang, **values) if key in DONE else None


# --- inbox -------------------------------------------------------------------------------------

def _cursor(sub) -> str:
    return base64.urlsafe_b64encode(f"{sub.created_at}|{sub.reference}".encode()).decode()


def _uncursor(raw: str | None):
    try:
        created, _, reference = base64.urlsafe_b64decode(raw.encode()).decode().partition("|")
        return (created, reference) if created and reference else None
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None


@signed_in
def inbox(ctx):
    params = ctx.params or {}
    forms = access.visible_forms(ctx.session, ctx.contract)
    offices = access.visible_offices(ctx.session, ctx.contract)
    filters = {k: params.get(k) or "" for k in ("form", "status", "office", "order", "mine",
                                                "overdue", "after")}
    if filters["form"] not in forms:
        filters["form"] = ""
    if filters["status"] not in STATUSES:
        filters["status"] = ""
    if filters["office"] not in offices:
        filters["office"] = ""
    chosen = {f: form for f, form in forms.items()
              if (not filters["form"] or f == filters["form"])
              and (not filters["office"] or filters["office"] in form.offices)}
    site = ctx.contract.site
    today = workdays.today(site)
    boundaries = {f: workdays.boundary(form.target_days, site, today) if form.target_days else None
                  for f, form in chosen.items()}
    found = ctx.store.inbox(InboxQuery(
        forms=boundaries, status=filters["status"] or None,
        assignee=ctx.actor if filters["mine"] else None, overdue=bool(filters["overdue"]),
        newest_first=filters["order"] != "oldest", after=_uncursor(filters["after"]), limit=PAGE))
    rows = []
    for sub in found[:PAGE]:
        days = forms[sub.form_id].target_days
        due = workdays.due_date(sub.created_at, days, site) if days else None
        rows.append((sub, due, bool(due) and sub.status != "answered" and due < today))
    next_cursor = _cursor(found[PAGE - 1]) if len(found) > PAGE else None
    counts = ctx.store.count_by_status(list(chosen))
    return web.html(pages_inbox.render(ctx.lang, ctx.session, ctx.contract, filters, rows, counts,
                                       next_cursor, offices, forms,
                                       _done(ctx, reference=params.get("ref") or "")))


# --- one submission ----------------------------------------------------------------------------

def _render(ctx, sub, errors=None, values=None, status=200, done=None):
    form = ctx.contract.forms.get(sub.form_id)
    uploads = []
    for upload_id in sub.attachments:
        upload = ctx.store.get_upload(upload_id)
        if upload is not None:
            uploads.append((upload, documents.check(upload, form, ctx.lang)))
    events = ctx.store.list_events(sub.reference)
    offices = set(form.offices) if form else set()
    colleagues = [m for m in members.everyone(ctx.store)
                  if m.get("admin") or offices.intersection(m.get("offices") or ())]
    site = ctx.contract.site
    due = workdays.due_date(sub.created_at, form.target_days, site) \
        if form and form.target_days else None
    late = bool(due) and sub.status != "answered" and due < workdays.today(site)
    published = (sub.reference in ctx.store.published([sub.reference])
                 if form and form.kind == "feedback" else None)
    return web.html(pages_submission.render(ctx.lang, ctx.session, ctx.contract, sub, form,
                                            uploads, events, colleagues, due, late, errors,
                                            values, done, published), status)


@viewing
def submission(ctx, sub):
    audit.record(ctx.store, ctx.actor, "view", sub.reference, sub.form_id, None, sub.expires_at)
    return _render(ctx, sub, done=_done(ctx, reference=sub.reference))


def _back(sub, done: str = "saved"):
    return web.redirect(f"/staff/submissions/{sub.reference}?done={done}")


@changing
def set_status(ctx, sub, values, _files):
    status = values.get("status")
    if status not in STATUSES:
        return _render(ctx, sub, [("new-status", t("staff.new_status", ctx.lang))], status=422)
    casework.set_status(ctx.store, sub.reference, status, sub.message, ctx.actor)
    return _back(sub)


@changing
def assign(ctx, sub, values, _files):
    name = web.text(values, "assignee") or None
    form = ctx.contract.forms.get(sub.form_id)
    if name is not None:
        member = members.get(ctx.store, name)
        if member is None or not (member.get("admin") or set(form.offices if form else ())
                                  .intersection(member.get("offices") or ())):
            return _render(ctx, sub, [("assignee", t("staff.assign_to", ctx.lang))], status=422)
    casework.assign(ctx.store, sub.reference, name, ctx.actor)
    return _back(sub)


@changing
def publication(ctx, sub, values, _files):
    """Approve (``published=1``) or withdraw the text of an idea or complaint for Open311."""
    form = ctx.contract.forms.get(sub.form_id)
    if form is None or form.kind != "feedback":
        return web.not_found(ctx)
    published = values.get("published") == "1"
    ctx.store.set_published(sub.reference, published, clock.iso(clock.now()), sub.expires_at)
    audit.record(ctx.store, ctx.actor, "publish" if published else "unpublish", sub.reference, sub.form_id,
                 None, sub.expires_at)
    return _back(sub)


@changing
def note(ctx, sub, values, _files):
    text = web.text(values, "text", NOTE_CHARS)
    if not text:
        return _render(ctx, sub, [("note", t("staff.note_empty", ctx.lang))], status=422)
    casework.add_note(ctx.store, sub, text, ctx.actor)
    return _back(sub)


@changing
def answer(ctx, sub, values, files):
    message = web.text(values, "message", ANSWER_CHARS)
    files = [f for f in files if f.name == "documents"]
    errors = []
    if not message:
        errors.append(("answer-message", t("staff.answer_empty", ctx.lang)))
    errors += [("answer-files", t(f"staff.{key}", ctx.lang, **found))
               for key, found in documents.problems(files)]
    if errors:
        return _render(ctx, sub, errors, {"message": message}, status=422)
    from ..uploads.storage import get_storage

    form = ctx.contract.forms.get(sub.form_id)
    office = form.offices[0] if form and form.offices else ""
    stored = documents.store_all(ctx.store, get_storage(), sub, files, office)
    casework.answer(ctx.store, sub, message, stored, ctx.actor)
    return _back(sub, "answer_sent")


@changing
def erase(ctx, sub, values, _files):
    if not ctx.session.get("admin"):
        return web.not_found(ctx)
    if values.get("confirm") != "1":
        return _render(ctx, sub, [("erase-confirm", t("staff.erase_unconfirmed", ctx.lang))],
                       status=422)
    casework.erase(ctx.store, sub, ctx.actor)
    return web.redirect(f"/staff/inbox?done=erased&ref={sub.reference}")


@viewing
def file(ctx, sub, upload_id: str):
    """An attachment or an answer document: inline (PDF, images) or as a download."""
    ids = set(sub.attachments) | {d["id"] for d in documents.answer_documents(ctx.store,
                                                                             sub.reference)}
    upload = ctx.store.get_upload(upload_id) if upload_id in ids else None
    if upload is None:
        return web.not_found(ctx)
    inline = (ctx.params or {}).get("inline") == "1" and \
        upload.content_type in pages_submission.INLINE_TYPES
    audit.record(ctx.store, ctx.actor, "view-file" if inline else "download", sub.reference,
                 sub.form_id, upload_id, sub.expires_at)
    return serve_file(upload, inline)


def serve_file(upload, inline: bool):
    from chalice import Response

    from ..uploads.storage import get_storage

    storage = get_storage()
    if storage.presigned:
        return web.redirect(storage.download_url(upload, inline=inline, seconds=120))
    data = storage.read(upload)
    if data is None:
        return Response(body="", status_code=404)
    disposition = "inline" if inline else f'attachment; filename="{upload.upload_id}.' \
                                           f'{i18n.type_names((upload.content_type,)).lower()}"'
    return Response(body=data, status_code=200, headers={
        "Content-Type": upload.content_type, "Content-Disposition": disposition,
        "Cache-Control": "no-store", "Content-Security-Policy": "sandbox"})


@signed_in
def export(ctx, form_id: str):
    form = access.visible_forms(ctx.session, ctx.contract).get(form_id)
    if form is None:
        return web.not_found(ctx)
    from chalice import Response

    from ..csvexport import export as csv_export

    body = csv_export(form, ctx.store.iter_form(form_id))
    audit.record(ctx.store, ctx.actor, "export", None, form_id)
    stamp = clock.iso(clock.now())[:10]
    return Response(body=body, status_code=200, headers={
        "Content-Type": "text/csv; charset=utf-8", "Cache-Control": "no-store",
        "Content-Disposition": f'attachment; filename="{form_id}-{stamp}.csv"'})


@signed_in
def audit_log(ctx):
    if not ctx.session.get("admin"):
        return web.not_found(ctx)
    before = (ctx.params or {}).get("before") or None
    entries = ctx.store.list_audit(before, PAGE)
    older = None
    if len(entries) > PAGE:
        entries = entries[:PAGE]
        older = f"{entries[-1]['at']}#{entries[-1]['id']}"
    return web.html(pages_audit.render(ctx.lang, ctx.session, entries, older,
                                       ctx.contract.site.timezone))


@signed_in
def home(ctx):
    return web.redirect("/staff/inbox")
