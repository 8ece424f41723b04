"""Problems found in a catalogue, each saying where, what and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: ``path:line:col: key.path: what is wrong — how to fix it``."""

    path: str
    line: int
    col: int
    key: str
    message: str
    fix: str
    severity: Literal["error", "warning"] = "error"
    kind: str = ""
    """What sort of problem, for summaries (``civicat validate`` counts warnings of one kind):
    e.g. "untranslated:ar", "review"."""

    @classmethod
    def error(cls, path: str, line: int, col: int, key: str, message: str, fix: str) -> "Diagnostic":
        return cls(path, line, col, key, message, fix, "error")

    @classmethod
    def warning(cls, path: str, line: int, col: int, key: str, message: str, fix: str, kind: str = "") -> "Diagnostic":
        return cls(path, line, col, key, message, fix, "warning", kind)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.col}: {self.key}: {prefix}{self.message} — {self.fix}"


class CatalogueError(Exception):
    """Raised when a catalogue has errors; carries every diagnostic, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the catalogue:\n" + "\n".join(str(d) for d in errors))
