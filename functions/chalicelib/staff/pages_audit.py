"""The audit log for admins: newest first, a page at a time (cursor)."""
from urllib.parse import urlencode

from ..htmlkit import el
from .layout import page, when
from ..i18n import t


def render(lang: str, session: dict, entries: list, older: str | None, timezone: str) -> str:
    head = el("tr", {}, [el("th", {"scope": "col"}, t(f"staff.{k}", lang))
                         for k in ("when", "who", "action", "about", "detail")])
    rows = [el("tr", {}, el("td", {}, when(e["at"], timezone)), el("td", {}, e["actor"]),
               el("td", {}, e["action"]),
               el("td", {}, e.get("reference") or e.get("form") or "–"),
               el("td", {}, e.get("detail") or "–")) for e in entries]
    parts = [el("h1", {}, t("staff.audit_title", lang)),
             el("table", {}, el("caption", {"class": "visually-hidden"}, t("staff.audit_title", lang)),
                el("thead", {}, head), el("tbody", {}, rows))]
    if older:
        parts.append(el("p", {}, el("a", {"href": "/staff/audit?" + urlencode({"before": older}),
                                          "rel": "next"}, t("staff.older", lang))))
    return page(lang, t("staff.audit_title", lang), parts, session, current="audit")
