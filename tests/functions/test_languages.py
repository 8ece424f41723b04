"""A site in five languages: the function answers, pages and mails in each, numbers and dates as
people of that language write them (the words come compiled from civicat/i18n/<lang>.yaml)."""
import datetime as dt
import json
import re

import pytest

from chalicelib import i18n

from tests.functions.fixtures.refresh import refresh

from .support import FORMS, kontakt, post_form, post_json, body_json


@pytest.fixture
def five_languages(tmp_path, monkeypatch, functions_env):
    raw = json.loads(FORMS.read_text(encoding="utf-8"))
    raw["site"]["languages"] = ["de", "en", "ar", "bg", "sl"]
    path = tmp_path / "forms.json"
    path.write_text(json.dumps(refresh(raw), ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("CIVICAT_FORMS", str(path))
    return path


def test_a_bulgarian_and_a_slovenian_citizen_get_their_own_language(client, five_languages):
    for lang, expected in (("bg", "Формулярът беше изпратен много бързо"),
                           ("sl", "Obrazec je bil poslan zelo hitro")):
        response = post_json(client, "kontakt", kontakt(lang, started_at=int(dt.datetime.now().timestamp() * 1000)))
        assert response.status_code == 422
        assert body_json(response)["errors"][0]["message"].startswith(expected)
    page = post_form(client, "kontakt", kontakt("bg", name="")).body.decode()
    assert '<html lang="bg" dir="ltr">' in page and "Има проблем" in page and "Грешка:" in page


@pytest.mark.parametrize("minutes, word", [(1, "minuto"), (2, "minuti"), (3, "minute"), (4, "minute"),
                                           (5, "minut"), (101, "minuto"), (102, "minuti"), (105, "minut")])
def test_slovenian_counts_take_singular_dual_and_plural(five_languages, minutes, word):
    assert i18n.t("rate_limited", "sl", count=minutes).endswith(f"čez {minutes} {word}.")


@pytest.mark.parametrize("lang, count, text", [
    ("bg", 1, "Вече е качен 1 файл."), ("bg", 3, "Вече са качени 3 файла."),
    ("en", 1, "1 file already uploaded."), ("en", 2, "2 files already uploaded."),
    ("sl", 2, "Že naloženi sta 2 datoteki."), ("sl", 3, "Že naložene so 3 datoteke."),
    ("de", 1, "Bereits hochgeladen: 1 Datei."),
])
def test_counted_words_agree_with_their_number(five_languages, lang, count, text):
    assert i18n.t("attachments_kept", lang, count=count).startswith(text)


@pytest.mark.parametrize("lang, written", [
    ("de", "4. Dezember 2026"), ("en", "4 December 2026"), ("ar", "4 ديسمبر 2026"),
    ("bg", "4 декември 2026 г."), ("sl", "4. december 2026"),
])
def test_dates_are_written_as_people_write_them_with_western_digits(five_languages, lang, written):
    assert i18n.date(dt.date(2026, 12, 4), lang) == written
    assert not re.search(r"[\u0660-\u0669]", i18n.date(dt.date(2026, 12, 4), lang))


@pytest.mark.parametrize("lang, unsigned, expired", [
    ("bg", "Файлът \u2068antrag.pdf\u2069 не е подписан електронно. Подпишете PDF файла с квалифициран електронен подпис",
     "(валидно до \u20684 декември 2026 г.\u2069)"),
    ("sl", "Datoteka \u2068antrag.pdf\u2069 ni elektronsko podpisana. Podpišite datoteko PDF s kvalificiranim elektronskim podpisom",
     "(veljavno do: \u20684. december 2026\u2069)"),
    ("ar", "الملف \u2068antrag.pdf\u2069 غير موقَّع إلكترونيًا. وقّعوا ملف PDF بـتوقيع إلكتروني مؤهَّل",
     "(صالحة حتى \u20684 ديسمبر 2026\u2069)"),
])
def test_what_a_signature_check_found_is_said_in_the_citizens_language(five_languages, lang, unsigned, expired):
    """An application that needs a qualified signature: the citizen learns in their own words
    what is wrong with the PDF and how to fix it, with the certificate's date as they write it."""
    from chalicelib.contract import SignatureRule
    from chalicelib.signatures import wording

    rule = SignatureRule("required", "qualified")
    told = wording.describe({"state": "unsigned", "problem": "unsigned"}, rule, "antrag.pdf", lang)
    assert told["tone"] == "error" and told["message"].startswith(unsigned)
    result = {"state": "invalid", "problem": "expired", "signer": "Erika Mustermann", "signatures": [
        {"state": "invalid", "certificate": {"valid_until": "2026-12-04T12:00:00+00:00"}}]}
    assert expired in wording.describe(result, rule, "antrag.pdf", lang)["message"]
