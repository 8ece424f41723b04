"""The whole form, rendered from the contract, with the citizen's input and the errors.

This is the no-JavaScript path: a form posted without the page's script comes back here when
something is wrong, as a complete page (422), so no draft has to travel through a redirect.

GOV.UK patterns: the error summary at the top (heading "Es gibt ein Problem", ``role="alert"``
so screen readers announce it on load, each error a link to its field); at each field an inline
message starting with a visually hidden "Fehler:"; the field's ``aria-describedby`` names hint
and message; the page title starts with "Fehler:" so the error is the first thing heard.
Everything the citizen typed is put back — escaped, since htmlkit escapes every plain string.
"""
from .. import clock, i18n, links
from ..contract import text
from ..htmlkit import el
from .layout import document

AUTOCOMPLETE = {"name": "name", "email": "email", "phone": "tel", "street": "street-address",
                "postcode": "postal-code", "city": "address-level2"}
INPUT_TYPES = {"text": "text", "email": "email", "tel": "tel", "date": "date",
               "number": "text", "postcode": "text"}


def render(form, contract, lang: str, values: dict, errors, upload_ids=(),
           submission_key: str | None = None) -> str:
    site = contract.site
    default = site.default_language
    by_field = {}
    for error in errors:
        by_field.setdefault(error.field, error.message)
    title = text(form.title, lang, default)
    known = {f.name for f in form.fields} | {"consent", "location_address", "location_lat",
                                              "location_lon", "attachments"}

    parts = []
    if errors:
        parts.append(_summary(errors, known, lang))
    parts.append(el("h1", {}, title))
    form_parts = [_hidden("lang", lang), _hidden("submission_key", submission_key or _new_key()),
                  # Set by us, in our clock: the fill time of the second try counts from here.
                  _hidden("started_at", str(int(clock.now().timestamp() * 1000)))]
    for field in form.fields:
        form_parts.append(_field(field, values.get(field.name), by_field.get(field.name),
                                 lang, default))
    if form.location:
        form_parts.append(_location(values, by_field, lang))
    if form.attachments:
        form_parts.append(_attachments(form, upload_ids, by_field.get("attachments"), lang))
    if form.consent:
        form_parts.append(_consent(values.get("consent"), by_field.get("consent"), lang,
                                   text(form.consent_text, lang, default) if form.consent_text else None))
    form_parts.append(_honeypot(lang))
    form_parts.append(el("button", {"type": "submit"}, i18n.t("submit", lang)))
    enctype = "multipart/form-data" if form.attachments else "application/x-www-form-urlencoded"
    # No action: the browser posts to this page's own URL, whatever prefix a proxy added.
    parts.append(el("form", {"method": "post", "enctype": enctype, "novalidate": True,
                             "accept-charset": "utf-8"}, form_parts))
    back = (form.pages.get("form") or {}).get(lang) or (form.pages.get("form") or {}).get(default)
    if back:
        parts.append(el("p", {}, el("a", {"href": links.site_page(back)},
                                    i18n.t("back_to_form", lang))))
    page_title = f"{title} – {site.title(lang)}"
    if errors:
        page_title = f"{i18n.t('error_prefix', lang)} {page_title}"
    return document(lang, page_title, *parts)


def _new_key() -> str:
    import secrets

    return secrets.token_urlsafe(24)


def _summary(errors, known: set, lang: str):
    items = []
    for error in errors:
        if error.field in known:
            items.append(el("li", {}, el("a", {"href": f"#field-{error.field}"}, error.message)))
        else:
            items.append(el("li", {}, error.message))
    return el("div", {"class": "error-summary", "aria-labelledby": "error-summary-title",
                      "tabindex": "-1"},
              el("div", {"role": "alert"},
                 el("h2", {"id": "error-summary-title"}, i18n.t("problem_title", lang)),
                 el("ul", {}, items)))


def _hidden(name: str, value: str):
    return el("input", {"type": "hidden", "name": name, "value": value})


def _error(name: str, message: str | None, lang: str):
    if not message:
        return None
    return el("p", {"id": f"field-{name}-error", "class": "error-message"},
              el("span", {"class": "visually-hidden"}, i18n.t("error_prefix", lang)), " ", message)


def _described(name: str, hint, message) -> str | None:
    ids = ([f"field-{name}-hint"] if hint else []) + ([f"field-{name}-error"] if message else [])
    return " ".join(ids) or None


def _group(message, *content):
    return el("div", {"class": "form-group form-group--error" if message else "form-group"},
              *content)


def _as_list(value) -> list:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _field(field, value, message, lang: str, default: str):
    name = field.name
    label = text(field.label, lang, default)
    hint_text = text(field.hint, lang, default) if field.hint else ""
    hint = (el("div", {"id": f"field-{name}-hint", "class": "hint"}, hint_text)
            if hint_text else None)
    described = _described(name, hint_text, message)

    if field.type in ("radio", "checkboxes"):
        chosen = _as_list(value)
        kind = "radio" if field.type == "radio" else "checkbox"
        choices = []
        for index, option in enumerate(field.options):
            option_id = f"field-{name}" if index == 0 else f"field-{name}-{index}"
            choices.append(el("div", {"class": "choice"},
                              el("input", {"type": kind, "id": option_id, "name": name,
                                           "value": option.value,
                                           "checked": option.value in chosen}),
                              el("label", {"for": option_id}, text(option.label, lang, default))))
        return _group(message, el("fieldset", {"aria-describedby": described},
                                  el("legend", {}, label), hint, _error(name, message, lang),
                                  choices))

    common = {"id": f"field-{name}", "name": name, "aria-describedby": described,
              "class": "input--error" if message else None, "required": field.required}
    if field.type == "checkbox":
        checked = _as_list(value)[-1:] in (["on"], ["true"], ["True"], ["1"])
        control = el("div", {"class": "choice"},
                     el("input", {**common, "type": "checkbox", "value": "on", "checked": checked}),
                     el("label", {"for": f"field-{name}"}, label))
        return _group(message, hint, _error(name, message, lang), control)

    label_el = el("label", {"for": f"field-{name}"}, label)
    current = ", ".join(_as_list(value))
    if field.type == "textarea":
        control = el("textarea", {**common, "rows": "6"}, current)
    elif field.type == "select":
        options = [el("option", {"value": ""}, "")]
        options += [el("option", {"value": o.value, "selected": o.value == current},
                       text(o.label, lang, default)) for o in field.options]
        control = el("select", common, options)
    else:
        attrs = {**common, "type": INPUT_TYPES.get(field.type, "text"), "value": current,
                 "autocomplete": field.autocomplete or AUTOCOMPLETE.get(name)}
        if field.type in ("number", "postcode"):
            attrs["inputmode"] = "numeric" if field.type == "postcode" else "decimal"
        if field.type == "email":
            attrs["spellcheck"] = "false"
        control = el("input", attrs)
    return _group(message, label_el, hint, _error(name, message, lang), control)


def _location(values: dict, by_field: dict, lang: str):
    rows = []
    for name, key, mode in (("location_address", "location_address", None),
                            ("location_lat", "location_lat", "decimal"),
                            ("location_lon", "location_lon", "decimal")):
        message = by_field.get(name)
        rows.append(_group(message,
                           el("label", {"for": f"field-{name}"}, i18n.t(key, lang)),
                           _error(name, message, lang),
                           el("input", {"type": "text", "id": f"field-{name}", "name": name,
                                        "value": ", ".join(_as_list(values.get(name))),
                                        "inputmode": mode,
                                        "class": "input--error" if message else None,
                                        "aria-describedby": _described(name, None, message)})))
    return el("fieldset", {}, el("legend", {}, i18n.t("location_legend", lang)), rows)


def _attachments(form, upload_ids, message, lang: str):
    rule = form.attachments
    hint = i18n.t("attachments_hint", lang, max_files=rule.max_files,
                  types=i18n.type_names(rule.types),
                  size=i18n.human_size(rule.max_size_bytes, lang))
    kept = [_hidden("attachments", upload_id) for upload_id in upload_ids]
    if upload_ids:
        hint += " " + i18n.t("attachments_kept", lang, count=len(upload_ids))
    if rule.signature is not None:
        from ..signatures import wording

        hint += " " + wording.form_hint(rule.signature, lang)
    return _group(message,
                  el("label", {"for": "field-attachments"}, i18n.t("attachments_label", lang)),
                  el("div", {"id": "field-attachments-hint", "class": "hint"}, hint),
                  _error("attachments", message, lang),
                  el("input", {"type": "file", "id": "field-attachments", "name": "attachments",
                               "multiple": True, "accept": ",".join(rule.types),
                               "aria-describedby": _described("attachments", hint, message)}),
                  kept)


def _consent(value, message, lang: str, wording: str | None = None):
    checked = _as_list(value)[-1:] in (["on"], ["true"], ["True"], ["1"])
    return _group(message, _error("consent", message, lang),
                  el("div", {"class": "choice"},
                     el("input", {"type": "checkbox", "id": "field-consent", "name": "consent",
                                  "value": "on", "checked": checked,
                                  "aria-describedby": _described("consent", None, message)}),
                     el("label", {"for": "field-consent"}, wording or i18n.t("consent_label", lang))))


def _honeypot(lang: str):
    # Off-screen and out of the tab order; people never see it, form-filling bots do.
    return el("div", {"class": "honeypot", "aria-hidden": "true"},
              el("label", {"for": "field-website"}, i18n.t("honeypot_label", lang)),
              el("input", {"type": "text", "id": "field-website", "name": "website", "value": "",
                           "tabindex": "-1", "autocomplete": "off"}))

