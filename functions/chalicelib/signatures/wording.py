"""What a signature check means, in the citizen's words, with what to do next.

The words are the ``signature.`` keys of the function's string table (``i18n``: the
``functions: signature:`` section of civicat/i18n/<lang>.yaml, compiled into the contract), so
every site language has them. Plain Python: the upload status route and the submission's error
messages import this, never pyHanko.

``describe(result, rule, filename, lang)`` → ``{"tone", "message", "accepted"}``: tone is
``pending``, ``ok``, ``notice`` (accepted, but worth knowing: unsigned where optional, changes
after signing that leave the signed content alone) or ``error`` (refused where required; where
optional the same words with tone ``notice``, since the file is still accepted).
"""
import datetime as dt

from .. import i18n
from . import rules

PROBLEMS = ("unreadable", "unsigned", "missing", "integrity", "coverage", "modified", "untrusted", "expired", "not_yet_valid",
            "revoked", "revocation_unknown", "chain", "algorithm", "level", "error")
"""The problems ``rules`` names that have words of their own; any other reads as ``error``."""


def t(key: str, lang: str, **values) -> str:
    return i18n.t(f"signature.{key}", lang, **values)


def level_name(level: str | None, lang: str) -> str:
    """The level on its own: "qualified electronic signature"."""
    return t(f"level_name.{_level(level)}", lang)


def with_level(level: str | None, lang: str) -> str:
    """The level as it reads after "with" (German needs the dative, English the article,
    Slovenian the instrumental with its own preposition)."""
    return t(f"with_level.{_level(level)}", lang)


def _level(level: str | None) -> str:
    return level if level in ("qualified", "advanced") else "advanced"


def form_hint(rule, lang: str) -> str:
    """What the form says about its signature rule, and what a signed PDF is."""
    key = "form_required" if rule.required else "form_optional"
    return t(key, lang, level=with_level(rule.level, lang)) + " " + t("what_is", lang)


def _date(iso: str | None, lang: str) -> str:
    """``2026-11-24T…`` → the date as people write it in ``lang`` (``24. November 2026``),
    isolated so it keeps its order in an Arabic sentence."""
    try:
        day = dt.date.fromisoformat((iso or "")[:10])
    except ValueError:
        return "?"
    return _isolate(i18n.date(day, lang))


def _isolate(text: str) -> str:
    """Names and file names keep their own direction inside an Arabic sentence."""
    return f"\u2068{text}\u2069"


def describe(result: dict | None, rule, filename: str, lang: str) -> dict:
    """What the citizen is told about one checked upload."""
    name = _isolate(filename or "PDF")
    if rules.pending(result):
        return {"tone": "pending", "accepted": None, "message": t("checking", lang, name=name)}
    problem = rules.problem(result, rule)
    signer = _isolate(result.get("signer") or t("someone", lang))
    values = {"name": name, "signer": signer, "level": with_level(rule.level if rule else None, lang),
              "issuer": _isolate(result.get("issuer") or t("unknown_issuer", lang))}
    decisive = _decisive(result)
    if problem is None and result.get("state") == "valid":
        message = t("valid", lang, signer=signer, level=level_name(result.get("level"), lang))
        fields = decisive.get("changed_fields", []) + decisive.get("added_fields", [])
        if fields:
            message += " " + t("filled_in", lang, fields=", ".join(_isolate(f) for f in fields))
        return {"tone": "ok", "accepted": True, "message": message}
    if problem is None:  # optional rule: whatever it is, the file is accepted
        if result.get("state") == "unsigned":
            return {"tone": "notice", "accepted": True, "message": t("unsigned_optional", lang, name=name)}
        return {"tone": "notice", "accepted": True,
                "message": _problem_text(result.get("problem") or "error", values, decisive, result, lang)
                + " " + t("optional_note", lang)}
    return {"tone": "error", "accepted": False,
            "message": _problem_text(problem, values, decisive, result, lang)}


def _decisive(result: dict) -> dict:
    signatures = result.get("signatures") or []
    failing = [s for s in signatures if s.get("state") != "valid"]
    return (failing or signatures or [{}])[0]


def _problem_text(problem: str, values: dict, decisive: dict, result: dict, lang: str) -> str:
    certificate = decisive.get("certificate") or {}
    if problem == "level":
        return t("level", lang, **values, found=with_level(result.get("level"), lang))
    if problem == "expired":
        return t("expired", lang, **values, until=_date(certificate.get("valid_until"), lang))
    if problem == "not_yet_valid":
        return t("not_yet_valid", lang, **values, since=_date(certificate.get("valid_from"), lang))
    if problem == "revoked":
        return t("revoked", lang, **values,
                 revoked=_date((decisive.get("revocation") or {}).get("date"), lang))
    return t(problem if problem in PROBLEMS else "error", lang, **values)
