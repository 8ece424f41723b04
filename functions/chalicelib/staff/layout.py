"""The frame of every staff page: language, skip link, a header with the app's name, the main
navigation, who is signed in, the language switch and sign-out (both small forms that post with
the session's CSRF token), and one ``<main>``. No script: every page works without JavaScript.
Styles are inline (the functions cannot link the site's stylesheet), contrast AA, visible focus."""
from ..htmlkit import Markup, el
from ..i18n import t

CSS = Markup("""
body{font-family:system-ui,sans-serif;font-size:1.0625rem;line-height:1.5;margin:0;color:#0b0c0c}
.skip{position:absolute;inset-inline-start:-10000px}.skip:focus{position:static;display:block;padding:.5rem;
  background:#ffdd00;color:#0b0c0c}
header{background:#1d3a5f;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;
  align-items:center}
header a{color:#fff}header .app{font-weight:700;font-size:1.2rem;margin-inline-end:auto}
header form{display:inline;margin:0}
header button{background:#fff;color:#1d3a5f;box-shadow:none;padding:.2rem .6rem}
nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem}
main{max-width:72rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.75rem;line-height:1.2}h2{font-size:1.35rem;margin-top:2rem}
a{color:#1d70b8}a:visited{color:#4c2c92}
a:focus,input:focus,textarea:focus,select:focus,button:focus,summary:focus{outline:3px solid #ffdd00;
  outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
.hint{color:#505a5f;margin:0 0 .25rem}
input[type=text],input[type=password],input[type=file],textarea,select{font:inherit;box-sizing:border-box;
  border:2px solid #0b0c0c;padding:.3rem;max-width:100%}
input[type=text],input[type=password],textarea{width:100%}
textarea{min-height:7rem}
button{font:inherit;background:#00703c;color:#fff;border:0;padding:.45rem 1rem;
  box-shadow:0 2px 0 #002d18;cursor:pointer}
button.danger{background:#d4351c;box-shadow:0 2px 0 #55150b}
.group{margin:0 0 1.25rem}.group--error{border-inline-start:5px solid #d4351c;padding-inline-start:.75rem}
.error-message{color:#d4351c;font-weight:600;margin:0 0 .25rem}
.error-summary{border:5px solid #d4351c;padding:1rem;margin-bottom:1.5rem}
.error-summary h2{margin-top:0}.error-summary a{color:#d4351c;font-weight:600}
.notice{border-inline-start:5px solid #1d70b8;background:#eef4fa;padding:.75rem 1rem;margin-bottom:1.5rem}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;
  padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;
  border:0!important;white-space:nowrap!important}
table{border-collapse:collapse;width:100%}th,td{text-align:start;padding:.4rem .5rem;
  border-bottom:1px solid #b1b4b6;vertical-align:top}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;border:1px solid #b1b4b6;padding:1rem}
.filters .group{margin:0}.choice{display:flex;gap:.4rem;align-items:center}.choice label{font-weight:400;margin:0}
.tag{display:inline-block;padding:0 .4rem;font-weight:600;background:#d4351c;color:#fff}
.counts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;padding:0}
dl.values{display:grid;grid-template-columns:minmax(10rem,1fr) 3fr;gap:.25rem 1rem}
dl.values dt{font-weight:600}dl.values dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.columns{display:grid;grid-template-columns:3fr 2fr;gap:2rem}
@media (max-width:50rem){.columns{grid-template-columns:1fr}dl.values{grid-template-columns:1fr}}
.panel{border:1px solid #b1b4b6;padding:1rem;margin-bottom:1.5rem}.panel h2{margin-top:0}
.panel form+form{margin-top:.75rem}dl.values dt{overflow-wrap:anywhere}
ol.history{padding-inline-start:1.25rem}ol.history li{margin-bottom:.5rem}
.pager{display:flex;gap:1.5rem;margin-top:1rem}
""")


def page(lang: str, title: str, content, session: dict | None = None,
         current: str | None = None) -> str:
    """A whole staff page. ``current`` names the navigation entry of this page."""
    head = el("head", {}, el("meta", {"charset": "utf-8"}),
              el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
              el("meta", {"name": "robots", "content": "noindex, nofollow"}),
              el("title", {}, f"{title} – {t('staff.app', lang)}"), el("style", {}, CSS))
    body = el("body", {}, el("a", {"class": "skip", "href": "#main"}, t("staff.skip", lang)),
              _header(lang, session, current),
              el("main", {"id": "main", "tabindex": "-1"}, content))
    return "<!DOCTYPE html>\n" + el("html", {"lang": lang, "dir": t("dir", lang)}, head, body) + "\n"


def _header(lang: str, session: dict | None, current: str | None):
    parts = [el("span", {"class": "app"}, t("staff.app", lang))]
    if session:
        items = [("inbox", "/staff/inbox")]
        if session.get("admin"):
            items.append(("audit", "/staff/audit"))
        links = [el("li", {}, el("a", {"href": href,
                                       "aria-current": "page" if key == current else None},
                                  t(f"staff.{key}", lang))) for key, href in items]
        parts.append(el("nav", {"aria-label": t("staff.nav", lang)}, el("ul", {}, links)))
        parts.append(el("span", {}, t("staff.signed_in_as", lang, name=session["display"])))
        parts.append(_language_switch(lang, session))
        parts.append(el("form", {"method": "post", "action": "/staff/sign-out"},
                        csrf_field(session), el("button", {"type": "submit"}, t("staff.signout", lang))))
    return el("header", {}, parts)


def _language_switch(lang: str, session: dict):
    """One small form per other language of the site, its button named in its own language."""
    from .. import contract

    forms = [el("form", {"method": "post", "action": "/staff/language"},
                csrf_field(session), el("input", {"type": "hidden", "name": "lang", "value": other}),
                el("input", {"type": "hidden", "name": "back",
                             "value": session.get("here") or "/staff/inbox"}),
                el("button", {"type": "submit", "lang": other, "dir": t("dir", other)},
                   t("language_name", other)))
             for other in contract.load().site.languages if other != lang]
    return el("div", {"role": "group", "aria-label": t("staff.language", lang)}, forms) if forms else None


def csrf_field(session: dict):
    return el("input", {"type": "hidden", "name": "csrf", "value": session["csrf"]})


def error_summary(lang: str, errors: list):
    """GOV.UK error summary: ``errors`` are (field id or None, message)."""
    if not errors:
        return None
    items = [el("li", {}, el("a", {"href": f"#{field}"}, message) if field else message)
             for field, message in errors]
    return el("div", {"class": "error-summary", "role": "alert",
                      "aria-labelledby": "error-summary-title"},
              el("h2", {"id": "error-summary-title"}, t("staff.problem", lang)), el("ul", {}, items))


def field_error(lang: str, field: str, message: str | None):
    if not message:
        return None
    return el("p", {"class": "error-message", "id": f"{field}-error"},
              el("span", {"class": "visually-hidden"}, t("staff.error", lang)), " ", message)


def notice(text: str | None):
    return el("div", {"class": "notice", "role": "status"}, el("p", {}, text)) if text else None


def when(iso: str, timezone: str) -> str:
    """A stored UTC time as the office reads it: local time of the site, to the minute."""
    from zoneinfo import ZoneInfo

    from .. import clock

    try:
        return clock.parse(iso).astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")
    except Exception:  # no time zone data: show UTC
        return iso[:16].replace("T", " ")
