"""What a work handler checks before it does anything, written once as decorators so that no
handler can forget a check or make it in another order:

- ``signed_in``: a live session, else to the sign-in page (saying the session ended when the
  browser still had one);
- ``viewing``: also a submission this person may see, else 404 like a reference that does not
  exist (``web.not_found``);
- ``changing``: a post about one submission: a live session, the session's CSRF token in the
  form (else 403 with a page that says so), then a submission this person may see.

The decorated handler takes the request context (``web.Context``) in place of the request, and
the submission after it; the route keeps calling ``handler(request, reference, …)``."""
import functools

from . import access, sessions, web
from ..i18n import t


def signed_in(handler):
    """``handler(ctx, *args)`` for a live session; the sign-in page otherwise."""
    @functools.wraps(handler)
    def view(request, *args):
        ctx = web.Context(request)
        if ctx.session is None:
            ended = "?done=session_ended" if sessions.cookie(request, sessions.COOKIE) else ""
            return web.redirect("/staff/sign-in" + ended)
        return handler(ctx, *args)
    return view


def viewing(handler):
    """``handler(ctx, submission, *args)`` for a submission this person may see."""
    @signed_in
    @functools.wraps(handler)
    def view(ctx, reference: str, *args):
        sub = _find(ctx, reference)
        return web.not_found(ctx) if sub is None else handler(ctx, sub, *args)
    return view


def changing(handler):
    """``handler(ctx, submission, values, files)`` for a post with the session's CSRF token about
    a submission this person may see; the form is read before the submission is looked up, so
    a forged post learns nothing about which references exist."""
    @signed_in
    @functools.wraps(handler)
    def view(ctx, reference: str):
        values, files = web.form_values(ctx.request)
        if not sessions.csrf_ok(ctx.session, values.get("csrf")):
            return web.html(_csrf_page(ctx), 403)
        sub = _find(ctx, reference)
        return web.not_found(ctx) if sub is None else handler(ctx, sub, values, files)
    return view


def _find(ctx, reference: str):
    """The submission if this person may see it, else None."""
    return access.submission(ctx.store, ctx.session, ctx.contract, reference)


def _csrf_page(ctx) -> str:
    from .pages_auth import message

    return message(ctx.lang, t("staff.problem", ctx.lang), t("staff.csrf", ctx.lang), ctx.session,
                   ("/staff/inbox", t("staff.back_inbox", ctx.lang)))
