"""A form as the form page sees it: the compiled contract's rules and messages, in one language.

The page renders from the same contract (``civicat.contract.compile_contract``) that the functions
validate against, so the browser's native constraints (``required``, ``maxlength``, ``pattern`` …)
and the messages the script shows are the function's own. Every field rule (input type,
``autocomplete``, ``inputmode``, ``pattern``, lengths) is the contract's ``input``; what the
contract does not carry (the consent wording in rich text, the privacy notice, the thank-you text)
comes from the catalogue's ``Form`` model. The markup is in ``templates/components/form/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape


if TYPE_CHECKING:
    from .context import PageContext

TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def attrs(values: dict[str, Any]) -> Markup:
    """``{"type": "text", "required": True, "pattern": None}`` → `` type="text" required``."""
    out = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{escape(value)}"')
    return Markup("".join(out))


@dataclass
class Choice:
    value: str
    label: Markup
    id: str


@dataclass
class FieldView:
    name: str
    type: str
    id: str
    label: Markup
    hint: Markup | None
    required: bool
    control: dict[str, Any]
    """Attributes of the input, textarea or select (radios and checkboxes: of each box)."""
    messages: dict[str, str]
    """The contract's messages in the page's language, for the script."""
    width: str = "long"
    """short, medium or long (the catalogue's ``width``): the input's size matches the answer."""
    options: list[Choice] = field(default_factory=list)
    count: int | None = None
    """Maximum length shown by a character count (textareas with ``max_length``)."""
    count_words: dict[str, Any] | None = None
    """The character count's words (``form.count``), when it has one."""

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hint"

    @property
    def described_by(self) -> str | None:
        ids = ([self.hint_id] if self.hint else []) + ([f"{self.id}-info"] if self.count else [])
        return " ".join(ids) or None

    @property
    def messages_json(self) -> str:
        return json.dumps(self.messages, ensure_ascii=False)

    @property
    def count_words_json(self) -> str:
        return json.dumps(self.count_words, ensure_ascii=False)


@dataclass
class FormView:
    id: str
    kind: str
    action: str
    """``{forms_api_url}/forms/{id}``: where the form posts (JSON from the script, a form post without)."""
    upload_url: str
    lang: str
    enctype: str | None
    fields: list[FieldView]
    location: bool
    attachments: dict[str, Any] | None
    consent: Markup | None
    """The catalogue's consent wording, when the contract asks for consent."""
    recipient: str
    retention_days: int
    privacy_page: str | None
    model: Any
    """The catalogue's Form: privacy notice and thank-you text."""
    words: dict[str, Any]
    """UI strings the script needs, in the page's language."""
    coordinate_pattern: str = ""
    """The contract's pattern of latitude and longitude."""

    @property
    def words_json(self) -> str:
        return json.dumps(self.words, ensure_ascii=False)

    def messages_json(self, name: str) -> str:
        """Messages of the parts every form may have (location, consent), worded like the function's."""
        w = self.words["location"]
        messages = {
            "location_address": {"too_long": w["address_too_long"]},
            "location_lat": dict.fromkeys(("invalid", "pattern", "range"), w["lat_invalid"]),
            "location_lon": dict.fromkeys(("invalid", "pattern", "range"), w["lon_invalid"]),
            "consent": {"required": self.words["consent_required"]},
        }
        return json.dumps(messages.get(name, {}), ensure_ascii=False)


def form_view(p: "PageContext", fid: str) -> FormView:
    """What ``partials/form-body.html`` needs to render form ``fid`` in the page's language."""
    site = p.site
    contract = site.forms_contract["forms"][fid]
    model = site.cat.forms[fid]
    lang = site.lang
    by_name = {f.name: f for f in model.fields}
    fields = [_field(p, spec, by_name[spec["name"]], lang) for spec in contract["fields"]]
    attachments = None
    if contract["attachments"]:
        rule = contract["attachments"]
        # First-strong isolates: "10 MB" and "PDF, PNG" keep their order inside Arabic text.
        size = f"\u2068{_size(rule['max_size_bytes'], site.s.get('decimal'))}\u2069"
        types = f"\u2068{', '.join(dict.fromkeys(TYPES.get(t, t) for t in rule['types']))}\u2069"
        label = model.attachments.label if model.attachments else None
        attachments = {
            **rule, "size": size, "type_names": types,
            "accept": rule["accept"],
            "label": p.text(label) if label else p.t("form.files.label"),
            "hint": p.t("form.files.hint", count=rule["max_files"], types=types, size=size),
            "signature_text": _signature_text(p, rule.get("signature")),
        }
    api = str(site.site.forms_api_url).rstrip("/")
    privacy = site.site.pages.privacy
    s = site.s
    words = {
        "error_prefix": s.t("form.error_prefix"), "sending": s.t("form.sending"), "failed": s.t("form.failed"),
        "offline": s.t("form.offline"), "too_large": s.t("form.too_large"), "sent_title": s.t("form.sent_title"),
        "consent_required": s.t("form.consent_required"),
        "location": s.get("form.location"), "files": s.get("form.files"),
    }
    return FormView(
        id=fid, kind=contract["kind"], action=f"{api}/forms/{fid}", lang=lang,
        enctype="multipart/form-data" if attachments else None, fields=fields, location=contract["location"],
        attachments=attachments, consent=p.text(model.consent) if contract["consent"] and model.consent else None,
        recipient=contract["recipient"]["name"][lang], retention_days=contract["retention_days"], model=model,
        words=words, upload_url=f"{api}/forms/{fid}/uploads",
        coordinate_pattern=site.forms_contract["site"]["coordinate_pattern"],
        privacy_page=p.url(f"{privacy}/") if privacy in site.cat.pages else None,
    )


def _field(p: "PageContext", spec: dict[str, Any], model: Any, lang: str) -> FieldView:
    kind, name = spec["type"], spec["name"]
    fid = f"field-{name}"
    # The control's attributes are the contract's (civicat/fieldrules.py): the function's own form
    # page renders the same ones.
    control: dict[str, Any] = {"required": spec["required"], **spec["input"]}
    if kind == "number":
        # GOV.UK: no type=number (a scroll wheel changes it, some screen readers misread it);
        # the script checks the range from data-cc-min/max, the function checks it again.
        control.update({"data-cc-min": _plain_number(spec["min"]), "data-cc-max": _plain_number(spec["max"])})
    count = spec["max_length"] if kind == "textarea" and spec["max_length"] else None
    choices = [Choice(option.value, p.text(option.label), fid if index == 0 else f"{fid}-{index}")
               for index, option in enumerate(model.options)]
    return FieldView(
        name=name, type=kind, id=fid, label=p.text(model.label), hint=p.text(model.hint) if model.hint else None,
        required=spec["required"], control=control, options=choices, width=model.width,
        messages={key: text[lang] for key, text in spec["messages"].items()},
        count=count, count_words=_count_words(p) if count else None,
    )


def _signature_text(p: "PageContext", rule: dict[str, Any] | None) -> str | None:
    """What the form says about its signature rule (the check's result comes from the API)."""
    if not rule:
        return None
    if rule["mode"] == "required":
        return p.t("form.files.signature.required", level=p.t(f"form.files.signature.{rule['level']}"))
    return p.t("form.files.signature.optional")


def _count_words(p: "PageContext") -> dict[str, Any]:
    words = p.site.s.get("form.count")
    return {"remaining": words["remaining"], "over": words["over"]}


def _plain_number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def _size(size: int, decimal: str) -> str:
    """``10 MB`` / ``500 KB`` (the function words its own messages the same way)."""
    number, unit = (size / (1024 * 1024), "MB") if size >= 1024 * 1024 else (size / 1024, "KB")
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', decimal)} {unit}"
