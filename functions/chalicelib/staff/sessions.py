"""Staff sessions: a random id in an HttpOnly, SameSite=Strict cookie (Secure except on a loopback
address), the session itself in the store (only a hash of the id), with a CSRF token for every
form that changes something, and an idle timeout. No session data ever travels in a URL.
"""
import hashlib
import hmac
import secrets

from .. import clock, settings

KIND = "session"
COOKIE = "civicat_staff"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _idle_seconds() -> int:
    return settings.staff_idle_minutes() * 60


def create(store, person: dict, lang: str, via: str) -> tuple[str, dict]:
    """A new session for ``person`` ({name, display, offices, admin}); returns (id, session)."""
    session_id = secrets.token_urlsafe(32)
    now = clock.now()
    session = {"name": person["name"], "display": person.get("display") or person["name"],
               "offices": list(person.get("offices") or []), "admin": bool(person.get("admin")),
               "csrf": secrets.token_urlsafe(24), "lang": lang, "via": via,
               "started": clock.iso(now), "seen": clock.epoch(now)}
    store.put_record(KIND, _key(session_id), session, clock.epoch(now) + _idle_seconds())
    return session_id, session


def load(store, request) -> tuple[str | None, dict | None]:
    """(id, session) of the request's cookie, renewed for another idle period; (None, None) if
    there is none or it ran out."""
    session_id = cookie(request, COOKIE)
    if not session_id:
        return None, None
    session = store.get_record(KIND, _key(session_id))
    if session is None:
        return None, None
    now = clock.epoch(clock.now())
    if now - session["seen"] > 60:  # renew at most once a minute: one write, not one per click
        session["seen"] = now
        store.put_record(KIND, _key(session_id), session, now + _idle_seconds())
    return session_id, session


def save(store, session_id: str, session: dict) -> None:
    store.put_record(KIND, _key(session_id), session,
                     clock.epoch(clock.now()) + _idle_seconds())


def end(store, session_id: str | None) -> None:
    if session_id:
        store.delete_record(KIND, _key(session_id))


def csrf_ok(session: dict, given) -> bool:
    return isinstance(given, str) and hmac.compare_digest(given.encode(),
                                                          session["csrf"].encode())


def cookie(request, name: str) -> str | None:
    from http.cookies import CookieError, SimpleCookie

    jar = SimpleCookie()
    try:
        jar.load(request.headers.get("cookie") or "")
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def secure(request) -> bool:
    """Cookies are Secure everywhere except on the loopback address of a developer's machine."""
    host = (request.headers.get("host") or "").rsplit(":", 1)[0]
    return host not in LOOPBACK


def set_cookie(request, name: str, value: str, max_age: int | None = None,
               path: str = "/") -> str:
    parts = [f"{name}={value}", f"Path={path}", "HttpOnly", "SameSite=Strict"]
    if secure(request):
        parts.append("Secure")
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    return "; ".join(parts)


def clear_cookie(request, name: str, path: str = "/") -> str:
    return set_cookie(request, name, "", max_age=0, path=path)
