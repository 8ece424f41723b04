"""URLs the function hands out: status links, upload targets, pages of the site.

The API does not know under which path the public reaches it (the dev proxy strips ``/api``, API
Gateway may sit behind CloudFront), so ``CIVICAT_PUBLIC_API_URL`` says it (default ``/api``).
Links in mails must be absolute: relative ones are resolved against ``CIVICAT_SITE_URL`` or else
the contract's ``site.base_url``. Redirects to site pages stay site-relative unless
``CIVICAT_SITE_URL`` is set, so that the local dev server redirects to itself.
"""
from urllib.parse import quote, urlencode, urljoin

from . import settings


def api(path: str) -> str:
    """``/api/status/HBN-…`` — the public URL of one of our own routes."""
    return settings.public_api_url() + path


def status(reference: str, token: str) -> str:
    return api(f"/status/{quote(reference)}?" + urlencode({"token": token}))


def absolute(url: str, site) -> str:
    """An absolute URL for mails; ``site`` is the contract's Site."""
    if url.startswith(("http://", "https://")):
        return url
    base = settings.site_url() or site.base_url
    return urljoin(base if base.endswith("/") else base + "/", url.lstrip("/"))


def site_page(path: str, query: dict | None = None) -> str:
    """Where a no-JavaScript form post is redirected to (a page of the static site)."""
    base = settings.site_url()
    url = urljoin(base if base.endswith("/") else base + "/", path.lstrip("/")) if base else path
    return url + ("?" + urlencode(query) if query else "")
