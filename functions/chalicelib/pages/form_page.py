"""The whole form, rendered from the contract, with the citizen's input and the errors.

This is the no-JavaScript path: a form posted without the page's script comes back here when
something is wrong, as a complete page (422), so no draft has to travel through a redirect.

The markup is the site's form component's (civicat/templates/components/form/form.html) as its
script leaves it after showing errors: the same ids, names, classes and the control's attributes
from the contract's ``input`` (type, autocomplete, inputmode, pattern, lengths), so the page looks
and behaves like the site's form (a test compares the two). GOV.UK patterns: the error summary
(``role="alert"``, each error a link to its field); at each field an inline message starting with
a visually hidden "Fehler:", named by the control's ``aria-describedby``, and ``aria-invalid`` on
the control; the page title starts with "Fehler:". Everything the citizen typed is put back —
escaped, since htmlkit escapes every plain string.
"""
from .. import i18n, links
from ..contract import text
from ..htmlkit import el
from .layout import document


def render(form, contract, lang: str, values: dict, errors, upload_ids=(),
           submission_key: str | None = None) -> str:
    site = contract.site
    default = site.default_language
    by_field = {}
    for error in errors:
        by_field.setdefault("attachments" if error.field == "file" else error.field, error.message)
    title = text(form.title, lang, default)
    known = {f.name for f in form.fields} | {"consent", "location_address", "location_lat",
                                              "location_lon", "attachments"}

    parts = []
    if errors:
        parts.append(_summary(errors, known, lang))
    form_parts = [_hidden("lang", lang), _hidden("submission_key", submission_key or _new_key())]
    started = _started_at(values.get("started_at"))
    if started:
        # The fill time counts from the first time the form was shown: a citizen correcting an
        # error at once is no robot. A post without it (a page without script) is not timed.
        form_parts.append(_hidden("started_at", started))
    for field in form.fields:
        form_parts.append(_field(field, values.get(field.name), by_field.get(field.name),
                                 lang, default))
    if form.location:
        form_parts.append(_location(values, by_field, lang, site.coordinate_pattern))
    if form.attachments:
        form_parts.append(_attachments(form, upload_ids, by_field.get("attachments"), lang, default))
    form_page = _form_page(form, lang, default)
    form_parts.append(_privacy(form, lang, default, form_page))
    if form.consent:
        form_parts.append(_consent(values.get("consent"), by_field.get("consent"), lang,
                                   text(form.consent_text, lang, default) if form.consent_text else None))
    form_parts.append(_honeypot(lang))
    form_parts.append(el("div", {"class": "cc-form-actions"},
                         el("button", {"type": "submit", "class": "cc-button"}, i18n.t("submit", lang))))
    enctype = "multipart/form-data" if form.attachments else "application/x-www-form-urlencoded"
    # No action: the browser posts to this page's own URL, whatever prefix a proxy added.
    parts.append(el("form", {"class": "cc-form", "method": "post", "enctype": enctype,
                             "novalidate": True, "accept-charset": "utf-8"}, form_parts))
    if form_page:
        parts.append(el("p", {}, el("a", {"href": form_page}, i18n.t("back_to_form", lang))))
    page_title = f"{title} – {site.title(lang)}"
    if errors:
        page_title = f"{i18n.t('error_prefix', lang)} {page_title}"
    return document(lang, page_title, title, el("div", {"class": "cc-form-page"}, parts),
                    languages={code: _form_page(form, code, default) for code in site.languages})


def _form_page(form, lang: str, default: str) -> str | None:
    pages = form.pages.get("form") or {}
    path = pages.get(lang) or pages.get(default)
    return links.site_page(path) if path else None


def _started_at(value) -> str | None:
    if isinstance(value, list):
        value = value[-1] if value else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 16:
        return value.strip()
    return None


def _new_key() -> str:
    import secrets

    return secrets.token_urlsafe(24)


def _summary(errors, known: set, lang: str):
    items = []
    for error in errors:
        field = "attachments" if error.field == "file" else error.field
        if field in known:
            items.append(el("li", {}, el("a", {"href": f"#field-{field}"}, error.message)))
        else:
            items.append(el("li", {}, error.message))
    # autofocus: without a script nothing else can move focus to the summary, and a keyboard or
    # screen reader user must land on the list of problems, not at the top of the page again.
    return el("div", {"class": "cc-error-summary", "tabindex": "-1", "autofocus": True},
              el("div", {"role": "alert"},
                 el("h2", {"class": "cc-error-summary__title"}, i18n.t("problem_title", lang)),
                 el("ul", {"class": "cc-error-summary__list", "role": "list"}, items)))


def _hidden(name: str, value: str):
    return el("input", {"type": "hidden", "name": name, "value": value})


def _error(name: str, message: str | None, lang: str):
    if not message:
        return None
    return el("p", {"id": f"field-{name}-error", "class": "cc-error-message"},
              el("span", {"class": "cc-visually-hidden"}, i18n.t("error_prefix", lang)), " ", message)


def _described(name: str, hint, message, extra=()) -> str | None:
    ids = ([f"field-{name}-hint"] if hint else []) + list(extra) + \
        ([f"field-{name}-error"] if message else [])
    return " ".join(ids) or None


def _group(message, *content, extra_class: str = ""):
    classes = "cc-form-group" + (f" {extra_class}" if extra_class else "") + \
        (" cc-form-group--error" if message else "")
    return el("div", {"class": classes}, *content)


def _hint(name: str, hint_text: str):
    return (el("div", {"class": "cc-hint cc-form-hint", "id": f"field-{name}-hint"}, hint_text)
            if hint_text else None)


def _as_list(value) -> list:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _checked(value) -> bool:
    return _as_list(value)[-1:] in (["on"], ["true"], ["True"], ["1"])


def _field(field, value, message, lang: str, default: str):
    name = field.name
    label = text(field.label, lang, default)
    hint_text = text(field.hint, lang, default) if field.hint else ""
    hint = _hint(name, hint_text)

    if field.type in ("radio", "checkboxes"):
        chosen = _as_list(value)
        kind = "radio" if field.type == "radio" else "checkbox"
        choices = []
        for index, option in enumerate(field.options):
            option_id = f"field-{name}" if index == 0 else f"field-{name}-{index}"
            choices.append(el("div", {"class": "cc-choice"},
                              el("input", {"class": "cc-choice__input", "type": kind,
                                           "id": option_id, "name": name, "value": option.value,
                                           "required": field.required and kind == "radio",
                                           "checked": option.value in chosen}),
                              el("label", {"class": "cc-choice__label", "for": option_id},
                                 text(option.label, lang, default))))
        return _group(message, el("fieldset", {"class": "cc-fieldset",
                                               "aria-describedby": _described(name, hint_text, message)},
                                  el("legend", {"class": "cc-legend"}, label), hint,
                                  _error(name, message, lang),
                                  el("div", {"class": "cc-choices"}, choices)))

    invalid = "true" if message else None
    if field.type == "checkbox":
        control = el("div", {"class": "cc-choice"},
                     el("input", {"class": "cc-choice__input", "type": "checkbox",
                                  "id": f"field-{name}", "name": name, "value": "on",
                                  "required": field.required, "checked": _checked(value),
                                  "aria-describedby": _described(name, None, message)}),
                     el("label", {"class": "cc-choice__label", "for": f"field-{name}"}, label))
        return _group(message, _error(name, message, lang), control, hint)

    label_el = el("label", {"class": "cc-label", "for": f"field-{name}"}, label)
    current = ", ".join(_as_list(value))
    common = {"id": f"field-{name}", "name": name, **field.input, "required": field.required}
    count = f"field-{name}-info" if field.type == "textarea" and field.max_length else None
    aria = {"aria-describedby": _described(name, hint_text, message, [count] if count else []),
            "aria-invalid": invalid}
    if field.type == "textarea":
        control = el("textarea", {"class": "cc-textarea", **common, "rows": "5", **aria}, current)
        info = (el("div", {"class": "cc-hint cc-form-hint cc-character-count__message", "id": count},
                   i18n.t("count_limit", lang, count=field.max_length)) if count else None)
        return _group(message, label_el, hint, _error(name, message, lang), control, info,
                      extra_class="cc-character-count" if count else "")
    if field.type == "select":
        options = [el("option", {"value": ""}, i18n.t("choose", lang))]
        options += [el("option", {"value": o.value, "selected": o.value == current},
                       text(o.label, lang, default)) for o in field.options]
        control = el("select", {"class": "cc-select", **common, **aria}, options)
    else:
        width = getattr(field, "width", "long") or "long"
        css = "cc-input" + (f" cc-input--{width}" if width != "long" else "")
        control = el("input", {"class": css, **common, "value": current, **aria})
    return _group(message, label_el, hint, _error(name, message, lang), control)


def _location(values: dict, by_field: dict, lang: str, pattern: str | None):
    address = by_field.get("location_address")
    rows = [_group(address,
                   el("label", {"class": "cc-label", "for": "field-location_address"},
                      i18n.t("location_address", lang)),
                   _error("location_address", address, lang),
                   el("input", {"class": "cc-input", "type": "text", "id": "field-location_address",
                                "name": "location_address", "maxlength": "300",
                                "value": ", ".join(_as_list(values.get("location_address"))),
                                "aria-describedby": _described("location_address", None, address),
                                "aria-invalid": "true" if address else None}))]
    coords = []
    for name in ("location_lat", "location_lon"):
        message = by_field.get(name)
        hint = i18n.t(f"{name}_hint", lang)
        coords.append(_group(message,
                             el("label", {"class": "cc-label", "for": f"field-{name}"}, i18n.t(name, lang)),
                             _hint(name, hint),
                             _error(name, message, lang),
                             el("input", {"class": "cc-input cc-input--medium", "type": "text",
                                          "id": f"field-{name}", "name": name, "inputmode": "decimal",
                                          "spellcheck": "false", "dir": "ltr", "pattern": pattern,
                                          "value": ", ".join(_as_list(values.get(name))),
                                          "aria-describedby": _described(name, hint, message),
                                          "aria-invalid": "true" if message else None})))
    rows.append(el("div", {"class": "cc-location__coords"}, coords))
    return el("fieldset", {"class": "cc-fieldset cc-location", "aria-describedby": "location-hint"},
              el("legend", {"class": "cc-legend"}, i18n.t("location_legend", lang)),
              el("div", {"class": "cc-hint cc-form-hint", "id": "location-hint"},
                 i18n.t("location_hint", lang)), rows)


def _attachments(form, upload_ids, message, lang: str, default: str):
    rule = form.attachments
    label = text(rule.label, lang, default) if rule.label else i18n.t("attachments_label", lang)
    # First-strong isolates: "10 MB" and "PDF, PNG" keep their order inside Arabic text (as on the site).
    hint = i18n.t("attachments_hint", lang, count=rule.max_files,
                  types=f"\u2068{i18n.type_names(rule.types)}\u2069",
                  size=f"\u2068{i18n.human_size(rule.max_size_bytes, lang)}\u2069")
    kept = [_hidden("attachments", upload_id) for upload_id in upload_ids]
    if upload_ids:
        hint += " " + i18n.t("attachments_kept", lang, count=len(upload_ids))
    if rule.signature is not None:
        from ..signatures import wording

        hint += " " + wording.form_hint(rule.signature, lang)
    return _group(message,
                  el("label", {"class": "cc-label", "for": "field-attachments"}, label),
                  _hint("attachments", hint),
                  _error("attachments", message, lang),
                  el("input", {"class": "cc-file", "type": "file", "id": "field-attachments",
                               "name": "attachments", "multiple": True, "accept": rule.accept,
                               "aria-describedby": _described("attachments", hint, message),
                               "aria-invalid": "true" if message else None}),
                  kept, extra_class="cc-files")


def _privacy(form, lang: str, default: str, form_page: str | None):
    """The short privacy notice the site's form shows (who receives the data, when it is
    deleted), with a link to the full notice (GDPR Art. 13) on the site's form page."""
    recipient = text(form.recipient.get("name"), lang, default) or form.recipient.get("office", "")
    parts = [el("h2", {"class": "cc-privacy__title", "id": "cc-privacy"}, i18n.t("privacy_title", lang)),
             el("p", {}, i18n.t("privacy_summary", lang, recipient=recipient, count=form.retention_days))]
    if form_page:
        parts.append(el("p", {}, el("a", {"href": f"{form_page}#cc-privacy"},
                                    i18n.t("privacy_details", lang))))
    return el("div", {"class": "cc-privacy"}, parts)


def _consent(value, message, lang: str, wording: str | None = None):
    return _group(message, _error("consent", message, lang),
                  el("div", {"class": "cc-choice"},
                     el("input", {"class": "cc-choice__input", "type": "checkbox",
                                  "id": "field-consent", "name": "consent", "value": "on",
                                  "required": True, "checked": _checked(value),
                                  "aria-describedby": _described("consent", None, message)}),
                     el("label", {"class": "cc-choice__label", "for": "field-consent"},
                        wording or i18n.t("consent_label", lang))))


def _honeypot(lang: str):
    # Off-screen and out of the tab order; people never see it, form-filling bots do.
    return el("div", {"class": "cc-hp", "aria-hidden": "true"},
              el("label", {"for": "field-website"}, i18n.t("honeypot_label", lang)),
              el("input", {"type": "text", "id": "field-website", "name": "website", "value": "",
                           "tabindex": "-1", "autocomplete": "off"}))
