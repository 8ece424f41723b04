"""Helpers for catalogue tests: a copy of a catalogue in a temporary folder, and running the CLI."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from civicat.cli import main

HERE = Path(__file__).parent
MINIMAL = HERE / "minimal"
BROKEN = HERE / "broken"
DEMO = HERE.parent.parent / "catalogue"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.out.splitlines() if line.strip()]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working directory holding ``catalogue/`` copied from the minimal fixture."""
    shutil.copytree(MINIMAL, tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def civicat(capsys):
    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
