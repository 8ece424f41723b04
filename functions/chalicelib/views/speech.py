"""``GET /speech/{lang}``: whether recordings are made for a language (200 either way), and
``GET /speech/{lang}?page=/de/leistungen/x/``: the recording of that page of the site.

The page is read from the built site (``CIVICAT_SPEECH_PAGES``), never taken from the request,
so nobody can make the function speak a text of their choosing. The first request for a page
makes its recording (a few seconds); every later one gets the kept file (locally the bytes, on
AWS a 303 to a five-minute link into the bucket).
"""
import hashlib
import re

from .. import responses

LANG = re.compile(r"[a-z]{2,3}")
PAGE = re.compile(r"/(?:[a-z0-9][a-z0-9._~%-]*/)*")


def _unavailable(reason: str, asked_for_page: bool):
    """The question "is there a recording?" is answered 200 either way (a browser logs every 4xx
    as an error); a recording that cannot be had is 404."""
    return responses.json_response(404 if asked_for_page else 200, {"available": False, "reason": reason},
                                   {"Cache-Control": "public, max-age=300"})


def handle(request, lang: str):
    from ..speech import engines, storage, text as page_text

    engine = engines.get_engine()
    pages = storage.get_pages()
    page = (request.query_params or {}).get("page")
    if not LANG.fullmatch(lang) or engine is None or pages is None:
        return _unavailable("off", page is not None)
    voice = engine.voice(lang)
    if not voice:
        return _unavailable("language", page is not None)
    if page is None:
        return responses.json_response(200, {"available": True}, {"Cache-Control": "public, max-age=300"})
    if not PAGE.fullmatch(page) or ".." in page or not page.startswith(f"/{lang}/"):
        return _unavailable("page", True)
    html = pages.read(page[1:])
    said = page_text.page_text(html) if html else ""
    if not said:
        return _unavailable("page", True)
    key = hashlib.sha256(f"{engine.name}\n{voice}\n{said}".encode("utf-8")).hexdigest()[:32]
    cache = storage.get_cache()
    found = cache.find(lang, key)
    if found is None:
        try:
            audio, kind = engine.synthesize(said, lang)
        except engines.SpeechFailed as problem:
            import logging

            logging.getLogger("civicat.speech").warning("no recording of %s: %s", page, problem)
            return responses.json_response(503, {"available": False, "reason": "engine"},
                                           {"Retry-After": "60", "Cache-Control": "no-store"})
        found = cache.keep(lang, key, audio, kind)
    where, kind = found
    if cache.presigned:
        return responses.redirect(cache.link(where), status=303)
    from chalice import Response

    return Response(body=cache.read(where), status_code=200, headers={
        "Content-Type": kind, "Cache-Control": "public, max-age=300", "ETag": f'"{key}"'})
