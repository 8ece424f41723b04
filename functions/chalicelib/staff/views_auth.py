"""Signing in and out: the local staff list (name and password, rate-limited, the same answer and
the same work for an unknown name as for a wrong password), OpenID Connect, the one-time link that
sets a password, the language switch."""
import functools
import secrets

from .. import audit, clock, ratelimit, settings
from . import members, oidc, pages_auth, sessions, web
from ..i18n import t

PRE_COOKIE = "civicat_staff_pre"  # double-submit token for the sign-in form (login CSRF)
PAUSE_KIND = "signin-pause"  # failed sign-ins over the limit pause a name or address


def _start_session(ctx, person: dict, via: str, extra_cookies=()):
    sessions.end(ctx.store, ctx.session_id)  # a new id at every sign-in (no fixation)
    session_id, _ = sessions.create(ctx.store, person, ctx.lang, via)
    audit.record(ctx.store, person["name"], "sign-in", detail=via)
    return web.redirect("/staff/inbox", cookies=[
        sessions.set_cookie(ctx.request, sessions.COOKIE, session_id), *extra_cookies])


def signin_page(request, message_key: str | None = None, status: int = 200):
    ctx = web.Context(request)
    if ctx.session and message_key is None:
        return web.redirect("/staff/inbox")
    pre = sessions.cookie(request, PRE_COOKIE) or secrets.token_urlsafe(24)
    message = t(f"staff.{message_key}", ctx.lang) if message_key else None
    if (ctx.params or {}).get("done") in ("signed_out", "password_set", "session_ended"):
        message = t(f"staff.{ctx.params['done']}", ctx.lang)
    body = pages_auth.signin(ctx.lang, settings.staff_signin(), pre, message=message)
    return web.html(body, status, {"Set-Cookie": sessions.set_cookie(request, PRE_COOKIE, pre,
                                                                      max_age=3600)})


def signin(request):
    ctx = web.Context(request)
    if settings.staff_signin() != "local":
        return web.not_found(ctx)
    values, _ = web.form_values(request)
    name = (values.get("name") or "").strip()[:100]
    pre = sessions.cookie(request, PRE_COOKIE)
    if not pre or not secrets.compare_digest(pre, values.get("pre") or ""):
        return _signin_again(ctx, pre, name, t("staff.csrf", ctx.lang), 400)
    tries, window = settings.staff_signin_limit()
    keys = [f"name:{ratelimit.pseudonym(name.lower())}",
            f"client:{ratelimit.pseudonym(ratelimit.client_ip(request))}"]
    paused = t("staff.signin_paused", ctx.lang, count=max(1, window // 60))
    if any(ctx.store.get_record(PAUSE_KIND, key) for key in keys):
        return _signin_again(ctx, pre, name, paused, 429)
    member = members.check(ctx.store, name, values.get("password") or "")
    if member is None:
        audit.record(ctx.store, name or "?", "sign-in-failed")
        now = clock.epoch(clock.now())
        for key, limit in zip(keys, (tries, tries * 4)):  # an office shares one address
            if ctx.store.hit_rate(f"signin:{key}:{now // window}", now + window) >= limit:
                ctx.store.put_record(PAUSE_KIND, key, {"until": now + window}, now + window)
        return _signin_again(ctx, pre, name, t("staff.signin_failed", ctx.lang), 401)
    return _start_session(ctx, member, "local")


def _signin_again(ctx, pre, name, message, status):
    pre = pre or secrets.token_urlsafe(24)
    body = pages_auth.signin(ctx.lang, "local", pre, errors=[("name", message)], name=name)
    return web.html(body, status, {"Set-Cookie": sessions.set_cookie(ctx.request, PRE_COOKIE, pre,
                                                                      max_age=3600)})


def signout(request):
    ctx = web.Context(request)
    values, _ = web.form_values(request)
    if ctx.session and sessions.csrf_ok(ctx.session, values.get("csrf")):
        audit.record(ctx.store, ctx.actor, "sign-out")
        sessions.end(ctx.store, ctx.session_id)
    return web.redirect("/staff/sign-in?done=signed_out",
                        cookies=[sessions.clear_cookie(request, sessions.COOKIE)])


def language(request):
    ctx = web.Context(request)
    values, _ = web.form_values(request)
    if ctx.session and sessions.csrf_ok(ctx.session, values.get("csrf")) and \
            values.get("lang") in ctx.contract.site.languages:
        stored = {k: v for k, v in ctx.session.items() if k != "here"}
        sessions.save(ctx.store, ctx.session_id, {**stored, "lang": values["lang"]})
    back = values.get("back") or ""
    # Only back to a staff page of this site: never an address someone else chose.
    if not back.startswith("/staff/") or "//" in back or "\\" in back:
        back = "/staff/inbox"
    return web.redirect(back)


# --- the one-time link -----------------------------------------------------------------------

def _one_time_link(handler):
    """``handler(ctx, token, name)`` while the link still sets ``name``'s password; for a link
    that is used up, expired or never existed, the page saying so (404), whether the person
    opens the link or sends its form."""
    @functools.wraps(handler)
    def view(request, token: str):
        ctx = web.Context(request)
        name = members.redeem(ctx.store, token)
        if name is None:
            return web.html(pages_auth.message(ctx.lang, t("staff.welcome_title", ctx.lang),
                                               t("staff.link_invalid", ctx.lang)), 404)
        return handler(ctx, token, name)
    return view


@_one_time_link
def welcome_page(ctx, token: str, name: str):
    return web.html(pages_auth.welcome(ctx.lang, token, name))


@_one_time_link
def welcome(ctx, token: str, name: str):
    values, _ = web.form_values(ctx.request)
    password, repeat = values.get("password") or "", values.get("repeat") or ""
    errors = []
    if len(password) < members.MIN_PASSWORD:
        errors.append(("password", t("staff.password_short", ctx.lang)))
    elif password != repeat:
        errors.append(("repeat", t("staff.password_mismatch", ctx.lang)))
    if errors:
        return web.html(pages_auth.welcome(ctx.lang, token, name, errors), 422)
    members.set_password(ctx.store, name, password)
    members.use_up(ctx.store, token)
    audit.record(ctx.store, name, "password-set")
    return web.redirect("/staff/sign-in?done=password_set")


# --- OpenID Connect ----------------------------------------------------------------------------

def _base(request) -> str:
    configured = settings.staff_url()
    if configured:
        return configured
    scheme = "https" if sessions.secure(request) else "http"
    return f"{scheme}://{request.headers.get('host')}/staff"


def oidc_start(request):
    ctx = web.Context(request)
    if settings.staff_signin() != "oidc":
        return web.not_found(ctx)
    url, login_id = oidc.start(ctx.store, _base(request) + "/oidc/callback")
    return web.redirect(url, cookies=[sessions.set_cookie(
        request, oidc.COOKIE, login_id, max_age=oidc.PENDING_SECONDS, path="/staff/oidc")])


def oidc_callback(request):
    ctx = web.Context(request)
    if settings.staff_signin() != "oidc":
        return web.not_found(ctx)
    clear = sessions.clear_cookie(request, oidc.COOKIE, path="/staff/oidc")
    try:
        claims = oidc.finish(ctx.store, sessions.cookie(request, oidc.COOKIE), ctx.params or {})
    except oidc.SignInError as error:
        audit.record(ctx.store, "?", "sign-in-failed", detail=str(error)[:120])
        return _signin_page_clearing(request, "signin_expired", 400, clear)
    person = oidc.person(ctx.store, claims)
    if person is None:
        audit.record(ctx.store, str(claims.get("sub")), "sign-in-failed", detail="no office")
        return _signin_page_clearing(request, "signin_not_staff", 403, clear)
    return _start_session(ctx, person, "oidc", [clear])


def _signin_page_clearing(request, message_key: str, status: int, clear: str):
    """The sign-in page saying why the sign-in failed, also ending the pending login's cookie: a
    failed callback cannot be finished again, so the browser need not keep it."""
    response = signin_page(request, message_key, status)
    response.headers["Set-Cookie"] = [response.headers["Set-Cookie"], clear]
    return response
