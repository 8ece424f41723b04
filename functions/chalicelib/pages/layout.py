"""The frame of every page: the site's own (``shell.py``), or where the site's build did not
write one, a plain frame of ours: language and direction, our stylesheet, one ``<main>``.

The styles are served by the function itself (``GET /pages.css``, linked through the public API
address) rather than inline, so the pages pass the same Content-Security-Policy as the site
(``style-src 'self'``, nothing inline); they follow GOV.UK's error colours and focus ring. No
script at all: these pages exist for browsers without JavaScript.
"""
from urllib.parse import urlparse

from .. import links
from ..htmlkit import Markup, el, join

STYLESHEET = "/pages.css"

CSS = Markup("""
body{font-family:system-ui,sans-serif;font-size:1.1875rem;line-height:1.5;margin:0;
  color:#0b0c0c}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:2rem;line-height:1.2}
a{color:#1d70b8}
a:focus,input:focus,textarea:focus,select:focus,button:focus{
  outline:3px solid #ffdd00;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
.cc-form-group{margin:0 0 1.5rem}
.cc-form-group--error{border-inline-start:5px solid #d4351c;padding-inline-start:.75rem}
.cc-label,.cc-legend{display:block;font-weight:600;margin-bottom:.25rem}
.cc-hint{color:#505a5f;margin-bottom:.25rem}
.cc-error-message{color:#d4351c;font-weight:600;margin:0 0 .25rem}
.cc-input,.cc-textarea,.cc-select{
  font:inherit;width:100%;box-sizing:border-box;border:2px solid #0b0c0c;padding:.3rem}
.cc-form-group--error .cc-input,.cc-form-group--error .cc-textarea,
.cc-form-group--error .cc-select{border-color:#d4351c}
.cc-fieldset{border:0;padding:0;margin:0}
.cc-choice{display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}
.cc-choice__label{font-weight:400}
.cc-error-summary{border:5px solid #d4351c;padding:1rem;margin-bottom:2rem}
.cc-error-summary__title{margin-top:0;font-size:1.5rem}
.cc-error-summary__list{list-style:none;padding:0}
.cc-error-summary a{color:#d4351c;font-weight:600}
.cc-visually-hidden{position:absolute!important;width:1px!important;height:1px!important;
  margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;
  clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.cc-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.cc-panel{background:#00703c;color:#fff;padding:1.5rem;margin-bottom:1.5rem;text-align:center}
.cc-panel__body{margin:0}
.cc-panel__reference{font-size:2rem;letter-spacing:.05em}
.cc-button{font:inherit;background:#00703c;color:#fff;border:0;padding:.5rem 1rem;
  box-shadow:0 2px 0 #002d18;cursor:pointer}
""")


def document(lang: str, title: str, heading: str, *content, languages: dict | None = None) -> str:
    """A whole page: in the site's shell of ``lang`` when there is one, else in a plain frame.

    ``languages`` says where each language's link of the language switch leads (the same page in
    that language, where there is one); languages not given lead to their home page."""
    from .. import contract
    from . import shell

    body = join(content)
    frame = shell.load(lang)
    if frame is not None:
        site = contract.load().site
        root = urlparse(site.base_url).path.rstrip("/")
        targets = {code: f"{root}/{code}/" for code in site.languages}
        targets.update({code: url for code, url in (languages or {}).items() if url})
        return shell.fill(frame, title, heading, body, targets)
    direction = "rtl" if lang == "ar" else "ltr"
    page = el("html", {"lang": lang, "dir": direction},
              el("head", {},
                 el("meta", {"charset": "utf-8"}),
                 el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
                 el("meta", {"name": "robots", "content": "noindex"}),
                 el("title", {}, title),
                 el("link", {"rel": "stylesheet", "href": links.api(STYLESHEET)})),
              el("body", {}, el("main", {"id": "main-content"}, el("h1", {}, heading), body)))
    return "<!DOCTYPE html>\n" + page + "\n"
