"""docs/catalogue.md: the field reference for editors, generated from the model's docstrings."""

from __future__ import annotations

import typing
from pathlib import Path

from pydantic import BaseModel

from .errors import unwrap
from .model import Form, Office, Service, Site, Topics
from .types import is_text

FILES = [
    ("catalogue/site.yaml", Site),
    ("catalogue/topics.yaml", Topics),
    ("catalogue/offices/<id>.yaml", Office),
    ("catalogue/services/<id>.yaml", Service),
    ("catalogue/forms/<id>.yaml", Form),
]


def _strip_none(annotation: typing.Any) -> typing.Any:
    import types

    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


_KINDS = {"email": "e-mail", "uri": "web address", "date": "date (2026-03-31)"}


def _type_name(annotation: typing.Any) -> str:
    annotation = _strip_none(annotation)
    if is_text(annotation):
        return "text"
    for meta in getattr(annotation, "__metadata__", ()):
        schema = getattr(meta, "json_schema", None)
        if isinstance(schema, dict):
            if schema.get("format") in _KINDS:
                return _KINDS[schema["format"]]
            if "pattern" in schema or schema.get("type") == "string":
                return "text (" + schema.get("description", "").split(":")[0].split(",")[0].lower() + ")"
            if schema.get("type") == "number":
                return "amount in euros" if "euro" in schema.get("description", "") else "number"
            if schema.get("type") == "integer":
                return "whole number"
    inner = unwrap(annotation)
    if typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        return f"list of {_type_name(item)}"
    if typing.get_origin(inner) is typing.Literal:
        return " \\| ".join(f"`{v}`" for v in typing.get_args(inner))
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return f"[{inner.__name__}](#{inner.__name__.lower()})"
    name = getattr(inner, "__name__", str(inner))
    return {"str": "text", "int": "whole number", "float": "number", "bool": "true/false", "Decimal": "amount"}.get(name, name)


def _models(root: type[BaseModel], seen: list[type[BaseModel]]) -> None:
    if root in seen:
        return
    seen.append(root)
    for info in root.model_fields.values():
        inner = unwrap(info.annotation)
        if typing.get_origin(inner) is list:
            inner = unwrap(typing.get_args(inner)[0])
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            _models(inner, seen)


def render() -> str:
    lines = [
        "# Catalogue field reference",
        "",
        "<!-- Generated from civicat/catalogue/model.py by `python -m civicat.catalogue.fielddocs`; do not edit. -->",
        "",
        "Every text field (type *text*) is either a string in the site's default language or a map of",
        "language to text: `title: {de: Hund anmelden, en: Register a dog}`. Required fields are marked **required**.",
        "",
    ]
    seen: list[type[BaseModel]] = []
    for _, model in FILES:
        _models(model, seen)
    files = {model: path for path, model in FILES}
    for model in seen:
        lines += [f"## {model.__name__}", ""]
        if model in files:
            lines += [f"File: `{files[model]}`", ""]
        if model.__doc__ and model in files:
            lines += [model.__doc__.strip().split("\n")[0], ""]
        lines += ["| key | type | meaning |", "|---|---|---|"]
        for name, info in model.model_fields.items():
            annotation = info.rebuild_annotation() if hasattr(info, "rebuild_annotation") else info.annotation
            required = " **required**" if info.is_required() else ""
            doc = (info.description or "").replace("\n", " ").replace("|", "\\|")
            lines.append(f"| `{name}` | {_type_name(annotation)}{required} | {doc} |")
        lines.append("")
    return "\n".join(lines)


def write(path: Path = Path("docs/catalogue.md")) -> Path:
    path.write_text(render(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write()}")
