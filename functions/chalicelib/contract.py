"""The forms contract (``forms.json``) as typed, read-only records.

``civicat forms compile`` writes the file; its shape is described in ``docs/forms-contract.md``.
It is loaded once per path on first use and checked just enough to fail loudly on a wrong version
or a missing key, naming the form and key, instead of failing later inside a request.
"""
import json
import os
import re
from typing import NamedTuple

from . import settings

VERSION = 2
KINDS = ("contact", "feedback", "application", "accessibility")
FIELD_TYPES = ("text", "textarea", "email", "tel", "number", "date", "postcode",
               "select", "radio", "checkbox", "checkboxes")


class ContractError(ValueError):
    """``forms.json`` does not have the shape this code implements."""


class Option(NamedTuple):
    value: str
    label: dict


class Field(NamedTuple):
    name: str
    type: str
    required: bool
    min_length: int | None
    max_length: int | None
    min: float | str | None
    max: float | str | None
    pattern: "re.Pattern | None"
    pattern_source: str | None
    options: tuple
    label: dict
    hint: dict | None
    messages: dict
    #: The control's HTML attributes (type, autocomplete, inputmode, pattern, lengths …).
    input: dict = {}
    #: The check the type implies (e.g. a postcode's 5 digits), matched against the whole value.
    format: "re.Pattern | None" = None
    #: short, medium or long: the input's size matches the answer (the site's ``cc-input--*``).
    width: str = "long"

    @property
    def option_values(self) -> tuple:
        return tuple(option.value for option in self.options)


class SignatureRule(NamedTuple):
    """Whether attached PDFs must be electronically signed, and at which level at least."""

    mode: str    # required | optional
    level: str   # advanced | qualified

    @property
    def required(self) -> bool:
        return self.mode == "required"


SIGNATURE_MODES = ("required", "optional")
SIGNATURE_LEVELS = ("advanced", "qualified")


class Attachments(NamedTuple):
    max_files: int
    max_size_bytes: int
    types: tuple
    #: None: PDFs are not checked for signatures.
    signature: SignatureRule | None = None
    #: The file input's ``accept`` (types and file name endings), as on the site's form.
    accept: str = ""
    #: The file input's label (a language map), when the form names what to attach.
    label: dict | None = None


class Form(NamedTuple):
    id: str
    kind: str
    title: dict
    reference_prefix: str
    service_code: str
    recipient: dict
    retention_days: int
    confirmation: bool
    location: bool
    attachments: Attachments | None
    consent: bool
    fields: tuple
    pages: dict
    consent_text: dict | None = None
    #: HTML per language (rendered and escaped by the compiler): what the office says after sending.
    thank_you: dict | None = None
    #: Offices whose staff work this form's submissions (the recipient first).
    offices: tuple = ()
    #: Working days within which the office aims to answer (None: no target).
    target_days: int | None = None

    def field(self, name: str) -> Field | None:
        for field in self.fields:
            if field.name == name:
                return field
        return None


class Site(NamedTuple):
    #: A string or a language map (the compiler writes a map).
    name: "str | dict"
    base_url: str
    origins: tuple
    default_language: str
    languages: tuple
    reference_prefix: str
    timezone: str
    #: Per language the CLDR plural category of 0 … 199, one letter each (see ``i18n.plural``).
    plurals: dict = {}
    #: The browser's ``pattern`` of latitude and longitude (forms with a location).
    coordinate_pattern: str | None = None
    #: The region's public holidays (ISO dates) for the years around the build.
    holidays: frozenset = frozenset()

    def title(self, lang: str) -> str:
        """The site's name in ``lang`` (default language if missing)."""
        return text(self.name, lang, self.default_language)


class Contract(NamedTuple):
    version: int
    site: Site
    forms: dict
    #: The function's own words per site language (``i18n.t``), flat keys: ``mail.greeting``.
    strings: dict = {}
    #: office id → {"name": language map}, for the offices that work submissions.
    offices: dict = {}

    def office_name(self, office_id: str, lang: str) -> str:
        office = self.offices.get(office_id)
        return text(office["name"], lang, self.site.default_language) if office else office_id


def text(value, lang: str, default_lang: str) -> str:
    """A language map's text in ``lang``, else the default language, else any; strings as is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get(default_lang) or next(iter(value.values()), "")


_cache: dict = {}


def load(path: str | None = None) -> Contract:
    """The contract at ``path`` (default: ``settings.forms_path()``), parsed again only when the
    file changes (``civicat serve`` rewrites it when an editor changes a form)."""
    path = path or settings.forms_path()
    stamp = os.stat(path).st_mtime_ns
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        with open(path, encoding="utf-8") as handle:
            cached = _cache[path] = (stamp, parse(json.load(handle)))
    return cached[1]


def parse(raw: dict) -> Contract:
    """Build the records from the decoded JSON, raising ContractError with the failing key."""
    if raw.get("version") != VERSION:
        raise ContractError(f"forms.json: version: expected {VERSION}, got {raw.get('version')!r} "
                            "— compile it again with `civicat forms`")
    try:
        site_raw = raw["site"]
        site = Site(
            name=site_raw["name"],
            base_url=site_raw["base_url"],
            origins=tuple(o.rstrip("/") for o in site_raw.get("origins") or ()),
            default_language=site_raw["default_language"],
            languages=tuple(site_raw.get("languages") or (site_raw["default_language"],)),
            reference_prefix=site_raw.get("reference_prefix") or "REF",
            timezone=site_raw.get("timezone") or "Europe/Berlin",
            plurals=site_raw.get("plurals") or {},
            coordinate_pattern=site_raw.get("coordinate_pattern"),
            holidays=frozenset(site_raw.get("holidays") or ()),
        )
    except KeyError as missing:
        raise ContractError(f"forms.json: site.{missing.args[0]}: missing") from None
    strings = raw.get("strings") or {}
    for lang in site.languages:
        if not isinstance(strings.get(lang), dict):
            raise ContractError(f"forms.json: strings.{lang}: missing — every site language needs "
                                "the function's words")
    forms = {}
    for form_id, form_raw in (raw.get("forms") or {}).items():
        forms[form_id] = _form(form_id, form_raw, site)
    return Contract(version=VERSION, site=site, forms=forms, strings=strings,
                    offices=raw.get("offices") or {})


def _form(form_id: str, raw: dict, site: Site) -> Form:
    where = f"forms.json: forms.{form_id}"
    try:
        attachments = raw.get("attachments")
        if attachments:
            attachments = Attachments(int(attachments["max_files"]),
                                      int(attachments["max_size_bytes"]),
                                      tuple(attachments["types"]),
                                      _signature_rule(f"{where}.attachments.signature",
                                                      attachments.get("signature")),
                                      attachments.get("accept") or ",".join(attachments["types"]),
                                      attachments.get("label") or None)
        kind = raw["kind"]
        if kind not in KINDS:
            raise ContractError(f"{where}.kind: expected one of {', '.join(KINDS)}, got {kind!r}")
        fields = tuple(_field(f"{where}.fields[{i}]", f) for i, f in enumerate(raw["fields"]))
        return Form(
            id=raw.get("id") or form_id,
            kind=kind,
            title=raw["title"],
            reference_prefix=raw.get("reference_prefix") or site.reference_prefix,
            service_code=raw.get("service_code") or form_id,
            recipient=raw["recipient"],
            retention_days=int(raw["retention_days"]),
            confirmation=bool(raw.get("confirmation")),
            location=bool(raw.get("location")),
            attachments=attachments or None,
            consent=bool(raw.get("consent")),
            fields=fields,
            pages=raw.get("pages") or {},
            consent_text=raw.get("consent_text") or None,
            thank_you=raw.get("thank_you") or None,
            offices=tuple(raw.get("offices") or (raw["recipient"].get("office"),)),
            target_days=raw.get("target_days") or None,
        )
    except KeyError as missing:
        raise ContractError(f"{where}.{missing.args[0]}: missing") from None


def _signature_rule(where: str, raw) -> SignatureRule | None:
    if not raw:
        return None
    mode, level = raw.get("mode"), raw.get("level", "advanced")
    if mode not in SIGNATURE_MODES:
        raise ContractError(f"{where}.mode: expected one of {', '.join(SIGNATURE_MODES)}, got {mode!r}")
    if level not in SIGNATURE_LEVELS:
        raise ContractError(f"{where}.level: expected one of {', '.join(SIGNATURE_LEVELS)}, "
                            f"got {level!r}")
    return SignatureRule(mode, level)


def _field(where: str, raw: dict) -> Field:
    if raw["type"] not in FIELD_TYPES:
        raise ContractError(f"{where}.type: unknown field type {raw['type']!r}")
    source = raw.get("pattern")
    try:
        # HTML ``pattern`` matches the whole value; fullmatch does the same.
        compiled = re.compile(source) if source else None
    except re.error as error:
        raise ContractError(f"{where}.pattern: not a valid regular expression ({error})") from None
    return Field(
        name=raw["name"],
        type=raw["type"],
        required=bool(raw.get("required")),
        min_length=raw.get("min_length"),
        max_length=raw.get("max_length"),
        min=raw.get("min"),
        max=raw.get("max"),
        pattern=compiled,
        pattern_source=source,
        options=tuple(Option(str(o["value"]), o.get("label") or {})
                      for o in raw.get("options") or ()),
        label=raw.get("label") or {},
        hint=raw.get("hint") or None,
        messages=raw.get("messages") or {},
        input=raw.get("input") or {},
        format=_compile(f"{where}.format", raw.get("format")),
        width=raw.get("width") or "long",
    )


def _compile(where: str, source):
    try:
        return re.compile(source) if source else None
    except re.error as error:
        raise ContractError(f"{where}: not a valid regular expression ({error})") from None
