"""What is read, in which order and language, and what is highlighted, for the three examples.

Each example page is read once, from start to end, with real speech (see conftest.py); every test
here looks at the utterances that real engine started and ended.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

LANGS = ["de", "en", "ar"]

# (spoken text, language) in the order a listener hears them.
EXPECTED = {
    "de": [
        ("Hund anmelden", "de"),
        ("Wer einen Hund hält, muss ihn bei der Stadt anmelden.", "de"),
        ("Die Anmeldung ist kostenlos.", "de"),
        ("Die Hundesteuer wird jährlich fällig.", "de"),
        ("Kosten", "de"),
        ("Hundesteuer pro Jahr", "de"),
        ("Erster Hund: 90 Euro", "de"),
        ("Jeder weitere Hund: 120 Euro", "de"),
        ("Öffnungszeiten", "de"),
        ("Montag: 08:00 bis 12:00", "de"),
        ("Donnerstag: 14:00 bis 18:00", "de"),
        ("Antrag", "de"),
        ("Nutzen Sie das Formular", "de"),
        ("Online Services", "en"),
        ("im Bürgerportal.", "de"),
        ("Mehr dazu auf der Seite zur Hundesteuer.", "de"),
    ],
    "en": [
        ("Register a dog", "en"),
        ("If you keep a dog, you must register it with the city.", "en"),
        ("Registration is free of charge.", "en"),
        ("The dog tax is due every year.", "en"),
        ("Costs", "en"),
        ("Dog tax per year", "en"),
        ("First dog: 90 euros", "en"),
        ("Each further dog: 120 euros", "en"),
        ("Opening hours", "en"),
        ("Monday: 08:00 to 12:00", "en"),
        ("Thursday: 14:00 to 18:00", "en"),
        ("In German the tax is called", "en"),
        ("Hundesteuer.", "de"),
        ("More at www.example.org.", "en"),
    ],
    "ar": [
        ("تسجيل كلب", "ar"),
        ("من يملك كلبا يجب عليه تسجيله لدى المدينة.", "ar"),
        ("التسجيل مجاني.", "ar"),
        ("تستحق ضريبة الكلاب كل سنة.", "ar"),
        ("التكاليف", "ar"),
        ("ضريبة الكلاب في السنة", "ar"),
        ("الكلب الأول: 90 يورو", "ar"),
        ("كل كلب إضافي: 120 يورو", "ar"),
        ("مواعيد العمل", "ar"),
        ("الاثنين: 08:00 إلى 12:00", "ar"),
        ("الخميس: 14:00 إلى 18:00", "ar"),
        ("اسم هذه الضريبة بالألمانية", "ar"),
        ("Hundesteuer.", "de"),
        ("المزيد في صفحة ضريبة الكلاب.", "ar"),
    ],
}

# Text on each example page that must never be heard: navigation (site and breadcrumbs), the
# read-aloud control, a button, visually hidden and aria-hidden text, and link addresses.
NOT_READ = {
    "de": ["Startseite", "Brotkrumen", "Vorlesen", "Abspielen", "Knopf", "Versteckter Hinweis",
           "Pfotensymbol", "https", "hundesteuer"],
    "en": ["Home", "Breadcrumb", "Read aloud", "Play", "Button", "Hidden note", "paw symbol",
           "https", "dog-tax"],
    "ar": ["الصفحة الرئيسية", "مسار التنقل", "استمع", "تشغيل", "زر طباعة", "ملاحظة مخفية",
           "رمز مخفي", "https", "dog-tax"],
}

TO = {"de": "bis", "en": "to", "ar": "إلى"}


def words(text: str) -> list[str]:
    """Letters and digits only: what a listener hears, without punctuation."""
    return re.findall(r"\w+", text.lower())


def language(tag: str) -> str:
    return tag.split("-")[0].lower()


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_is_read_sentence_by_sentence_in_document_order(full_readings, lang):
    log = full_readings(lang)["log"]
    assert [(e["text"], language(e["lang"])) for e in log] == EXPECTED[lang]
    assert full_readings(lang)["errors"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_sentence_is_really_spoken_and_short(full_readings, lang):
    for entry in full_readings(lang)["log"]:
        assert entry["events"] == ["start", "end"], entry["text"]
        assert len(entry["text"]) <= 200


@pytest.mark.parametrize("lang", LANGS)
def test_each_part_is_spoken_with_a_voice_of_its_own_language(full_readings, lang):
    for entry in full_readings(lang)["log"]:
        assert language(entry["voiceLang"]) == language(entry["lang"]), entry


def test_the_arabic_page_is_read_with_an_arabic_voice(full_readings):
    arabic = [e for e in full_readings("ar")["log"] if language(e["lang"]) == "ar"]
    assert arabic and {e["voice"] for e in arabic} == {"Arabic espeak-ng"}


@pytest.mark.parametrize("lang", LANGS)
def test_navigation_buttons_hidden_text_and_addresses_are_not_read(full_readings, lang):
    heard = " ".join(e["text"] for e in full_readings(lang)["log"])
    for text in NOT_READ[lang]:
        assert text not in heard


@pytest.mark.parametrize("lang", LANGS)
def test_the_highlight_follows_the_sentence_being_spoken(full_readings, lang):
    for entry in full_readings(lang)["log"]:
        # What is on screen, said the way the control says it: "08:00–12:00" as "08:00 to
        # 12:00", a link that shows its address as the host name.
        shown = re.sub(r"(\d\d:\d\d)–(\d\d:\d\d)", rf"\1 {TO[lang]} \2", entry["highlight"])
        shown = re.sub(r"https?://([^/\s]+)\S*", r"\1", shown)
        assert words(shown) == words(entry["text"]), entry


@pytest.mark.parametrize("lang", LANGS)
def test_no_highlight_remains_after_the_end(full_readings, lang):
    assert full_readings(lang)["leftover"] == 0
