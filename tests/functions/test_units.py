"""Small pieces on their own: references, multipart bodies, the contract, the thread-safe app."""
import json
import os
import re
import threading

import pytest

from chalicelib import contract, i18n, multipart, references
from chalicelib.appbase import ThreadLocalChalice

from .support import FORMS, FUNCTIONS_DIR, multipart_body

BUNDLED = FUNCTIONS_DIR / "chalicelib" / "forms.json"


def test_a_reference_is_prefix_year_and_five_unambiguous_characters():
    for _ in range(200):
        reference = references.new_reference("HBN", 2026)
        assert re.fullmatch(r"HBN-2026-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}", reference)


def test_a_reference_read_aloud_is_understood():
    assert references.normalize(" hbn-2026-4f7kq ") == "HBN-2026-4F7KQ"
    assert references.normalize("HBN-2026-O1LIU") == "HBN-2026-0111V"
    assert references.normalize("HBN-2026-4F7K") is None
    assert references.normalize("../../etc") is None


def test_multipart_bodies_keep_binary_files_byte_for_byte():
    for _ in range(50):
        data = os.urandom(3000) + b"\r\n--\r\n\r\n" + os.urandom(100)
        body, content_type = multipart_body([("a", "b\r\nc")], [("file", "x", "image/png", data)])
        values, files = multipart.parse(content_type, body)
        assert values == {"a": "b\r\nc"} and files[0].data == data


def test_the_test_contract_has_the_five_demo_forms():
    forms = contract.load(str(FORMS)).forms
    assert {f.id: f.kind for f in forms.values()} == {
        "kontakt": "contact", "ideen-und-beschwerden": "feedback",
        "antrag-bewohnerparken": "application", "barriere-melden": "accessibility",
        "widerspruch": "application"}
    assert forms["widerspruch"].attachments.signature == ("required", "qualified")
    assert forms["kontakt"].consent is False
    assert forms["ideen-und-beschwerden"].location is True
    assert forms["ideen-und-beschwerden"].attachments.types == ("image/jpeg", "image/png")
    rule = forms["antrag-bewohnerparken"].attachments
    assert (rule.max_files, rule.max_size_bytes, rule.types) == (
        3, 10 * 1024 * 1024, ("application/pdf", "image/jpeg", "image/png"))


@pytest.mark.parametrize("path", [BUNDLED, FORMS], ids=["bundled", "tests"])
def test_every_field_message_exists_in_every_site_language(path):
    loaded = contract.parse(json.loads(path.read_text(encoding="utf-8")))
    for form in loaded.forms.values():
        for field in form.fields:
            for rule, texts in field.messages.items():
                assert set(texts) == set(loaded.site.languages), (form.id, field.name, rule)
        assert set(form.pages["form"]) == set(loaded.site.languages), form.id


def _every_string_table_language():
    """The tests' contract compiled for every language civicat/i18n has (de, en, ar, bg, sl)."""
    from civicat.render.strings import available
    from tests.functions.fixtures.refresh import refresh

    raw = json.loads(FORMS.read_text(encoding="utf-8"))
    raw["site"]["languages"] = available()
    return refresh(raw)


@pytest.mark.parametrize("which", ["bundled", "tests", "every language"])
def test_the_functions_own_words_exist_in_every_language_the_contract_declares(which):
    """Every language of ``site.languages`` has every word of the default language, with the
    same placeholders and every plural form its numbers need, and a plural rule (a missing one
    would fall back to German, or to English plurals)."""
    raw = (_every_string_table_language() if which == "every language"
           else json.loads((BUNDLED if which == "bundled" else FORMS).read_text(encoding="utf-8")))
    loaded = contract.parse(raw)
    if which == "every language":
        assert {"bg", "sl"} <= set(loaded.site.languages)
    default = loaded.strings[loaded.site.default_language]
    assert len(default) > 50
    for lang in loaded.site.languages:
        words = loaded.strings[lang]
        assert set(words) == set(default), lang
        for key, value in default.items():
            if isinstance(value, str):
                assert words[key].strip(), (lang, key)
                assert set(re.findall(r"{\w+}", words[key])) == set(re.findall(r"{\w+}", value)), (lang, key)
            elif isinstance(value, dict):
                # each language has exactly its own CLDR categories (tests/site/test_i18n.py)
                assert set(re.findall(r"{\w+}", words[key]["other"])) == set(re.findall(r"{\w+}", value["other"])), (lang, key)
                needed = {i18n.PLURAL_LETTERS[letter] for letter in loaded.site.plurals[lang]}
                assert needed <= set(words[key]), (lang, key)
        assert len(loaded.site.plurals[lang]) == 200, lang


def test_a_contract_without_the_words_of_a_declared_language_is_refused():
    raw = json.loads(FORMS.read_text(encoding="utf-8"))
    del raw["strings"]["ar"]
    with pytest.raises(contract.ContractError, match=r"strings\.ar: missing"):
        contract.parse(raw)


def test_a_contract_of_another_version_is_refused_with_the_reason():
    with pytest.raises(contract.ContractError, match="version: expected 2, got 1"):
        contract.parse({"version": 1})


def test_a_contract_missing_a_key_names_form_and_key():
    raw = json.loads(FORMS.read_text())
    del raw["forms"]["kontakt"]["recipient"]
    with pytest.raises(contract.ContractError, match=r"forms\.kontakt\.recipient: missing"):
        contract.parse(raw)


def test_each_thread_sees_its_own_current_request():
    app = ThreadLocalChalice(app_name="t", configure_logs=False)
    seen, barrier = {}, threading.Barrier(8)

    def handle(number):
        app.current_request = number
        barrier.wait()
        seen[number] = app.current_request

    threads = [threading.Thread(target=handle, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {n: n for n in range(8)}


def test_accept_language_picks_the_best_site_language():
    assert i18n.from_accept_language("ar-SY,ar;q=0.9,en;q=0.5", ("de", "en", "ar"), "de") == "ar"
    assert i18n.from_accept_language("fr,en;q=0.4", ("de", "en", "ar"), "de") == "en"
    assert i18n.from_accept_language(None, ("de", "en", "ar"), "de") == "de"
