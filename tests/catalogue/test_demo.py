"""The demo district: validates clean, holds what the foundation promises, and locates mistakes."""

from __future__ import annotations

import re
import shutil

import pytest

from civicat.catalogue import collect, load
from civicat.catalogue.checks import texts

from .conftest import DEMO

REQUIRED_SERVICES = {
    "personalausweis", "reisepass", "wohnsitz-anmelden", "fahrzeug-zulassen", "fuehrerschein-umtausch",
    "baugenehmigung", "hundesteuer", "bewohnerparkausweis", "schwerbehindertenausweis", "wohngeld",
    "elterngeld", "geburtsurkunde", "eheschliessung", "gewerbe-anmelden", "sperrmuell", "schuelerbefoerderung",
    "pflegeberatung",
}


@pytest.fixture(scope="module")
def demo():
    return load(DEMO)


def test_the_demo_validates_without_errors():
    catalogue, problems = collect(DEMO)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == []
    assert catalogue is not None


def test_the_demo_has_the_services_citizens_ask_for_most(demo):
    assert len(demo.services) >= 40
    assert REQUIRED_SERVICES <= set(demo.services)


def test_the_demo_has_offices_in_several_localities_with_realistic_hours(demo):
    assert len(demo.offices) >= 6
    assert len({o.address.locality for o in demo.offices.values()}) >= 3
    assert {"district-office", "town-hall", "citizens-office"} <= {o.kind for o in demo.offices.values()}
    hours = [o.opening_hours for o in demo.offices.values()]
    assert all("PH off" in h for h in hours)
    assert any(re.search(r"\d\d:\d\d-\d\d:\d\d,\d\d:\d\d-\d\d:\d\d", h) for h in hours), "a split shift"
    assert any(re.search(r"Th [^;]*1[78]:\d\d", h) for h in hours), "a long Thursday"
    assert any(c.start.month == 12 and c.start.day == 24 for o in demo.offices.values() for c in o.closures)


def test_the_demo_has_the_four_kinds_of_form(demo):
    kinds = {f.kind: f for f in demo.forms.values()}
    assert set(kinds) == {"contact", "feedback", "application", "accessibility"}
    assert kinds["feedback"].location
    assert kinds["application"].attachments is not None


def test_the_demo_has_topics_life_situations_and_the_audiences(demo):
    assert len(demo.topics.topics) >= 8 and len(demo.topics.life_situations) >= 8
    audiences = {a.id for a in demo.topics.audiences}
    assert {"junge-menschen", "senioren", "studierende", "berufstaetige", "familien"} <= audiences
    assert sum(1 for s in demo.services.values() if s.keywords) >= 40


def _untranslated(obj, languages: list[str]) -> list[str]:
    """Where ``obj`` lacks a language: every text, search words and legal titles included."""
    return [f"{'.'.join(map(str, loc))}: {lang}" for loc, value in texts(obj)
            for lang in languages if not (isinstance(value, dict) and value.get(lang))]


def test_validate_finds_no_missing_translation_in_the_demo():
    """A missing translation shows citizens German text with a notice; the demo shows none."""
    _, problems = collect(DEMO)
    assert [str(p) for p in problems if "translat" in p.message] == []


def test_every_text_of_the_demo_is_in_every_language_of_the_site(demo):
    languages = demo.site.languages
    assert {"de", "en", "ar"} <= set(languages)
    items = {**{f"services/{k}": v for k, v in demo.services.items()},
             **{f"offices/{k}": v for k, v in demo.offices.items()},
             **{f"forms/{k}": v for k, v in demo.forms.items()},
             "topics.yaml": demo.topics, "site.yaml": demo.site}
    missing = {name: gaps for name, obj in items.items() if (gaps := _untranslated(obj, languages))}
    assert missing == {}


def test_every_free_page_of_the_demo_is_in_every_language_of_the_site(demo):
    """``<name>.<lang>.md`` next to ``<name>.md``; without it the page is shown in German."""
    pages = [name for name in demo.pages if "." not in name]
    assert set(demo.site.pages.model_dump().values()) <= set(pages)
    others = [lang for lang in demo.site.languages if lang != demo.site.default_language]
    assert [f"{name}.{lang}.md" for name in pages for lang in others if f"{name}.{lang}" not in demo.pages] == []


def test_contacts_are_team_roles_not_invented_people(demo):
    roles = [str(c.role) for o in demo.offices.values() for c in o.contacts]
    assert roles
    assert not [r for r in roles if re.search(r"\b(Frau|Herr|Dr\.|Mr|Mrs|Ms)\b", r)]


# --------------------------------------------------------------------------- mistakes anywhere

FILES = sorted(p.relative_to(DEMO) for p in DEMO.rglob("*.yaml"))


def _mutate(text: str, index: int) -> tuple[str, int, str]:
    """A typical mistake; returns the new text, the line it is on, and what the message says."""
    lines = text.splitlines()
    keys = [i for i, line in enumerate(lines) if re.match(r"^[a-z_]+:", line)]
    kind = index % 3
    if kind == 0:  # a made-up key
        at = keys[1] if len(keys) > 1 else keys[0]
        lines.insert(at, "colour: blue")
        return "\n".join(lines) + "\n", at + 1, "unknown key `colour`"
    if kind == 1:  # a tab for indentation
        at = next(i for i, line in enumerate(lines) if line.startswith("  ") and line.strip())
        lines[at] = "\t" + lines[at].lstrip(" ")
        return "\n".join(lines) + "\n", at + 1, "a tab is used for indentation"
    at = keys[-1]  # a misspelt key
    key = lines[at].split(":")[0]
    lines[at] = key[:-1] + key[-1] * 2 + lines[at][len(key):]
    return "\n".join(lines) + "\n", at + 1, f"unknown key `{key[:-1] + key[-1] * 2}`"


@pytest.mark.parametrize("relative", FILES, ids=[str(f) for f in FILES])
def test_a_typical_mistake_in_any_demo_file_is_located(relative, tmp_path, monkeypatch):
    shutil.copytree(DEMO, tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "catalogue" / relative
    text, line, said = _mutate(path.read_text(encoding="utf-8"), FILES.index(relative))
    path.write_text(text, encoding="utf-8")

    catalogue, problems = collect(tmp_path / "catalogue")

    assert catalogue is None
    located = [str(p) for p in problems if p.severity == "error" and p.path == f"catalogue/{relative}"]
    assert any(p.startswith(f"catalogue/{relative}:{line}:") and said in p for p in located), located
