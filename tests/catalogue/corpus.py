"""The broken-catalogue corpus (``broken/``): one folder per kind of editor mistake, holding the
files that overlay the minimal catalogue, an ``expected.txt`` with the exact output of
``civicat validate catalogue`` and a README. Read by the validator's tests, the CI report formats'
tests and the CI templates' tests, so that all three see a case the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import BROKEN

CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def overlay(case: str, workdir: Path) -> None:
    """The minimal catalogue in ``workdir`` with the case's files put over it."""
    folder = BROKEN / case
    for path in folder.rglob("*"):
        if path.is_file() and path.name not in ("README", "expected.txt"):
            target = workdir / "catalogue" / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
