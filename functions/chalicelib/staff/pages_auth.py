"""Pages before a session: sign-in (local form or OpenID Connect link), setting a password through
the one-time link, and short messages (signed out, not found)."""
from ..htmlkit import el
from .layout import error_summary, field_error, notice, page
from ..i18n import t


def signin(lang: str, mode: str, pre_token: str, errors: list | None = None, name: str = "",
           message: str | None = None) -> str:
    errors = errors or []
    parts = [el("h1", {}, t("staff.signin_title", lang)), notice(message), error_summary(lang, errors)]
    if mode == "oidc":
        parts.append(el("p", {}, el("a", {"href": "/staff/oidc/start", "class": "button"},
                                    t("staff.signin_oidc", lang))))
    else:
        failed = next((m for f, m in errors if f == "name"), None)
        parts.append(el(
            "form", {"method": "post", "action": "/staff/sign-in", "novalidate": True},
            el("input", {"type": "hidden", "name": "pre", "value": pre_token}),
            el("div", {"class": "group group--error" if failed else "group"},
               el("label", {"for": "name"}, t("staff.name", lang)), field_error(lang, "name", failed),
               el("input", {"type": "text", "id": "name", "name": "name", "value": name,
                            "autocomplete": "username", "spellcheck": "false",
                            "aria-describedby": "name-error" if failed else None,
                            "required": True})),
            el("div", {"class": "group"},
               el("label", {"for": "password"}, t("staff.password", lang)),
               el("input", {"type": "password", "id": "password", "name": "password",
                            "autocomplete": "current-password", "required": True})),
            el("button", {"type": "submit"}, t("staff.signin", lang))))
    return page(lang, t("staff.signin_title", lang), parts)


def welcome(lang: str, token: str, name: str, errors: list | None = None) -> str:
    errors = errors or []
    problem = dict(errors)
    parts = [el("h1", {}, t("staff.welcome_title", lang)), error_summary(lang, errors),
             el("p", {}, t("staff.welcome_intro", lang)),
             el("form", {"method": "post", "action": f"/staff/welcome/{token}", "novalidate": True},
                el("input", {"type": "text", "name": "username", "value": name,
                             "autocomplete": "username", "readonly": True, "hidden": True,
                             "aria-hidden": "true", "tabindex": "-1"}),
                _password(lang, "password", t("staff.new_password", lang), problem.get("password")),
                _password(lang, "repeat", t("staff.repeat_password", lang), problem.get("repeat")),
                el("button", {"type": "submit"}, t("staff.save_password", lang)))]
    return page(lang, t("staff.welcome_title", lang), parts)


def _password(lang: str, field: str, label: str, message: str | None):
    return el("div", {"class": "group group--error" if message else "group"},
              el("label", {"for": field}, label), field_error(lang, field, message),
              el("input", {"type": "password", "id": field, "name": field,
                           "autocomplete": "new-password", "required": True, "minlength": "12",
                           "aria-describedby": f"{field}-error" if message else None}))


def message(lang: str, title: str, text: str, session: dict | None = None,
            link: tuple | None = None) -> str:
    parts = [el("h1", {}, title), el("p", {}, text)]
    if link:
        parts.append(el("p", {}, el("a", {"href": link[0]}, link[1])))
    return page(lang, title, parts, session)
