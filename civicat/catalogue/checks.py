"""Checks across files: ids, references, languages, opening hours, review dates.

The model checks each file on its own; what needs the whole catalogue (does the office a service
names exist? is every required text written in the default language?) happens here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from typing import Any, Iterator

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .errors import suggest, unwrap
from .loaded import Ids, Page, Parsed
from .source import Source, dotted
from .text import language_name
from .types import is_text, shown


REVIEW_MONTHS = 12
UNTRANSLATED = {"keywords", "legal_basis"}
"""Texts that need no translation: search words help in any language; laws are cited by their German names."""


def check(parsed: dict[str, list[Parsed]], singles: dict[str, Parsed | None], ids: Ids,
          duplicates: list[tuple[str, Parsed, Source]], pages: dict[str, Page]) -> list[Diagnostic]:
    """Everything wrong across the files of a catalogue: ``parsed`` files by kind, the single files
    (site, topics), the ids the loader indexed, the files that reuse an id, the free pages."""
    out: list[Diagnostic] = []
    for kind, item, first in duplicates:
        raw_id = item.source.data["id"]
        line, col = item.source.where(("id",))
        out.append(Diagnostic.error(item.source.path, line, col, "id",
                                    f'duplicate {kind} id "{raw_id}" (also used by {first.path})',
                                    "give one of them another id (the id defaults to the file name)"))
    topics_item = singles.get("topics")
    terms = _terms(topics_item, out)
    site_item = singles.get("site")
    site = site_item.obj if site_item else None
    out.extend(_check_site(site_item, ids))
    for kind, items in parsed.items():
        for item in items:
            if item.obj is not None:
                out.extend(check_file(kind, item, ids, terms, site))
    if site is not None:
        for item in (topics_item, site_item):
            if item is not None and item.obj is not None:
                out.extend(_languages(item, site.default_language, site.languages))
        out.extend(_pages(site, pages, site_item))
    return out


def check_file(kind: str, item: Parsed, ids: Ids, terms: dict[str, set[str]], site: Any) -> list[Diagnostic]:
    """What is wrong with one office, service or form file (read by the model without errors)
    in its catalogue: its references, the checks of its kind, its languages."""
    out = list(_references(kind, item, ids, terms))
    out.extend(placeholders(item.source))
    if kind == "office":
        out.extend(_check_office(item, site))
    elif kind == "form":
        out.extend(_check_form(item, ids))
    elif kind == "service":
        out.extend(_check_service(item))
    if site is not None:
        out.extend(_languages(item, site.default_language, site.languages))
    return out


PLACEHOLDER = re.compile(r"\bTODO\b")
"""What ``civicat new`` writes where the editor's own text belongs."""


def placeholders(src: Source) -> Iterator[Diagnostic]:
    """Every value that still holds a placeholder of ``civicat new``: such a file must not go live."""
    def walk(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
        if isinstance(value, str) and PLACEHOLDER.search(value):
            yield loc, value
        elif isinstance(value, dict):
            for key, inner in value.items():
                yield from walk(inner, loc + (key,))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                yield from walk(inner, loc + (index,))

    for loc, value in walk(src.data, ()):
        line, col = src.where(loc)
        yield Diagnostic.error(src.path, line, col, dotted(loc), f"the placeholder {shown(value)} is still here",
                               "write the real text in its place (or remove the key if it is optional)")


# --------------------------------------------------------------------------- references


def _terms(item: Parsed | None, out: list[Diagnostic]) -> dict[str, set[str]]:
    terms: dict[str, set[str]] = {"topics": set(), "life_situations": set(), "audiences": set()}
    if item is None or item.obj is None:
        return terms
    for group in terms:
        for index, term in enumerate(getattr(item.obj, group)):
            if term.id in terms[group]:
                line, col = item.source.where((group, index, "id"))
                out.append(Diagnostic.error(item.source.path, line, col, f"{group}[{index}].id",
                                            f'duplicate id "{term.id}" in {group}', "give each entry its own id"))
            terms[group].add(term.id)
    return terms


def _dangling(src: Source, loc: tuple[Any, ...], value: str, what: str, known: typing.Iterable[str], where: str) -> Diagnostic:
    near = suggest(value, known)
    fix = f'did you mean "{near}"?' if near else f"use the id of an existing {what} ({where}) or create it"
    line, col = src.where(loc)
    return Diagnostic.error(src.path, line, col, dotted(loc), f'there is no {what} with id "{value}"', fix)


def _references(kind: str, item: Parsed, ids: Ids, terms: dict[str, set[str]]) -> Iterator[Diagnostic]:
    obj, src = item.obj, item.source
    if kind == "service":
        targets = {
            "offices": ("office", ids["office"], "catalogue/offices/"),
            "forms": ("form", ids["form"], "catalogue/forms/"),
            "related": ("service", ids["service"], "catalogue/services/"),
            "topics": ("topic", terms["topics"], "topics.yaml, topics"),
            "life_situations": ("life situation", terms["life_situations"], "topics.yaml, life_situations"),
            "audiences": ("audience", terms["audiences"], "topics.yaml, audiences"),
        }
        for key, (what, known, where) in targets.items():
            for index, value in enumerate(getattr(obj, key)):
                if value not in known:
                    yield _dangling(src, (key, index), value, what, known, where)
        if obj.id in obj.related:
            line, col = src.where(("related", obj.related.index(obj.id)))
            yield Diagnostic.error(src.path, line, col, "related", "a service cannot be related to itself",
                                   "remove its own id from `related`")
    elif kind == "form":
        if obj.recipient not in ids["office"]:
            yield _dangling(src, ("recipient",), obj.recipient, "office", ids["office"], "catalogue/offices/")
        if obj.service and obj.service not in ids["service"]:
            yield _dangling(src, ("service",), obj.service, "service", ids["service"], "catalogue/services/")


# --------------------------------------------------------------------------- per kind


def _check_site(item: Parsed | None, ids: Ids) -> Iterator[Diagnostic]:
    if item is None or item.obj is None:
        return
    site, src = item.obj, item.source
    if site.default_language not in site.languages:
        line, col = src.where(("languages",))
        yield Diagnostic.error(src.path, line, col, "languages",
                               f"the default language `{site.default_language}` is not in the list",
                               f"add `{site.default_language}` as the first entry of `languages`")
    elif site.languages[0] != site.default_language:
        line, col = src.where(("languages",))
        yield Diagnostic.error(src.path, line, col, "languages", "the default language must come first",
                               f"move `{site.default_language}` to the front of the list")
    seen: set[str] = set()
    for index, lang in enumerate(site.languages):
        if lang in seen:
            line, col = src.where(("languages", index))
            yield Diagnostic.error(src.path, line, col, f"languages[{index}]", f"`{lang}` is listed twice", "remove one")
        seen.add(lang)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(site.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        line, col = src.where(("timezone",))
        yield Diagnostic.error(src.path, line, col, "timezone", f'"{site.timezone}" is not a known time zone',
                               'use a name like "Europe/Berlin"')
    from .. import hours

    problem = hours.region_problem(site.region)
    if problem:
        line, col = src.where(("region",))
        yield Diagnostic.error(src.path, line, col, "region", *problem)
    if site.main_office and site.main_office not in ids["office"]:
        yield _dangling(src, ("main_office",), site.main_office, "office", ids["office"], "catalogue/offices/")


def _check_office(item: Parsed, site: Any) -> Iterator[Diagnostic]:
    from .. import hours

    office, src = item.obj, item.source
    region = site.region if site is not None else None
    yield from _hours_diagnostics(src, ("opening_hours",), "opening_hours",
                                  hours.lint(office.opening_hours, region, night=office.open_at_night))
    for index, closure in enumerate(office.closures):
        if closure.end is not None and closure.end < closure.start:
            line, col = src.where(("closures", index, "end"))
            yield Diagnostic.error(src.path, line, col, f"closures[{index}].end",
                                   f"the closure ends ({closure.end}) before it starts ({closure.start})",
                                   "swap the dates or correct the year")
        if closure.hours:
            yield from _hours_diagnostics(src, ("closures", index, "hours"), f"closures[{index}].hours",
                                          hours.times_problems(closure.hours, night=office.open_at_night))


def _hours_diagnostics(src: Source, loc: tuple[Any, ...], key: str, problems: list[Any]) -> Iterator[Diagnostic]:
    """Problems inside an opening-hours text, each at its own column of the line."""
    if not problems:  # finding the line may compose the file again: only when there is something to say
        return
    line, col = src.where(loc)
    # A quoted or plain scalar starts at the value; columns of the expression are offset from it.
    quoted = src.text.splitlines()[line - 1][col - 1:col] in ("'", '"') if src.text else False
    for problem in problems:
        yield Diagnostic(src.path, line, col + problem.col - 1 + (1 if quoted else 0), key,
                         problem.message, problem.fix, problem.severity, "hours")


def _check_form(item: Parsed, ids: Ids) -> Iterator[Diagnostic]:
    form, src = item.obj, item.source
    names: dict[str, int] = {}
    for index, fld in enumerate(form.fields):
        loc = ("fields", index)
        if fld.name in names:
            line, col = src.where(loc + ("name",))
            yield Diagnostic.error(src.path, line, col, dotted(loc + ("name",)),
                                   f'duplicate field name "{fld.name}" (also fields[{names[fld.name]}])',
                                   "give each field its own name")
        names.setdefault(fld.name, index)
        if fld.name in RESERVED_FIELDS:
            line, col = src.where(loc + ("name",))
            yield Diagnostic.error(src.path, line, col, dotted(loc + ("name",)),
                                   f'"{fld.name}" is reserved for civicat itself',
                                   f"choose another name; reserved are {', '.join(sorted(RESERVED_FIELDS))}")
        if fld.type in ("select", "radio", "checkboxes") and len(fld.options) < 2:
            line, col = src.where(loc)
            yield Diagnostic.error(src.path, line, col, dotted(loc + ("options",)),
                                   f"a {fld.type} field needs at least two options",
                                   "add `options:` with `- value: …` and `label: …` entries")
        if fld.options and fld.type not in ("select", "radio", "checkboxes"):
            line, col = src.where(loc + ("options",))
            yield Diagnostic.error(src.path, line, col, dotted(loc + ("options",)),
                                   f"a {fld.type} field has no options", "remove `options` or set `type: select`")
        if fld.min_length is not None and fld.max_length is not None and fld.min_length > fld.max_length:
            line, col = src.where(loc + ("min_length",))
            yield Diagnostic.error(src.path, line, col, dotted(loc + ("min_length",)),
                                   f"min_length {fld.min_length} is larger than max_length {fld.max_length}",
                                   "swap the two numbers")
        if fld.pattern is not None:
            try:
                re.compile(fld.pattern)
            except re.error as exc:
                line, col = src.where(loc + ("pattern",))
                yield Diagnostic.error(src.path, line, col, dotted(loc + ("pattern",)),
                                       f"the pattern is not a valid regular expression ({exc.msg} at position {exc.pos})",
                                       "correct it; put it in single quotes so backslashes stay as written")
            if fld.pattern_message is None:
                line, col = src.where(loc + ("pattern",))
                yield Diagnostic.error(src.path, line, col, dotted(loc + ("pattern_message",)),
                                       "a pattern needs a message that tells citizens what to type",
                                       'add `pattern_message:` like "Enter the licence plate like HBN-AB 123"')
    attachments = form.attachments
    if attachments is not None and attachments.signature != "none" and "pdf" not in attachments.types:
        line, col = src.where(("attachments", "signature"))
        yield Diagnostic.error(src.path, line, col, "attachments.signature",
                               "only PDF files can carry an electronic signature, but `types` has no pdf",
                               "add pdf to `attachments: types:`, or remove `signature`")
    office = ids["office"].get(form.recipient)
    office_mail = ((office.data or {}).get("contact") or {}).get("email") if office is not None else None
    if office is not None and not form.recipient_email and not office_mail:
        line, col = src.where(("recipient",))
        yield Diagnostic.error(src.path, line, col, "recipient",
                               f'the office "{form.recipient}" has no e-mail address, so submissions cannot be delivered',
                               f"add `contact: email:` to {office.path}, or `recipient_email:` to this form")


RESERVED_FIELDS = {"lang", "submission_key", "started_at", "website", "consent", "attachments",
                   "location_address", "location_lat", "location_lon"}


def _check_service(item: Parsed) -> Iterator[Diagnostic]:
    service, src = item.obj, item.source
    for index, cost in enumerate(service.costs):
        if cost.amount_to is not None and (cost.amount is None or cost.amount_to < cost.amount):
            line, col = src.where(("costs", index, "amount_to"))
            yield Diagnostic.error(src.path, line, col, f"costs[{index}].amount_to",
                                   "amount_to needs a smaller `amount` as the start of the range",
                                   "write `amount:` with the lower end, or remove amount_to")
    if service.free and service.costs:
        line, col = src.where(("free",))
        yield Diagnostic.error(src.path, line, col, "free", "the service is marked free but lists costs",
                               "remove `free: true` or the costs")
    if not service.in_person and not service.online and not service.forms:
        line, col = src.where(("in_person",))
        yield Diagnostic.error(src.path, line, col, "in_person",
                               "citizens have no way to apply: not in person, no online link, no form",
                               "set `in_person: true`, or add `online:` or `forms:`")
    age = dt.date.today() - service.last_reviewed
    if service.last_reviewed > dt.date.today():
        line, col = src.where(("last_reviewed",))  # only here: finding it may compose the file again
        yield Diagnostic.error(src.path, line, col, "last_reviewed", f"{service.last_reviewed} is in the future",
                               "write the date of the last review, at the latest today")
    elif age.days > REVIEW_MONTHS * 365 // 12:
        line, col = src.where(("last_reviewed",))
        yield Diagnostic.warning(src.path, line, col, "last_reviewed",
                                 f"last reviewed {service.last_reviewed}, more than {REVIEW_MONTHS} months ago",
                                 "check the facts of this page with the office and update the date", "review")


def _pages(site: Any, pages: dict[str, Page], item: Parsed | None) -> Iterator[Diagnostic]:
    if item is None:
        return
    for key, name in site.pages.model_dump().items():
        if name not in pages:
            line, col = item.source.where(("pages", key)) if item.source.has(("pages", key)) else (1, 1)
            yield Diagnostic.error(item.source.path, line, col, f"pages.{key}",
                                   f"the page catalogue/pages/{name}.md does not exist",
                                   f"create catalogue/pages/{name}.md (public bodies must publish it) or correct the name")


# --------------------------------------------------------------------------- languages


def _strip_optional(annotation: Any) -> Any:
    import types as _types

    if typing.get_origin(annotation) in (typing.Union, _types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


@functools.cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """How to find texts in a model class: (field, shape) with shape text, texts, model or models."""
    plan = []
    for name, info in model.model_fields.items():
        full = info.rebuild_annotation()
        if is_text(full) or is_text(_strip_optional(full)):
            plan.append((name, "text"))
            continue
        inner = unwrap(info.annotation)
        if typing.get_origin(inner) is list:
            (item_type,) = typing.get_args(inner) or (Any,)
            if is_text(item_type):
                plan.append((name, "texts"))
            elif isinstance(unwrap(item_type), type) and issubclass(unwrap(item_type), BaseModel):
                plan.append((name, "models"))
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            plan.append((name, "model"))
    return tuple(plan)


def texts(obj: BaseModel, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every Text value inside a model, with its location."""
    for name, shape in _plan(type(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        if shape == "text":
            yield loc + (name,), value
        elif shape == "texts":
            for index, item in enumerate(value):
                yield loc + (name, index), item
        elif shape == "models":
            for index, item in enumerate(value):
                yield from texts(item, loc + (name, index))
        else:
            yield from texts(value, loc + (name,))


def _languages(item: Parsed, default: str, languages: list[str]) -> Iterator[Diagnostic]:
    src = item.source
    others = [lang for lang in languages if lang != default]
    missing: dict[str, list[str]] = {lang: [] for lang in others}
    translated: set[str] = set()
    for loc, value in texts(item.obj):
        if isinstance(value, str):
            if loc[0] not in UNTRANSLATED:
                for lang in others:
                    missing[lang].append(dotted(loc))
            continue
        translated.update(value)
        if loc[0] in UNTRANSLATED and default in value:
            continue
        key = dotted(loc)
        if default not in value:
            line, col = src.where(loc)
            yield Diagnostic.error(src.path, line, col, key, f"no {language_name(default)} text",
                                   f"add `{default}: …` — every text must exist in the default language")
        for lang in value:
            if lang not in languages:
                near = suggest(lang, languages)
                yield Diagnostic.warning(src.path, *src.where(loc + (lang,), key=True), f"{key}.{lang}",
                                         f"`{lang}` is not one of the site's languages ({', '.join(languages)}); the text is never shown",
                                         f"did you mean `{near}`?" if near else f"add `{lang}` to `languages` in site.yaml, or remove it",
                                         "unknown-language")
        if loc[0] not in UNTRANSLATED:
            for lang in others:
                if lang not in value:
                    missing[lang].append(key)
    for lang, keys in missing.items():
        if not keys:
            continue
        if lang not in translated:  # nothing in this language yet: one line for the whole file
            yield Diagnostic.warning(src.path, 1, 1, "(file)", f"not translated into {language_name(lang)}",
                                     f"add `{lang}: …` to its texts; until then the {language_name(default)} text is shown with a notice",
                                     f"untranslated:{lang}")
            continue
        line, col = src.where(_first_loc(keys))
        listed = ", ".join(keys[:4]) + (f" and {len(keys) - 4} more" if len(keys) > 4 else "")
        yield Diagnostic.warning(src.path, line, col, keys[0],
                                 f"no {language_name(lang)} translation for {listed}",
                                 f"add `{lang}: …` to these texts; until then the {language_name(default)} text is shown with a notice",
                                 f"untranslated:{lang}")


def _first_loc(keys: list[str]) -> tuple[Any, ...]:
    first = keys[0]
    loc: list[Any] = []
    for part in re.findall(r"[^.\[\]]+", first):
        loc.append(int(part) if part.isdigit() else part)
    return tuple(loc)
