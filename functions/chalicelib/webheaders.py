"""Headers every response gets (run by the app's HTTP middleware).

CORS: only the site's own origins (``site.origins`` in the contract, plus
``CIVICAT_EXTRA_ORIGINS``) are echoed in ``Access-Control-Allow-Origin``, never ``*``, and never
for ``/staff`` routes, which are not for browsers on other origins. ``Vary: Origin`` keeps caches
from serving one origin's answer to another.

Security: ``nosniff``; no referrer (status links carry a token); ``no-store`` unless a route set
its own caching; HTML pages get a Content-Security-Policy as strict as the site's: scripts,
styles and images only from the site's own origins (the site's frame around them brings its
read-aloud and menu scripts), nothing inline; without the frame, the stylesheet is ``/pages.css``.
"""
from . import contract, settings

PREFLIGHT_HEADERS = "Content-Type, Accept, Accept-Language"
PUBLIC_METHODS = "GET, POST, OPTIONS"


def allowed_origins() -> set:
    return set(contract.load().site.origins) | set(settings.extra_origins())


def apply(request, response) -> None:
    headers = response.headers
    path = getattr(request, "path", "") or ""
    origin = (request.headers.get("origin") or "").rstrip("/") if request else ""
    if origin and not path.startswith("/staff") and origin in allowed_origins():
        headers["Access-Control-Allow-Origin"] = origin
        headers["Access-Control-Expose-Headers"] = "Retry-After, Location"
        if request.method == "OPTIONS":
            headers["Access-Control-Allow-Methods"] = PUBLIC_METHODS
            headers["Access-Control-Allow-Headers"] = PREFLIGHT_HEADERS
            headers["Access-Control-Max-Age"] = "600"
    headers["Vary"] = "Origin"
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Cache-Control", "no-store")
    if headers.get("Content-Type", "").startswith("text/html"):
        site = " ".join(["'self'", *sorted(allowed_origins())])
        # The pages sit in the site's frame (pages/shell.py): its scripts (read-aloud, menu,
        # search on demand), styles and icons come from the site, never inline.
        headers.setdefault("Content-Security-Policy",
                           f"default-src 'none'; script-src {site}; style-src {site}; "
                           f"img-src {site} data:; connect-src {site}; worker-src {site}; "
                           f"form-action {site}; base-uri 'none'; frame-ancestors 'none'")
        headers.setdefault("X-Frame-Options", "DENY")
