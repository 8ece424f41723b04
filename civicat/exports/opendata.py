"""The open data files of every build, in ``open-data/`` at the site root:

- ``catalogue.json`` — the whole catalogue in one document, valid against ``catalogue.schema.json``
  (the editors' schemas of each kind, one ``$defs`` entry each);
- ``services.csv`` — one row per service and language; ``offices.csv`` — one row per office and
  language, with address, coordinates and the OSM ``opening_hours``;
- ``calendar/<office>.ics`` — per office the days of the coming year that differ from its regular
  week (closures, special hours, public holidays on which it would be open), RFC 5545;
- ``cpsv-ap.ttl`` — CPSV-AP 3.2 (``cpsvap``) in Turtle; ``civicat export cpsv-ap`` writes JSON-LD too
  (at 2,000 services each serialization costs seconds, and one file is what a portal harvests);
- ``dcat-ap.ttl`` — a DCAT-AP description of all of them for open-data portals to harvest.

Every file is made from the catalogue and the build day only, so the same input gives the same
bytes. "Last change" is the newest ``last_reviewed`` of the services for what the catalogue says,
and the build day for the calendars, which are computed from it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .. import hours
from ..catalogue.schema import schema_for
from ..catalogue.text import localize

FOLDER = "open-data"
I18N = Path(__file__).resolve().parent.parent / "i18n"
KINDS = ("json", "schema", "services_csv", "offices_csv", "cpsv_turtle", "cpsv_jsonld", "calendar", "dcat")
FORMATS = {  # kind → (media type, EU file type)
    "json": ("application/json", "JSON"), "schema": ("application/schema+json", "JSON"),
    "services_csv": ("text/csv", "CSV"), "offices_csv": ("text/csv", "CSV"),
    "cpsv_turtle": ("text/turtle", "RDF_TURTLE"), "cpsv_jsonld": ("application/ld+json", "JSON_LD"),
    "calendar": ("text/calendar", "ICS"), "dcat": ("text/turtle", "RDF_TURTLE"),
}
FORMAT_NAMES = {"json": "JSON", "schema": "JSON Schema", "services_csv": "CSV", "offices_csv": "CSV",
                "cpsv_turtle": "Turtle (RDF)", "cpsv_jsonld": "JSON-LD (RDF)", "calendar": "iCalendar",
                "dcat": "Turtle (RDF)"}
CALENDAR_DAYS = 365


@dataclass
class DataFile:
    path: str
    """Below the site root, e.g. ``open-data/services.csv``."""
    kind: str
    content: bytes | None
    """None where another process made the file (``Elsewhere``): then ``length`` says its size."""
    changed: dt.date
    office: str | None = None
    """The office a calendar belongs to."""
    length: int | None = None

    @property
    def size(self) -> int:
        return len(self.content) if self.content is not None else (self.length or 0)

    @property
    def media_type(self) -> str:
        return FORMATS[self.kind][0]

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES[self.kind]


@lru_cache(maxsize=None)
def words(lang: str) -> dict[str, Any]:
    """The ``open_data`` section of a language's UI strings (civicat/i18n), for the calendars'
    and the DCAT description's words."""
    return yaml.safe_load((I18N / f"{lang}.yaml").read_text(encoding="utf-8"))["open_data"]


def text(value: Any, lang: str, default: str) -> str:
    found = localize(value, lang, default)
    return found.text if found else ""


def data_changed(catalogue: Any) -> dt.date:
    """When what the catalogue says last changed, as its editors recorded it."""
    return max((s.last_reviewed for s in catalogue.services.values()), default=dt.date(1970, 1, 1))


# --- the files ---------------------------------------------------------------------------------


def catalogue_json(catalogue: Any) -> bytes:
    dump = lambda obj: _plain(obj.model_dump(mode="python", exclude_none=True, warnings=False))  # noqa: E731
    document = {
        "$schema": "catalogue.schema.json",
        "site": dump(catalogue.site),
        "topics": dump(catalogue.topics),
        "offices": {oid: dump(o) for oid, o in sorted(catalogue.offices.items())},
        "services": {sid: dump(s) for sid, s in sorted(catalogue.services.items())},
        "forms": {fid: dump(f) for fid, f in sorted(catalogue.forms.items())},
    }
    return _json(document)


def _plain(value: Any) -> Any:
    """Model data as JSON types: amounts as numbers (the schema says number), dates as text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def catalogue_schema(base_url: str) -> bytes:
    defs = {kind: schema_for(kind) for kind in ("site", "topics", "office", "service", "form")}
    for schema in defs.values():
        schema.pop("$schema", None)
    by_id = lambda kind: {"type": "object", "additionalProperties": {"$ref": f"#/$defs/{kind}"}}  # noqa: E731
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}{FOLDER}/catalogue.schema.json",
        "title": "civicat catalogue",
        "description": "The whole service catalogue in one document: the site, topics, offices, services and forms "
                       "by id, each as editors write it (docs/catalogue.md).",
        "type": "object",
        "required": ["site", "topics", "offices", "services", "forms"],
        "properties": {"$schema": {"type": "string"}, "site": {"$ref": "#/$defs/site"},
                       "topics": {"$ref": "#/$defs/topics"}, "offices": by_id("office"),
                       "services": by_id("service"), "forms": by_id("form")},
        "additionalProperties": False,
        "$defs": defs,
    }
    return _json(schema)


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, default=str) + "\n").encode("utf-8")


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def services_csv(catalogue: Any) -> bytes:
    site = catalogue.site
    default, base = site.default_language, str(site.base_url)
    header = ["id", "language", "text_language", "title", "summary", "leika", "url", "offices", "topics",
              "life_situations", "audiences", "free", "costs", "processing_time", "online_url", "last_reviewed"]
    rows = []
    for sid, s in sorted(catalogue.services.items()):
        for lang in site.languages:
            title = localize(s.title, lang, default)
            costs = "; ".join(
                f"{text(c.label, lang, default)}: {c.amount if c.amount is not None else ''}"
                f"{'–' + str(c.amount_to) if c.amount_to is not None else ''} EUR".replace(":  EUR", "")
                for c in s.costs)
            rows.append([sid, lang, title.lang if title else lang, title.text if title else "",
                         text(s.summary, lang, default), s.leika, f"{base}{lang}/leistungen/{sid}/",
                         " ".join(s.offices), " ".join(s.topics), " ".join(s.life_situations), " ".join(s.audiences),
                         "true" if s.free else "false", costs, text(s.processing_time, lang, default),
                         s.online.url if s.online else None, s.last_reviewed.isoformat()])
    return _csv(header, rows)


def offices_csv(catalogue: Any) -> bytes:
    site = catalogue.site
    default, base = site.default_language, str(site.base_url)
    header = ["id", "language", "name", "street", "postal_code", "locality", "country", "lat", "lon", "phone", "email",
              "opening_hours", "url", "calendar"]
    rows = []
    for oid, o in sorted(catalogue.offices.items()):
        for lang in site.languages:
            rows.append([oid, lang, text(o.name, lang, default), o.address.street, o.address.postal_code,
                         o.address.locality, o.address.country, o.geo.lat if o.geo else None,
                         o.geo.lon if o.geo else None, o.contact.phone, o.contact.email, o.opening_hours,
                         f"{base}{lang}/dienststellen/{oid}/", f"{base}{FOLDER}/calendar/{oid}.ics"])
    return _csv(header, rows)


def calendar(catalogue: Any, oid: str, today: dt.date) -> bytes:
    """The office's days that differ from its regular week over the coming year, as all-day events
    (a run of days with one reason is one event), in the site's default language."""
    from icalendar import Calendar, Event

    site = catalogue.site
    lang = site.default_language
    w = words(lang)
    office = catalogue.offices[oid]
    host = str(site.base_url).split("//", 1)[-1].split("/", 1)[0]
    cal = Calendar()
    cal.add("prodid", "-//civicat//open data//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{text(office.name, lang, lang)} – {w['calendar_name']}")
    cal.add("x-wr-timezone", site.timezone)
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.timezone.utc)
    days = hours.closed_days(office.schedule(site, lang), today, CALENDAR_DAYS, lang)
    for first, last, reason, times in _runs(days):
        event = Event()
        event.add("uid", f"{oid}-{first.isoformat()}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", first)
        event.add("dtend", last + dt.timedelta(days=1))
        if times:
            spans = ", ".join(f"{a}–{b}" for a, b in times)
            event.add("summary", f"{w['calendar_special'].format(times=spans)}: {reason}")
        else:
            event.add("summary", f"{w['calendar_closed']}: {reason}")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _runs(days: list) -> list[tuple[dt.date, dt.date, str, tuple]]:
    runs: list[tuple[dt.date, dt.date, str, tuple]] = []
    for day in days:
        if runs and runs[-1][1] + dt.timedelta(days=1) == day.day and runs[-1][2:] == (day.reason, day.times):
            runs[-1] = (runs[-1][0], day.day, day.reason, day.times)
        else:
            runs.append((day.day, day.day, day.reason, day.times))
    return runs


# --- all of them -------------------------------------------------------------------------------


def plan(catalogue: Any, today: dt.date) -> list[DataFile]:
    """Every open data file without its content, in ``files``' order: what the "Open data" page
    needs besides the sizes, cheap to know."""
    changed = data_changed(catalogue)
    kinds = [("catalogue.json", "json"), ("catalogue.schema.json", "schema"), ("services.csv", "services_csv"),
             ("offices.csv", "offices_csv"), ("cpsv-ap.ttl", "cpsv_turtle")]
    made = [DataFile(f"{FOLDER}/{name}", kind, None, changed) for name, kind in kinds]
    made += [DataFile(f"{FOLDER}/calendar/{oid}.ics", "calendar", None, today, oid) for oid in sorted(catalogue.offices)]
    made.append(DataFile(f"{FOLDER}/dcat-ap.ttl", "dcat", None, max(changed, today)))
    return made


def files(catalogue: Any, today: dt.date | None = None) -> list[DataFile]:
    """Every open data file, the DCAT-AP description last (it describes the others)."""
    from . import cpsvap, dcat

    today = today or dt.date.today()
    base = str(catalogue.site.base_url)
    contents = {
        "json": lambda _f: catalogue_json(catalogue),
        "schema": lambda _f: catalogue_schema(base),
        "services_csv": lambda _f: services_csv(catalogue),
        "offices_csv": lambda _f: offices_csv(catalogue),
        "cpsv_turtle": lambda _f: cpsvap.serialize(cpsvap.triples(catalogue), "turtle").encode("utf-8"),
        "calendar": lambda f: calendar(catalogue, f.office, today),
    }
    made: list[DataFile] = []
    for planned in plan(catalogue, today):
        if planned.kind == "dcat":  # it describes the files before it, sizes included
            content = dcat.describe(catalogue, made, today).encode("utf-8")
        else:
            content = contents[planned.kind](planned)
        made.append(replace(planned, content=content))
    return made


class Elsewhere:
    """The open data files of one catalogue and day, being made by another process (``civicat
    build`` makes them beside its language workers); made before the processes fork, so that each
    of them knows when the files are written and how large each one is."""

    def __init__(self, catalogue: Any, today: dt.date, context: Any):
        self.planned = plan(catalogue, today)
        self.sizes = context.Array("q", len(self.planned), lock=False)
        self.written = context.Event()

    def make(self, catalogue: Any, out: Path, today: dt.date) -> None:
        """In the process that makes them: make and write the files, then tell the others."""
        made = files(catalogue, today)
        if [f.path for f in made] != [f.path for f in self.planned]:  # the pages would list other files
            raise RuntimeError("opendata.plan() and opendata.files() list different files; keep them in step")
        write_files(made, out)
        for n, data in enumerate(made):
            self.sizes[n] = data.size
        self.written.set()

    def done(self) -> bool:
        return self.written.is_set()

    def result(self) -> list[DataFile]:
        """The files (their sizes, no content), once written: waits for them."""
        self.written.wait()
        return [replace(f, length=self.sizes[n]) for n, f in enumerate(self.planned)]


_MADE: dict[int, tuple[Any, dt.date, list[DataFile]]] = {}
_ELSEWHERE: dict[int, tuple[Any, dt.date, Elsewhere]] = {}


def made_elsewhere(catalogue: Any, today: dt.date, elsewhere: Elsewhere) -> None:
    """From now on ``cached`` takes this catalogue's files of ``today`` from ``elsewhere``."""
    import weakref

    _ELSEWHERE.clear()
    _ELSEWHERE[id(catalogue)] = (weakref.ref(catalogue), today, elsewhere)


def forget() -> None:
    """Make the files anew at the next ``cached``."""
    _MADE.clear()
    _ELSEWHERE.clear()


def cached(catalogue: Any, today: dt.date | None = None, *, wait: bool = True) -> list[DataFile] | None:
    """``files`` once per catalogue object and day, so that each language's "Open data" page lists
    the very files written at the root. Where another process makes them (``made_elsewhere``):
    their sizes, once it has written them; None then if they are not yet written and not ``wait``.
    A catalogue changed in place (``civicat serve`` after an edit) keeps the files of its last full
    build, as the site root does: the preview does not rewrite them."""
    import weakref

    day = today or dt.date.today()
    found = _MADE.get(id(catalogue))
    if found is None or found[0]() is not catalogue or found[1] != day:
        other = _ELSEWHERE.get(id(catalogue))
        if other is not None and other[0]() is catalogue and other[1] == day:
            if not wait and not other[2].done():
                return None
            made = other[2].result()
        else:
            made = files(catalogue, day)
        _MADE.clear()
        found = _MADE[id(catalogue)] = (weakref.ref(catalogue), day, made)
    return found[2]


def write(catalogue: Any, out: Path, today: dt.date | None = None) -> list[Path]:
    """Write the files below ``out`` (the site root); returns their paths."""
    return write_files(cached(catalogue, today), out)


def write_files(made: list[DataFile], out: Path) -> list[Path]:
    written = []
    for data in made:
        target = Path(out) / data.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.content)
        written.append(target)
    return written
