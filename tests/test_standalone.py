"""The repository stands alone: a clone in any folder, without the team's reference folder beside
it, has everything its code, tests and docs name."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTSIDE = re.compile(r"(\.\./|/[A-Za-z0-9_.-]+/)" + "shared/" + r"|/" + "work/")
"""A path into a folder beside the repository (the team's reference folder, a machine's checkout)."""


def tracked_text_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.split(b"\0")
    return [REPO / name.decode() for name in names if name]


def test_no_tracked_file_names_a_path_outside_the_repository():
    found = []
    for path in tracked_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary files (images, fonts) cannot hold a path a reader follows
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:120]}")
    assert found == [], "copy what the project needs into it (docs/standards/, docs/architecture.md) and point there"


def test_no_build_output_or_deployment_package_is_tracked():
    """Chalice writes a zip per deployment into functions/.chalice/deployments/: ignored, never committed."""
    tracked = [str(path.relative_to(REPO)) for path in tracked_text_files()]
    assert [name for name in tracked if name.endswith(".zip") or "/deployments/" in name] == []
