"""The frame of every page: language and direction, our stylesheet, one ``<main>``.

The styles are served by the function itself (``GET /pages.css``, linked through the public API
address) rather than inline, so the pages pass the same Content-Security-Policy as the site
(``style-src 'self'``, nothing inline); they follow GOV.UK's error colours and focus ring. No
script at all: these pages exist for browsers without JavaScript.
"""
from .. import links
from ..htmlkit import Markup, el

STYLESHEET = "/pages.css"

CSS = Markup("""
body{font-family:system-ui,sans-serif;font-size:1.1875rem;line-height:1.5;margin:0;
  color:#0b0c0c}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:2rem;line-height:1.2}
a{color:#1d70b8}
a:focus,input:focus,textarea:focus,select:focus,button:focus{
  outline:3px solid #ffdd00;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
.form-group{margin:0 0 1.5rem}
.form-group--error{border-inline-start:5px solid #d4351c;padding-inline-start:.75rem}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
.hint{color:#505a5f;margin-bottom:.25rem}
.error-message{color:#d4351c;font-weight:600;margin:0 0 .25rem}
input[type=text],input[type=email],input[type=tel],input[type=date],textarea,select{
  font:inherit;width:100%;box-sizing:border-box;border:2px solid #0b0c0c;padding:.3rem}
.input--error{border-color:#d4351c!important}
fieldset{border:0;padding:0;margin:0}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}
.choice label{font-weight:400}
.error-summary{border:5px solid #d4351c;padding:1rem;margin-bottom:2rem}
.error-summary h2{margin-top:0;font-size:1.5rem}
.error-summary a{color:#d4351c;font-weight:600}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;
  margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;
  clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.honeypot{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.panel{background:#00703c;color:#fff;padding:1.5rem;margin-bottom:1.5rem;text-align:center}
.panel p{margin:0}
.reference{font-size:2rem;letter-spacing:.05em;margin-top:.5rem!important}
button{font:inherit;background:#00703c;color:#fff;border:0;padding:.5rem 1rem;
  box-shadow:0 2px 0 #002d18;cursor:pointer}
""")


def document(lang: str, title: str, *content) -> str:
    direction = "rtl" if lang == "ar" else "ltr"
    page = el("html", {"lang": lang, "dir": direction},
              el("head", {},
                 el("meta", {"charset": "utf-8"}),
                 el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
                 el("meta", {"name": "robots", "content": "noindex"}),
                 el("title", {}, title),
                 el("link", {"rel": "stylesheet", "href": links.api(STYLESHEET)})),
              el("body", {}, el("main", {"id": "main-content"}, *content)))
    return "<!DOCTYPE html>\n" + page + "\n"
