"""Every kind of editor mistake in tests/catalogue/broken/ gives its exact message and location.

Each folder overlays the minimal catalogue with the files it holds; ``expected.txt`` is the exact
output of ``civicat validate catalogue``. Errors exit 1, warnings alone exit 0.
"""

from __future__ import annotations

import shutil

import pytest

from .conftest import BROKEN

CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_a_mistake_is_reported_with_file_line_key_and_fix(case, workdir, civicat):
    folder = BROKEN / case
    for path in folder.rglob("*"):
        if path.is_file() and path.name not in ("README", "expected.txt"):
            target = workdir / "catalogue" / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}: expected.txt is empty"

    result = civicat("validate", "catalogue")

    assert result.lines == expected
    has_error = any(": warning: " not in line for line in expected)
    assert result.code == (1 if has_error else 0)


def test_the_corpus_covers_every_kind_of_mistake_the_validator_promises():
    promised = {
        "yaml-syntax", "tab-indentation", "duplicate-key", "unknown-key", "unknown-key-near-miss",
        "wrong-type-list", "wrong-type-bool", "bad-date", "bad-email", "bad-phone", "bad-url", "bad-money",
        "missing-required", "duplicate-id", "dangling-office", "dangling-form", "dangling-topic",
        "dangling-related", "hours-invalid", "hours-replaced-day", "hours-comment-without-state",
        "hours-fallback", "hours-school-holidays-unknown", "default-language-missing",
        "translation-missing", "review-overdue",
    }
    assert promised <= set(CASES)
