"""civicat schema and civicat new: editors get completion from the model, and starting files
whose placeholders they must fill in."""

from __future__ import annotations

import json

import pytest

from civicat.catalogue import schema

from .conftest import DEMO


def test_the_schema_is_derived_from_the_model_with_field_docs(workdir, civicat):
    result = civicat("schema", "catalogue")
    assert result.code == 0
    service = json.loads((workdir / "catalogue/schema/service.json").read_text())
    assert service["additionalProperties"] is False
    assert "id" not in service["required"]
    assert {"title", "summary", "offices", "last_reviewed"} <= set(service["required"])
    assert service["properties"]["summary"]["description"].startswith("One or two sentences")
    office = json.loads((workdir / "catalogue/schema/office.json").read_text())
    assert "opening_hours" in office["properties"]


def test_schema_check_fails_when_the_files_are_stale(workdir, civicat):
    civicat("schema", "catalogue")
    assert civicat("schema", "--check", "catalogue").code == 0
    (workdir / "catalogue/schema/form.json").write_text("{}")
    result = civicat("schema", "--check", "catalogue")
    assert result.code == 1
    assert "form.json: out of date with the model — run `civicat schema` and commit the result" in result.out


def test_the_demo_schema_files_match_the_model():
    assert schema.stale(DEMO / "schema") == []


def test_the_field_reference_for_editors_matches_the_model():
    """docs/catalogue.md is what editors read for every key: a model change without regenerating
    it would leave them a wrong manual."""
    from civicat.catalogue import fielddocs

    written = (DEMO.parent / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert written == fielddocs.render(), "run `python -m civicat.catalogue.fielddocs` and commit docs/catalogue.md"


def test_every_demo_file_points_its_editor_at_its_schema():
    for kind, folder in (("service", "services"), ("office", "offices"), ("form", "forms")):
        for path in (DEMO / folder).rglob("*.yaml"):
            depth = len(path.relative_to(DEMO).parts) - 1
            assert path.read_text(encoding="utf-8").splitlines()[0] == schema.modeline(kind, depth), path
    for kind in ("site", "topics"):
        assert (DEMO / f"{kind}.yaml").read_text(encoding="utf-8").splitlines()[0] == schema.modeline(kind, 0)


@pytest.mark.parametrize("kind", ["service", "office", "form"])
def test_new_writes_a_commented_file_whose_placeholders_must_be_replaced(kind, workdir, civicat):
    result = civicat("new", kind, "neu-angelegt")
    assert result.code == 0
    path = workdir / "catalogue" / f"{kind}s" / "neu-angelegt.yaml"
    text = path.read_text()
    assert text.startswith(schema.modeline(kind, 1))
    assert text.count("\n#") >= 1
    assert "\\n" not in text  # every example in the comments is on lines of its own

    left_in = civicat("validate", "-q", "catalogue")
    assert left_in.code == 1  # a placeholder must never go live
    todo_lines = [n for n, line in enumerate(text.splitlines(), 1) if "TODO" in line and not line.lstrip().startswith("#")]
    assert todo_lines and [int(line.split(":")[1]) for line in left_in.lines] == todo_lines
    assert all("the placeholder" in line and "write the real text in its place" in line for line in left_in.lines)

    path.write_text(text.replace("TODO ", ""), encoding="utf-8")
    assert civicat("validate", "-q", "catalogue").code == 0


def test_new_refuses_to_overwrite_and_explains(workdir, civicat):
    result = civicat("new", "service", "hundesteuer")
    assert result.code == 1
    assert "services/hundesteuer.yaml already exists — choose another id or edit that file" in result.err


def test_new_refuses_an_invalid_id(workdir, civicat):
    result = civicat("new", "office", "Bürgerbüro")
    assert result.code == 1
    assert '"Bürgerbüro" is not a valid id — use lower-case letters, digits and hyphens' in result.err
