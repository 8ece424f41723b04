"""recheck + apply: one office, service or form file read again — edited, new or deleted — with
the messages a full load would give (civicat serve's fast path)."""

from __future__ import annotations

import pytest

from civicat.catalogue import apply, load, recheck


def test_a_new_service_file_goes_in_with_its_warnings(workdir):
    catalogue = load(workdir / "catalogue")
    new = workdir / "catalogue" / "services" / "katzensteuer.yaml"
    new.write_text("title: Katze anmelden\nsummary: Für Katzen.\noffices: [rathaus]\nlast_reviewed: 2026-06-01\n", encoding="utf-8")
    done = recheck(catalogue, new)
    assert done.ok and [p.kind for p in done.problems] == ["untranslated:en"]
    assert apply(catalogue, done) is None
    assert catalogue.services["katzensteuer"].title == "Katze anmelden"


def test_a_new_file_that_takes_an_existing_id_is_refused(workdir):
    catalogue = load(workdir / "catalogue")
    copy = workdir / "catalogue" / "services" / "hundesteuer-kopie.yaml"
    copy.write_text("id: hundesteuer\n" + (workdir / "catalogue" / "services" / "hundesteuer.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    done = recheck(catalogue, copy)
    assert not done.ok
    assert [(p.key, p.message) for p in done.problems if p.severity == "error"] == [
        ("id", 'duplicate service id "hundesteuer" (also used by catalogue/services/hundesteuer.yaml)')]


def test_a_deleted_file_comes_out_unless_another_file_refers_to_it(workdir):
    catalogue = load(workdir / "catalogue")
    service = workdir / "catalogue" / "services" / "hundesteuer.yaml"
    office = workdir / "catalogue" / "offices" / "rathaus.yaml"
    office.unlink()
    refused = recheck(catalogue, office)
    assert refused.removed == "rathaus" and not refused.ok
    assert {(p.path, p.key) for p in refused.problems} == {
        ("catalogue/services/hundesteuer.yaml", "offices[0]"), ("catalogue/forms/kontakt.yaml", "recipient"),
        ("catalogue/site.yaml", "main_office")}
    with pytest.raises(ValueError):
        apply(catalogue, refused)

    service.unlink()
    done = recheck(catalogue, service)
    assert done.ok and done.removed == "hundesteuer"
    assert apply(catalogue, done).id == "hundesteuer"
    assert "hundesteuer" not in catalogue.services and ("service", "hundesteuer") not in catalogue.sources


def test_a_file_that_was_never_read_and_is_gone_changes_nothing(workdir):
    catalogue = load(workdir / "catalogue")
    done = recheck(catalogue, workdir / "catalogue" / "services" / "nie-da-gewesen.yaml")
    assert done.item is None and done.removed is None and done.problems == []
