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
from dataclasses import dataclass
from typing import Any

import yaml

try:  # the C composer is ~10x faster and reports the same marks
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Composes nodes without PyYAML's YAML 1.1 tag guessing: ``_scalar`` resolves plain scalars."""

    def resolve(self, kind, value, implicit):  # noqa: D102 - PyYAML hook, called for every node
        return _TAGS[kind]


_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}

from .diagnostics import Diagnostic

Path = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}


@dataclass
class Source:
    """One YAML file as read: its data, and its node tree to say where each key path was written.

    Positions are looked up in the node tree only when a problem is reported, so a clean
    catalogue of thousands of files pays nothing for them.
    """

    path: str
    data: Any = None
    node: Any = None
    text: str = ""

    def tree(self) -> Any:
        """The node tree; composed again from the text when it was dropped (``without_tree``)."""
        if self.node is None and self.data is not None and self.text:
            self.node = yaml.compose(self.text, Loader=_Loader)
        return self.node

    def without_tree(self) -> "Source":
        """This source without its node tree, to send to another process: the tree is most of the
        pickle and most of the time, and is composed again only if a problem is reported."""
        return Source(path=self.path, data=self.data, text=self.text)

    def _node(self, loc: Path) -> tuple[Any, Any]:
        """The (key node, value node) at ``loc``, or the nearest parent found."""
        key_node, node = None, self.tree()
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == part:
                        key_node, node = k, v
                        break
                else:
                    return None, None
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                return None, None
        return key_node, node

    def raw(self, loc: Path) -> str | None:
        """The text of the scalar at ``loc`` as written (``03621580100``, not the number it became)."""
        node = self._node(tuple(loc))[1]
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def has(self, loc: Path) -> bool:
        return self._node(tuple(loc))[1] is not None

    def where(self, loc: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of a key path; falls back to the nearest written parent."""
        probe = tuple(loc)
        while probe:
            key_node, node = self._node(probe)
            mark = (key_node if key and key_node is not None else node)
            if mark is not None:
                if not key and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and key_node is not None and not node.value:
                    mark = key_node
                return (mark.start_mark.line + 1, mark.start_mark.column + 1)
            probe = probe[:-1]
        return (1, 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block scalar: always text (the C loader says '' for plain)
        return value
    if node.tag != "tag:yaml.org,2002:str":  # an explicit tag like !!str or !custom: keep the text
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


def _build(node: yaml.Node, dups: list[tuple[yaml.Node, yaml.Node, int]]) -> Any:
    """Plain Python values from a node tree; duplicate keys are collected in ``dups`` (mapping, key, first line)."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_scalar(item) if isinstance(item, yaml.ScalarNode) else _build(item, dups) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            key = key if isinstance(key, str) else str(getattr(key_node, "value", ""))
            if key in out:
                dups.append((node, key_node, lines[key]))
                continue
            lines[key] = key_node.start_mark.line + 1
            out[key] = _scalar(value_node) if isinstance(value_node, yaml.ScalarNode) else _build(value_node, dups)
        return out
    return None  # aliases are resolved by the composer; anything else is unexpected


def _path_to(root: yaml.Node, target: yaml.Node, loc: Path = ()) -> Path | None:
    """The key path of a mapping node inside the tree (only used to word a rare message)."""
    if root is target:
        return loc
    if isinstance(root, yaml.MappingNode):
        children = [(getattr(k, "value", "?"), v) for k, v in root.value]
    elif isinstance(root, yaml.SequenceNode):
        children = list(enumerate(root.value))
    else:
        return None
    for part, child in children:
        found = _path_to(child, target, loc + (part,))
        if found is not None:
            return found
    return None


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
        block = _unindented_block(text, line)
        if block is not None:
            problems.append(block.at(path))
        else:
            problems.append(Diagnostic.error(path, line, col, "(file)", f"YAML syntax error: {what}", _yaml_fix(exc)))
        return src, problems
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        problems.append(Diagnostic.error(path, 1, 1, "(file)", f"YAML error: {exc}", "check the file's syntax"))
        return src, problems
    if node is None:
        src.data = {}
        return src, problems
    src.node = node
    dups: list[tuple[yaml.Node, yaml.Node, int]] = []
    src.data = _build(node, dups)
    for mapping, key_node, first in dups:
        key = key_node.value
        loc = (_path_to(node, mapping) or ()) + (key,)
        problems.append(Diagnostic.error(
            path, key_node.start_mark.line + 1, key_node.start_mark.column + 1, _dotted(loc),
            f"duplicate key `{key}` (first written on line {first}); YAML would silently keep only the last one",
            "merge the two entries into one or delete one of them",
        ))
    return src, problems


_BLOCK_HEADER = re.compile(r"^(\s*)(?:-\s+)?([^\s#:][^:#]*):\s*[|>][-+0-9]*\s*(?:#.*)?$")


@dataclass
class _Block:
    line: int
    col: int
    key: str
    first: int
    last: int

    def at(self, path: str) -> Diagnostic:
        lines = f"line {self.first}" if self.first == self.last else f"lines {self.first}–{self.last}"
        return Diagnostic.error(
            path, self.line, self.col, self.key,
            f"the text after `{self.key}: |` is not indented, so YAML cannot tell where it ends",
            f"indent the text ({lines}) by two spaces more than `{self.key}`")


def _unindented_block(text: str, error_line: int) -> _Block | None:
    """A block text (``key: |`` or ``key: >``) above a syntax error whose text is not indented
    under its key: PyYAML reports it where it gives up, lines below the mistake."""
    lines = text.splitlines()
    for number in range(min(error_line, len(lines)), max(0, error_line - 40), -1):
        header = _BLOCK_HEADER.match(lines[number - 1])
        if not header:
            continue
        indent = len(header.group(1))
        body = [n for n in range(number + 1, error_line + 1) if n <= len(lines) and lines[n - 1].strip()]
        if not body or len(lines[body[0] - 1]) - len(lines[body[0] - 1].lstrip(" ")) > indent:
            return None  # the nearest block text is indented: the mistake is something else
        last = body[0]
        while last + 1 <= len(lines) and lines[last].strip() and not re.match(r"^\s*[\w-]+:(\s|$)", lines[last]):
            last += 1
        return _Block(number, indent + 1 + (len(header.group(0)) - len(header.group(0).lstrip(" -")) - indent),
                      header.group(2).strip(), body[0], last)
    return None


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
