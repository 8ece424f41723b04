"""Compiling catalogue/forms/ into the forms contract (docs/forms-contract.md) for functions/.

The functions never read YAML or import civicat: this JSON is all they know. Every text is
resolved here into a map with every site language (falling back to the default language), so the
function can answer in the citizen's language without any i18n logic of its own: its own words
come from the ``functions:`` section of the site's string table (civicat/i18n/<lang>.yaml), as
``strings[lang]``, with the plural rule of each language; each field's browser and server rules
come from ``fieldrules``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from . import hours
from .catalogue import Catalogue
from .catalogue.model import Form, FormField
from .catalogue.text import localize
from .render.strings import Strings
from . import fieldrules

CONTRACT_PATH = Path("functions/chalicelib/forms.json")
VERSION = 2
"""2: the function's words (``strings``), plural rules and each field's ``input`` and ``format``."""
MIME = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
PLURAL_LETTERS = {"zero": "z", "one": "o", "two": "t", "few": "f", "many": "m", "other": "x"}
"""``site.plurals[lang]``: the plural category of 0 … 199, one letter each (docs/forms-contract.md)."""
SHARED = {
    "problem_title": "form.problem", "error_prefix": "form.error_prefix", "submit": "form.send",
    "consent_required": "form.consent_required", "honeypot_label": "form.honeypot", "too_large": "form.too_large",
    "thanks_reference": "form.reference", "choose": "form.choose",
    "location_legend": "form.location.legend", "location_address": "form.location.address",
    "location_lat": "form.location.lat", "location_lon": "form.location.lon", "location_both": "form.location.both",
    "location_lat_invalid": "form.location.lat_invalid", "location_lon_invalid": "form.location.lon_invalid",
    "location_address_too_long": "form.location.address_too_long", "location_hint": "form.location.hint",
    "location_lat_hint": "form.location.lat_hint", "location_lon_hint": "form.location.lon_hint",
    "attachments_label": "form.files.label", "attachments_hint": "form.files.hint",
    "attachments_too_many": "form.files.too_many", "attachment_type": "form.files.type",
    "attachment_too_large": "form.files.too_large", "attachment_empty": "form.files.empty",
    "privacy_title": "form.privacy.title", "privacy_summary": "form.privacy.summary",
    "privacy_details": "form.privacy.details", "count_limit": "form.count.limit",
    "home": "nav.home", "decimal": "decimal", "date": "date", "months": "months",
    "language_name": "name", "dir": "dir",
}
"""Words the function says exactly as the site's form page does: the function's key → the key in
civicat/i18n/<lang>.yaml. The function's own words are that file's ``functions:`` section. The
staff pages use the language's own name and direction for their language switch and ``<html>``,
and the table's ``language_names`` (compiled as ``language_names.<code>``)."""
STRING_SECTIONS = ("functions",)
"""Sections of civicat/i18n/<lang>.yaml compiled into ``strings`` (flattened with dots, the
section's own name left out: ``functions.mail.greeting`` → ``mail.greeting``). Staff pages add
their words under ``functions: staff:`` and read them as ``staff.…``."""
COMPILE_ONLY = ("field.",)
"""Message templates filled in per field here; the functions get the filled-in messages."""
_INVALID = {"email": "email", "tel": "tel", "number": "number", "date": "date", "postcode": "postcode",
            "select": "choose", "radio": "choose", "checkboxes": "choose"}


def _is_plural(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= set(PLURAL_CATEGORIES)


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and not _is_plural(value):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def compile_strings(lang: str) -> dict[str, Any]:
    """The function's words in ``lang``: its own sections, then the words it shares with the site."""
    strings = Strings(lang)
    out: dict[str, Any] = {}
    for section in STRING_SECTIONS:
        out.update({key: value for key, value in _flatten(strings.get(section)).items()
                    if not key.startswith(COMPILE_ONLY)})
    for key, site_key in SHARED.items():
        out[key] = strings.get(site_key)
    # Every language's name in ``lang`` (the staff pages name the language a person wrote in).
    for code, name in strings.get("language_names").items():
        out[f"language_names.{code}"] = name
    return dict(sorted(out.items()))


def plural_category(lang: str, number: int) -> str:
    """CLDR's plural category of a whole number in ``lang`` (babel, which mkdocs-material brings)."""
    from babel import Locale

    return Locale.parse(lang).plural_form(number)


def plural_table(lang: str) -> str:
    """The category of 0 … 199, a letter each: 100 + n % 100 stands for every larger n (every
    CLDR rule of whole numbers in our languages looks at n % 100 and at n itself only below 100)."""
    return "".join(PLURAL_LETTERS[plural_category(lang, number)] for number in range(200))


def _pick(template: Any, lang: str, number: Any) -> str:
    if not _is_plural(template):
        return template
    whole = int(number) if isinstance(number, (int, float)) and float(number).is_integer() else None
    category = plural_category(lang, whole) if whole is not None else "other"
    return template.get(category) or template["other"]


def _all(value: Any, catalogue: Catalogue) -> dict[str, str] | None:
    """A text resolved for every site language (the default language's text where one is missing)."""
    if value is None:
        return None
    site = catalogue.site
    return {lang: localize(value, lang, site.default_language).text for lang in site.languages}  # type: ignore[union-attr]


def _html(value: Any, catalogue: Catalogue) -> dict[str, str] | None:
    """An editor's block of text (Markdown allowed) as HTML in every site language, rendered and
    escaped as the site renders it: the function shows it as it is (the status page's thanks)."""
    texts = _all(value, catalogue)
    if texts is None:
        return None
    from .render.markup import MarkdownRenderer, block_html

    md = MarkdownRenderer()
    return {lang: str(block_html(text, md)) for lang, text in texts.items()}


def _message(key: str, labels: dict[str, str], languages: list[str], default: str, **numbers: Any) -> dict[str, str]:
    out = {}
    count = next(iter(numbers.values()), None)
    for lang in languages:
        template = _pick(Strings(lang).get(f"functions.field.{key}"), lang, count)
        out[lang] = template.format(label=labels[lang], count=_num(count), **{k: _num(v) for k, v in numbers.items()})
    return out


def _num(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _field(fld: FormField, catalogue: Catalogue) -> dict[str, Any]:
    site = catalogue.site
    labels = _all(fld.label, catalogue)
    assert labels is not None
    args = (labels, site.languages, site.default_language)
    messages: dict[str, Any] = {"required": _message("choose" if fld.type in ("select", "radio", "checkboxes", "checkbox") else "required", *args)}
    if fld.max_length is not None:
        messages["too_long"] = _message("too_long", *args, max=fld.max_length)
    if fld.min_length is not None:
        messages["too_short"] = _message("too_short", *args, min=fld.min_length)
    if fld.pattern is not None:
        messages["pattern"] = _all(fld.pattern_message, catalogue) or _message("pattern", *args)
    if fld.type in _INVALID:
        messages["invalid"] = _message(_INVALID[fld.type], *args)
    if fld.min is not None or fld.max is not None:
        messages["range"] = _message("range", *args, min=fld.min if fld.min is not None else "…", max=fld.max if fld.max is not None else "…")
    return {
        "name": fld.name, "type": fld.type, "required": fld.required,
        "min_length": fld.min_length, "max_length": fld.max_length, "min": fld.min, "max": fld.max,
        "pattern": fld.pattern,
        "options": [{"value": o.value, "label": _all(o.label, catalogue)} for o in fld.options],
        "label": labels, "hint": _all(fld.hint, catalogue),
        "input": fieldrules.input_attributes(fld.type, fld.name, pattern=fld.pattern, autocomplete_given=fld.autocomplete,
                                             min_length=fld.min_length, max_length=fld.max_length),
        "format": fieldrules.type_format(fld.type), "width": fld.width,
        "messages": messages,
    }


def staff_offices(form: Form, catalogue: Catalogue) -> list[str]:
    """Whose staff work a form's submissions: the recipient office, and for an application for a
    service, the service's responsible office (the first it lists) too."""
    offices = [form.recipient]
    service = catalogue.services.get(form.service) if form.service else None
    if service is not None and service.offices and service.offices[0] not in offices:
        offices.append(service.offices[0])
    return offices


HOLIDAY_YEARS = 4
"""Years of public holidays in the contract, from the year before the build on: the functions
count working days for the staff inbox's "overdue" without the holidays package. Rebuilt weekly
anyway (opening hours need it too); beyond the last year only weekends are skipped."""


def holidays(region: str, today: dt.date) -> list[str]:
    return [day.isoformat() for year in range(today.year - 1, today.year - 1 + HOLIDAY_YEARS)
            for day in hours.public_holidays(region, year)]


def _signature(form: Form) -> dict[str, Any] | None:
    """``{"mode": "required"|"optional", "level": "advanced"|"qualified"}``, or None (no check)."""
    rule = form.attachments
    if rule is None or rule.signature == "none":
        return None
    return {"mode": rule.signature, "level": rule.signature_level}


def _form(form: Form, catalogue: Catalogue) -> dict[str, Any]:
    site = catalogue.site
    office = catalogue.offices[form.recipient]
    base = urlparse(site.base_url).path.rstrip("/")
    attachments = None
    if form.attachments is not None:
        attachments = {"max_files": form.attachments.max_files,
                       "max_size_bytes": int(form.attachments.max_size_mb * 1024 * 1024),
                       "types": [MIME[t] for t in form.attachments.types],
                       "accept": fieldrules.accept([MIME[t] for t in form.attachments.types]),
                       "label": _all(form.attachments.label, catalogue),
                       "signature": _signature(form)}
    return {
        "id": form.id, "kind": form.kind, "title": _all(form.title, catalogue),
        "reference_prefix": form.reference_prefix or site.reference_prefix,
        "service_code": form.service_code or form.id,
        "recipient": {"office": office.id, "email": form.recipient_email or office.contact.email,
                      "name": _all(office.name, catalogue)},
        "offices": staff_offices(form, catalogue), "target_days": form.target_days,
        "retention_days": form.retention_days, "confirmation": form.confirmation,
        "location": form.location, "attachments": attachments, "consent": form.consent is not None,
        "consent_text": _all(form.consent, catalogue),
        "thank_you": _html(form.thank_you, catalogue),
        "fields": [_field(f, catalogue) for f in form.fields],
        "pages": {
            "form": {lang: f"{base}/{lang}/formulare/{form.id}/" for lang in site.languages},
        },
    }


def compile_contract(catalogue: Catalogue, today: dt.date | None = None) -> dict[str, Any]:
    """The contract; ``today`` fixes the years of public holidays it carries (default: now)."""
    site = catalogue.site
    parsed = urlparse(site.base_url)
    forms = {form_id: _form(catalogue.forms[form_id], catalogue) for form_id in sorted(catalogue.forms)}
    used = sorted({office for form in forms.values() for office in form["offices"]})
    return {
        "version": VERSION,
        "site": {
            "name": _all(site.name, catalogue), "base_url": site.base_url,
            "origins": [f"{parsed.scheme}://{parsed.netloc}"],
            "default_language": site.default_language, "languages": site.languages,
            "reference_prefix": site.reference_prefix, "timezone": site.timezone,
            "plurals": {lang: plural_table(lang) for lang in site.languages},
            "coordinate_pattern": fieldrules.COORDINATE,
            "holidays": holidays(site.region, today or dt.date.today()),
        },
        "strings": {lang: compile_strings(lang) for lang in site.languages},
        # Names of the offices that work submissions, for the staff pages.
        "offices": {office_id: {"name": _all(catalogue.offices[office_id].name, catalogue)} for office_id in used},
        "forms": forms,
    }


def render(catalogue: Catalogue, today: dt.date | None = None) -> str:
    return json.dumps(compile_contract(catalogue, today), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write(catalogue: Catalogue, path: Path = CONTRACT_PATH, today: dt.date | None = None) -> Path:
    """Write the contract by renaming a finished file over it: under ``civicat serve`` the API
    re-reads it when it changes and must never read it half written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(render(catalogue, today), encoding="utf-8")
    os.replace(partial, path)
    return path
