"""Turning pydantic's validation errors into editor-facing diagnostics with did-you-mean hints."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic
from .source import Source, dotted
from .types import Unquoted, shown


def unwrap(annotation: Any) -> Any:
    """The model or list type behind Annotated[...] and Optional[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The type expected at a location inside ``model`` (None when it cannot be told)."""
    current: Any = model
    for part in loc:
        current = unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
                continue
            return None
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
            continue
        return None
    return unwrap(current)


def _field_doc(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    parent = model_at(model, loc[:-1])
    if isinstance(parent, type) and issubclass(parent, BaseModel) and loc and loc[-1] in parent.model_fields:
        return (parent.model_fields[loc[-1]].description or "").strip()
    return ""


def suggest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The closest choice to a mistyped word, if one is close enough."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def _split(message: str) -> tuple[str, str]:
    what, sep, fix = message.partition(" — ")
    return what, fix if sep else "correct the value"


def translate(src: Source, model: type[BaseModel], exc: ValidationError) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if loc in seen:  # one message per location is enough
            continue
        seen.add(loc)
        kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
        key = dotted(loc)
        doc = _field_doc(model, loc)
        if kind == "missing":
            line, col = src.where(loc[:-1], key=True) if loc[:-1] else (1, 1)
            what = f"required key `{loc[-1]}` is missing"
            fix = f"add `{loc[-1]}: …`" + (f" ({doc.rstrip('.')})" if doc else "")
            out.append(Diagnostic.error(src.path, line, col, key, what, fix))
            continue
        if kind == "extra_forbidden":
            line, col = src.where(loc, key=True)
            parent = model_at(model, loc[:-1])
            allowed = list(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
            near = suggest(str(loc[-1]), allowed)
            what = f"unknown key `{loc[-1]}`"
            fix = f"did you mean `{near}`?" if near else f"remove it or use one of: {', '.join(allowed)}"
            out.append(Diagnostic.error(src.path, line, col, key, what, fix))
            continue
        line, col = src.where(loc)
        written = src.raw(loc) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if kind == "value_error" and isinstance(ctx.get("error"), Unquoted) and written is not None:
            error = ctx["error"]
            what = f"expected {error.name} like {error.example}, got {written} without quotes"
            fix = f'put it in quotes: `{loc[-1]}: "{written}"`' + (
                " (without quotes it is read as a number and loses its leading 0)" if written.startswith("0") else "")
        elif kind == "value_error":
            message = str(ctx.get("error", err["msg"]))
            what, fix = _split(message)
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            what = f"expected a group of keys (like `key: value` on the lines below), got {shown(value)}"
            fix = doc or "indent the keys under this one"
        elif kind == "list_type":
            what = f"expected a list, got {shown(value)}"
            fix = "write each entry on its own line starting with `- `"
        elif kind == "string_type" and written is not None:
            what = f"expected text, got {written} without quotes"
            fix = f'put it in quotes: `{loc[-1]}: "{written}"`' + (
                " (without quotes it is read as a number and loses its leading 0)" if written.startswith("0") else "")
        elif kind == "string_type":
            what = f"expected text, got {shown(value)}"
            fix = "put the value in quotes" if isinstance(value, (int, float, bool)) else (doc or "write text")
        elif kind in ("bool_type", "bool_parsing"):
            what = f"expected true or false, got {shown(value)}"
            fix = "write `true` or `false`"
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            what = f"expected a whole number, got {shown(value)}"
            fix = doc or "write digits only, like 30"
        elif kind in ("float_type", "float_parsing"):
            what = f"expected a number like 12.5, got {shown(value)}"
            fix = doc or "write a number with a dot for decimals"
        elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
            bound = next(iter(ctx.values()), "?")
            relation = {"greater_than_equal": "at least", "greater_than": "more than",
                        "less_than_equal": "at most", "less_than": "less than"}[kind]
            what = f"{shown(value)} is out of range: must be {relation} {bound}"
            fix = doc or "correct the number"
        elif kind == "literal_error":
            expected = str(ctx.get("expected", ""))
            choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
            near = suggest(str(value), choices)
            what = f"{shown(value)} is not allowed here; expected one of {', '.join(choices)}"
            fix = f"did you mean `{near}`?" if near else "pick one of the values listed"
        elif kind == "string_pattern_mismatch":
            what = f"{shown(value)} has the wrong form"
            fix = doc or f"it must match {ctx.get('pattern')}"
        elif kind in ("too_short", "string_too_short"):
            what = "is empty"
            fix = doc or "add at least one entry"
        else:  # an error type we have no wording for: still say where and what
            what = err["msg"]
            fix = doc or "correct the value"
        out.append(Diagnostic.error(src.path, line, col, key, what, fix))
    return out
