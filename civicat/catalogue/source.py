"""Reading editors' YAML with the position of every key and value.

PyYAML's composer gives each node its line and column; we build plain Python values from the
nodes ourselves so that we can (a) remember where each key path was written, (b) report duplicate
keys, which PyYAML silently lets the last one win, and (c) resolve plain scalars with YAML 1.2
rules: ``no`` stays the text "no" and ``12:30`` stays "12:30" instead of the YAML 1.1 surprises
(``False`` and the sexagesimal number 750).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the C composer is ~10x faster and reports the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .diagnostics import Diagnostic

Path = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}


@dataclass
class Source:
    """One YAML file as read: its data and where each key path was written (1-based)."""

    path: str
    data: Any = None
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    text: str = ""

    def where(self, loc: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a key path; falls back to the nearest written parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.key_positions:
                return self.key_positions[probe]
            probe = probe[:-1]
        return (1, 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block scalar: always text (the C loader says '' for plain)
        return value
    if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"):
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _build(src: Source, node: yaml.Node, loc: Path, problems: list[Diagnostic]) -> Any:
    src.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(src, item, loc + (i,), problems) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                problems.append(Diagnostic.error(src.path, line, col, _dotted(loc), "a key must be a plain word",
                                                 "write `key: value` on one line"))
                continue
            key = _scalar(key_node)
            key = key if isinstance(key, str) else str(key_node.value)
            here = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                first = src.key_positions[loc + (key,)]
                problems.append(Diagnostic.error(
                    src.path, *here, _dotted(loc + (key,)),
                    f"duplicate key `{key}` (first written on line {first[0]}); YAML would silently keep only the last one",
                    "merge the two entries into one or delete one of them",
                ))
                continue
            src.key_positions[loc + (key,)] = here
            out[key] = _build(src, value_node, loc + (key,), problems)
        return out
    return None  # aliases are resolved by the composer; anything else is unexpected


def _dotted(loc: Path) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


dotted = _dotted


def read(path: str, text: str) -> tuple[Source, list[Diagnostic]]:
    """Parse one YAML file; returns its Source (data None when unreadable) and the problems found."""
    src = Source(path=path, text=text)
    problems: list[Diagnostic] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.append(Diagnostic.error(
                path, number, len(line) - len(stripped) + 1, "(file)",
                "a tab is used for indentation; YAML allows only spaces",
                "replace the tab with spaces (set your editor to insert spaces)",
            ))
    if problems:
        return src, problems
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "the file is not valid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        problems.append(Diagnostic.error(path, line, col, "(file)", f"YAML syntax error: {what}", _yaml_fix(exc)))
        return src, problems
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        problems.append(Diagnostic.error(path, 1, 1, "(file)", f"YAML error: {exc}", "check the file's syntax"))
        return src, problems
    if node is None:
        src.data = {}
        return src, problems
    src.data = _build(src, node, (), problems)
    return src, problems


def _yaml_fix(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if "mapping values are not allowed" in problem:
        return "put text containing `: ` in quotes, or check the indentation of this line"
    if "could not find expected ':'" in problem:
        return "each line inside a mapping needs `key: value`; check the line above for a missing colon or quote"
    if "found character" in problem and "cannot start any token" in problem:
        return "put text starting with this character in quotes"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "check the indentation: items of one list or mapping must start in the same column"
    if "found unexpected end of stream" in problem or "unexpected end" in problem:
        return "a quote or bracket is not closed; close it"
    return "check the line and the line above for indentation, colons and quotes"
