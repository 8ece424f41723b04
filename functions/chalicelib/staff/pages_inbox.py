"""The inbox: filters (form, status, office, assigned to me, overdue, order) as a plain GET form,
counts per status, one page of submissions with their due date, and a link to the next page
(a cursor, never an offset)."""
from urllib.parse import urlencode

from ..contract import text
from ..htmlkit import el
from ..stores import STATUSES
from .layout import notice, page, when
from ..i18n import t


def render(lang: str, session: dict, contract, filters: dict, rows: list, counts: dict,
           next_cursor: str | None, offices: list, forms: dict, done: str | None) -> str:
    default = contract.site.default_language
    parts = [el("h1", {}, t("staff.inbox", lang)), notice(done),
             _filters(lang, contract, filters, offices, forms, default),
             el("h2", {"id": "counts"}, t("staff.counts", lang)),
             el("ul", {"class": "counts", "aria-labelledby": "counts"},
                [el("li", {}, f"{t('staff.status_' + s, lang)}: ", el("strong", {}, str(counts.get(s, 0))))
                 for s in STATUSES])]
    if rows:
        head = el("tr", {}, [el("th", {"scope": "col"}, t(f"staff.{k}", lang)) for k in
                             ("reference", "form", "received", "status", "assignee", "due")])
        body = [_row(lang, contract, row, default) for row in rows]
        parts.append(el("table", {}, el("caption", {"class": "visually-hidden"}, t("staff.inbox", lang)),
                        el("thead", {}, head), el("tbody", {}, body)))
    else:
        parts.append(el("p", {}, t("staff.none_found", lang)))
    pager = []
    if filters.get("after"):
        pager.append(el("a", {"href": _url(filters, after=None)}, t("staff.first_page", lang)))
    if next_cursor:
        pager.append(el("a", {"href": _url(filters, after=next_cursor), "rel": "next"},
                        t("staff.next_page", lang)))
    if pager:
        parts.append(el("nav", {"class": "pager", "aria-label": t("staff.pages", lang)}, pager))
    exportable = [f for f in forms if not filters.get("form") or f == filters["form"]]
    if exportable:
        parts.append(el("h2", {}, t("staff.exports", lang)))
        parts.append(el("ul", {}, [el("li", {}, el("a", {"href": f"/staff/forms/{f}/export"},
                                                   f"{t('staff.export', lang)}: ",
                                                   text(forms[f].title, lang, default)))
                                   for f in exportable]))
    return page(lang, t("staff.inbox", lang), parts, session, current="inbox")


def _row(lang, contract, row, default):
    sub, due, late = row
    title = contract.forms[sub.form_id].title if sub.form_id in contract.forms else {}
    due_cell = [due.isoformat() if due else "–"]
    if late:
        due_cell += [" ", el("span", {"class": "tag"}, t("staff.overdue", lang))]
    return el("tr", {},
              el("th", {"scope": "row"}, el("a", {"href": f"/staff/submissions/{sub.reference}"},
                                            sub.reference)),
              el("td", {}, text(title, lang, default)),
              el("td", {}, when(sub.created_at, contract.site.timezone)),
              el("td", {}, t(f"staff.status_{sub.status}", lang)),
              el("td", {}, sub.assignee or t("staff.nobody", lang)),
              el("td", {}, due_cell))


def _url(filters: dict, **changes) -> str:
    merged = {**filters, **changes}
    query = {k: v for k, v in merged.items() if v}
    return "/staff/inbox" + ("?" + urlencode(query) if query else "")


def _select(lang, name, label, options, chosen):
    return el("div", {"class": "group"}, el("label", {"for": f"f-{name}"}, label),
              el("select", {"id": f"f-{name}", "name": name},
                 [el("option", {"value": value, "selected": value == (chosen or "")}, shown)
                  for value, shown in options]))


def _check(name, label, checked):
    return el("div", {"class": "group choice"},
              el("input", {"type": "checkbox", "id": f"f-{name}", "name": name, "value": "1",
                           "checked": bool(checked)}),
              el("label", {"for": f"f-{name}"}, label))


def _filters(lang, contract, filters, offices, forms, default):
    all_ = ("", t("staff.all", lang))
    return el("form", {"method": "get", "action": "/staff/inbox", "class": "filters",
                       "aria-label": t("staff.filters", lang)},
              _select(lang, "form", t("staff.form", lang),
                      [all_] + [(f, text(forms[f].title, lang, default)) for f in forms],
                      filters.get("form")),
              _select(lang, "status", t("staff.status", lang),
                      [all_] + [(s, t(f"staff.status_{s}", lang)) for s in STATUSES],
                      filters.get("status")),
              _select(lang, "office", t("staff.office", lang),
                      [all_] + [(o, contract.office_name(o, lang)) for o in offices],
                      filters.get("office")),
              _select(lang, "order", t("staff.order", lang),
                      [("", t("staff.newest", lang)), ("oldest", t("staff.oldest", lang))],
                      filters.get("order")),
              _check("mine", t("staff.mine", lang), filters.get("mine")),
              _check("overdue", t("staff.overdue_only", lang), filters.get("overdue")),
              el("button", {"type": "submit"}, t("staff.apply", lang)))
