"""Every kind of editor mistake in tests/catalogue/broken/ gives its exact message and location.

Each folder overlays the minimal catalogue with the files it holds; ``expected.txt`` is the exact
output of ``civicat validate catalogue``. Errors exit 1, warnings alone exit 0.
"""

from __future__ import annotations

import pytest

from .conftest import BROKEN
from .corpus import CASES, overlay


@pytest.mark.parametrize("case", CASES)
def test_a_mistake_is_reported_with_file_line_key_and_fix(case, workdir, civicat):
    folder = BROKEN / case
    overlay(case, workdir)
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}: expected.txt is empty"

    result = civicat("validate", "catalogue")

    assert result.lines == expected
    has_error = any(": warning: " not in line and not line.startswith("warning: ") for line in expected)
    assert result.code == (1 if has_error else 0)


def test_the_corpus_covers_every_kind_of_mistake_the_validator_promises():
    promised = {
        "yaml-syntax", "tab-indentation", "duplicate-key", "unknown-key", "unknown-key-near-miss",
        "wrong-type-list", "wrong-type-bool", "bad-date", "bad-email", "bad-phone", "bad-url", "bad-money",
        "missing-required", "duplicate-id", "dangling-office", "dangling-form", "dangling-topic",
        "dangling-related", "hours-invalid", "hours-replaced-day", "hours-comment-without-state",
        "hours-fallback", "hours-school-holidays-unknown", "default-language-missing",
        "translation-missing", "review-overdue",
        # what editors wrote when the validator was tried as a new editor would (issue 14)
        "hours-past-midnight", "hours-reversed", "hours-over-midnight", "hours-long-day", "hours-no-times",
        "hours-short-break", "hours-german-weekdays", "hours-bis", "hours-hours-only", "hours-holiday-ambiguous",
        "closure-hours-invalid", "closure-hours-reversed", "phone-unquoted", "block-text-not-indented",
        "placeholder-left-in", "warnings-summarised",
    }
    assert promised <= set(CASES)


def test_errors_come_first_and_many_warnings_of_a_kind_are_counted_until_asked_for(workdir, civicat):
    overlay("warnings-summarised", workdir)

    counted = civicat("validate", "catalogue").lines
    listed = civicat("validate", "--warnings", "catalogue").lines
    errors_only = civicat("validate", "--quiet", "catalogue").lines

    assert counted[0] == listed[0] == errors_only[0]  # the one error, first
    assert "unknown key `office`" in counted[0] and len(errors_only) == 1
    assert counted[1:] == ["warning: 4 files have texts not yet in English (en): run `civicat validate --warnings` to list them"]
    assert [line.split(":")[0] for line in listed[1:]] == [f"catalogue/services/schein-{n}.yaml" for n in range(1, 5)]
    assert all("warning: not translated into English (en)" in line for line in listed[1:])
