"""The validator's problems in the forms CI systems show at the right line of the right file.

- ``text``: ``path:line:col: key: what — fix`` (``Diagnostic.__str__``), for people and editors.
- ``github``: GitHub Actions workflow commands, ``::error file=…,line=…,col=…,title=…::…``; the
  runner turns each into an annotation on that line of the pull request's changed files.
- ``gitlab``: a GitLab Code Quality report (JSON), which a merge request shows beside the diff;
  the job stores it as the ``codequality`` report artifact.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from typing import Iterable

from .diagnostics import Diagnostic

FORMATS = ("text", "github", "gitlab")


def _relative(path: str) -> str:
    """Paths as CI systems want them: relative to the repository root, which is where the job
    runs; an absolute path inside the working folder is made relative to it."""
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:
            return path
        return path if relative.startswith("..") else relative
    return path


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """One workflow command per problem (escaped as the Actions runner expects)."""
    lines = []
    for d in diagnostics:
        command = "warning" if d.severity == "warning" else "error"
        properties = (f"file={_escape_property(_relative(d.path))},line={max(d.line, 1)},col={max(d.col, 1)},"
                      f"title={_escape_property(f'civicat: {d.key}')}")
        lines.append(f"::{command} {properties}::{_escape_data(f'{d.key}: {d.message} — {d.fix}')}")
    return lines


def gitlab(diagnostics: Iterable[Diagnostic]) -> str:
    """A Code Quality report: one issue per problem. The fingerprint leaves out the line, so a
    problem that only moved is the same issue in the merge request's comparison."""
    issues, seen = [], Counter()
    for d in diagnostics:
        path = _relative(d.path)
        identity = f"{path}\n{d.key}\n{d.message}"
        seen[identity] += 1
        issues.append({
            "type": "issue",
            "check_name": f"civicat-{d.severity}",
            "description": f"{d.key}: {d.message} — {d.fix}",
            "categories": ["Bug Risk"] if d.severity == "error" else ["Style"],
            "severity": "major" if d.severity == "error" else "minor",
            "fingerprint": hashlib.sha256(f"{identity}\n{seen[identity]}".encode()).hexdigest(),
            "location": {"path": path, "lines": {"begin": max(d.line, 1)}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
