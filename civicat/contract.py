"""Compiling catalogue/forms/ into the forms contract (docs/forms-contract.md) for functions/.

The functions never read YAML or import civicat: this JSON is all they know. Every text is
resolved here into a map with every site language (falling back to the default language), so the
function can answer in the citizen's language without any i18n logic of its own.
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

CONTRACT_PATH = Path("functions/chalicelib/forms.json")
MIME = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}

# Messages in the GOV.UK style: say what to do, name the field. {label}, {min}, {max} are filled in.
MESSAGES: dict[str, dict[str, str]] = {
    "required": {"de": "Füllen Sie „{label}“ aus", "en": "Enter “{label}”", "ar": "يرجى ملء حقل «{label}»",
                 "bg": "Попълнете „{label}“", "sl": "Izpolnite »{label}«"},
    "choose": {"de": "Wählen Sie bei „{label}“ eine Antwort aus", "en": "Select an answer for “{label}”",
               "ar": "يرجى اختيار إجابة في «{label}»", "bg": "Изберете отговор за „{label}“",
               "sl": "Izberite odgovor za »{label}«"},
    "too_long": {"de": "„{label}“ darf höchstens {max} Zeichen lang sein", "en": "“{label}” must be {max} characters or fewer",
                 "ar": "يجب ألا يزيد «{label}» عن {max} حرفًا", "bg": "„{label}“ трябва да е най-много {max} знака",
                 "sl": "»{label}« ima lahko največ {max} znakov"},
    "too_short": {"de": "„{label}“ muss mindestens {min} Zeichen lang sein", "en": "“{label}” must be {min} characters or more",
                  "ar": "يجب ألا يقل «{label}» عن {min} أحرف", "bg": "„{label}“ трябва да е поне {min} знака",
                  "sl": "»{label}« mora imeti vsaj {min} znakov"},
    "pattern": {"de": "Geben Sie „{label}“ im richtigen Format ein", "en": "Enter “{label}” in the correct format",
                "ar": "يرجى إدخال «{label}» بالصيغة الصحيحة", "bg": "Въведете „{label}“ в правилния формат",
                "sl": "Vnesite »{label}« v pravilni obliki"},
    "email": {"de": "Geben Sie eine E-Mail-Adresse im richtigen Format ein, z. B. name@beispiel.de",
              "en": "Enter an email address in the correct format, like name@example.com",
              "ar": "يرجى إدخال بريد إلكتروني بصيغة صحيحة، مثل name@example.com",
              "bg": "Въведете имейл адрес в правилен формат, напр. name@example.com",
              "sl": "Vnesite e-poštni naslov v pravilni obliki, npr. ime@primer.si"},
    "tel": {"de": "Geben Sie eine Telefonnummer ein, z. B. 03621 123456", "en": "Enter a telephone number, like 03621 123456",
            "ar": "يرجى إدخال رقم هاتف، مثل 03621 123456", "bg": "Въведете телефонен номер, напр. 03621 123456",
            "sl": "Vnesite telefonsko številko, npr. 03621 123456"},
    "number": {"de": "„{label}“ muss eine Zahl sein", "en": "“{label}” must be a number", "ar": "يجب أن يكون «{label}» رقمًا",
               "bg": "„{label}“ трябва да е число", "sl": "»{label}« mora biti število"},
    "range": {"de": "„{label}“ muss zwischen {min} und {max} liegen", "en": "“{label}” must be between {min} and {max}",
              "ar": "يجب أن يكون «{label}» بين {min} و{max}", "bg": "„{label}“ трябва да е между {min} и {max}",
              "sl": "»{label}« mora biti med {min} in {max}"},
    "date": {"de": "„{label}“ muss ein gültiges Datum sein", "en": "“{label}” must be a real date",
             "ar": "يجب أن يكون «{label}» تاريخًا صحيحًا", "bg": "„{label}“ трябва да е валидна дата",
             "sl": "»{label}« mora biti veljaven datum"},
    "postcode": {"de": "Geben Sie eine Postleitzahl mit 5 Ziffern ein, z. B. 99880", "en": "Enter a 5-digit postcode, like 99880",
                 "ar": "يرجى إدخال رمز بريدي من 5 أرقام، مثل 99880", "bg": "Въведете пощенски код от 5 цифри, напр. 99880",
                 "sl": "Vnesite 5-mestno poštno številko, npr. 99880"},
}
_INVALID = {"email": "email", "tel": "tel", "number": "number", "date": "date", "postcode": "postcode",
            "select": "choose", "radio": "choose", "checkboxes": "choose"}


def _all(value: Any, catalogue: Catalogue) -> dict[str, str] | None:
    """A text resolved for every site language (the default language's text where one is missing)."""
    if value is None:
        return None
    site = catalogue.site
    return {lang: localize(value, lang, site.default_language).text for lang in site.languages}  # type: ignore[union-attr]


def _message(key: str, labels: dict[str, str], languages: list[str], default: str, **numbers: Any) -> dict[str, str]:
    out = {}
    for lang in languages:
        template = MESSAGES[key].get(lang, MESSAGES[key]["en" if "en" in MESSAGES[key] else default])
        out[lang] = template.format(label=labels[lang], **{k: _num(v) for k, v in numbers.items()})
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
        "label": labels, "hint": _all(fld.hint, catalogue), "autocomplete": fld.autocomplete,
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
        "fields": [_field(f, catalogue) for f in form.fields],
        "pages": {
            "form": {lang: f"{base}/{lang}/formulare/{form.id}/" for lang in site.languages},
            "thanks": {lang: f"{base}/{lang}/formulare/{form.id}/danke/" for lang in site.languages},
        },
    }


def compile_contract(catalogue: Catalogue, today: dt.date | None = None) -> dict[str, Any]:
    """The contract; ``today`` fixes the years of public holidays it carries (default: now)."""
    site = catalogue.site
    parsed = urlparse(site.base_url)
    forms = {form_id: _form(catalogue.forms[form_id], catalogue) for form_id in sorted(catalogue.forms)}
    used = sorted({office for form in forms.values() for office in form["offices"]})
    return {
        "version": 1,
        "site": {
            "name": _all(site.name, catalogue), "base_url": site.base_url,
            "origins": [f"{parsed.scheme}://{parsed.netloc}"],
            "default_language": site.default_language, "languages": site.languages,
            "reference_prefix": site.reference_prefix, "timezone": site.timezone,
            "holidays": holidays(site.region, today or dt.date.today()),
        },
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
