"""Nothing a citizen wrote reaches a page, a mail or a header unescaped."""
import re

from chalicelib import clock
from chalicelib.notify import headers, mails as mail_builder
from chalicelib.stores import Submission

from . import support
from .support import body_json, kontakt, post_form, post_json

ATTACK = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def test_the_error_page_keeps_input_but_escapes_it(client):
    response = post_form(client, "kontakt", kontakt(name=ATTACK, message="zu kurz"))
    page = response.body.decode()
    assert "<script>" not in page and "<img src=x" not in page
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x ' \
           'onerror=alert(2)&gt;"' in page
    assert "zu kurz</textarea>" in page


def test_the_error_page_follows_the_gov_uk_error_pattern(client):
    page = post_form(client, "kontakt", kontakt("en", name="", topic="")).body.decode()
    assert page.index('role="alert"') < page.index("There is a problem") < page.index("<form")
    assert re.search(r'<title>Error: Contact – Hainbach District</title>', page)
    summary = re.findall(r'<li><a href="#(field-[a-z_]+)">([^<]+)</a></li>', page)
    assert summary == [("field-name", "Enter your name"),
                       ("field-topic", "Select what it is about")]
    assert ('<p id="field-name-error" class="cc-error-message"><span class="cc-visually-hidden">'
            'Error:</span> Enter your name</p>') in page
    name = re.search(r'<input [^>]*id="field-name"[^>]*>', page).group(0)
    assert 'aria-describedby="field-name-error"' in name and 'aria-invalid="true"' in name
    assert page.index('id="field-name-error"') < page.index('id="field-name"')
    assert 'id="field-name"' in page and 'id="field-topic"' in page


def test_the_error_page_is_right_to_left_in_arabic(client):
    page = post_form(client, "kontakt", kontakt("ar", name="")).body.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "هناك مشكلة" in page and "خطأ:" in page


def test_the_office_mail_escapes_every_value_in_html(client, mails):
    post_json(client, "kontakt", kontakt(name=ATTACK, message="Zeile 1\n<b>Zeile 2</b> & mehr"))
    office = next(m for m in mails() if m["X-Civicat-Kind"] == "office")
    assert office.get_content_type() == "multipart/alternative"
    html = office.get_body(("html",)).get_content()
    plain = office.get_body(("plain",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Zeile 1<br>\n&lt;b&gt;Zeile 2&lt;/b&gt; &amp; mehr" in html
    assert ATTACK in plain  # plain text shows what was typed, literally


def test_the_office_can_reply_to_the_citizen(client, mails):
    post_json(client, "kontakt", kontakt())
    office = next(m for m in mails() if m["X-Civicat-Kind"] == "office")
    assert office["Reply-To"] == "erika@example.org"
    assert office["To"].addresses[0].addr_spec == "buergerservice@landkreis-hainbach.de"


def test_an_address_with_a_line_break_is_refused_before_it_nears_a_header(client):
    response = post_json(client, "kontakt", kontakt(
        "en", email="erika@example.org\r\nBcc: everyone@example.org"))
    assert body_json(response)["errors"] == [{
        "field": "email",
        "message": "Enter an email address in the correct format, like name@example.com"}]


def test_a_hostile_stored_value_still_cannot_add_a_header():
    now = clock.now()
    hostile = Submission(
        reference="HBN-2026-AAAAA", submission_key="k", form_id="kontakt", status_token="t" * 22,
        lang="de\r\nBcc: x@example.org", created_at=clock.iso(now), expires_at=0,
        data={"name": "Evil\r\nBcc: victim@example.org", "email": "a@b.de\r\nBcc: v@example.org",
              "topic": "termin", "message": "hi"})
    contract = support.contract()
    message = mail_builder.office_mail(contract.forms["kontakt"], hostile, contract)
    raw = message.as_bytes().decode("utf-8", "replace")
    head = raw.split("\n\n", 1)[0]
    assert "Bcc" not in head
    assert message["Reply-To"] is None  # an address that is not plain is not used at all
    assert mail_builder.confirmation_mail(contract.forms["kontakt"], hostile, contract) is None


def test_header_text_loses_control_characters():
    assert headers.clean("Antrag\r\nBcc: x@example.org\x00") == "Antrag Bcc: x@example.org"
    assert headers.safe_address("a@example.org\nBcc: b@example.org") is None
    assert headers.safe_address("Erika <erika@example.org>") is None
    assert headers.safe_address(" erika@example.org ") == "erika@example.org"


def test_the_confirmation_repeats_nothing_the_citizen_wrote(client, mails):
    post_json(client, "kontakt", kontakt("en", message="Buy cheap watches at spam.example now"))
    confirmation = next(m for m in mails() if m["X-Civicat-Kind"] == "citizen")
    text = confirmation.get_body(("plain",)).get_content()
    assert "spam.example" not in text and "Erika" not in text
    assert confirmation["Subject"].startswith("We have received your message (HBN-")
    assert "https://service.landkreis-hainbach.de/api/status/HBN-" in text


def test_every_mail_reads_exactly_as_the_standard_library_writes_it():
    """The mails take a shortcut for short ASCII header lines; a mail client must see the same
    bytes as without it: long, Arabic and Cyrillic names, long subjects, all three kinds."""
    from email.policy import compat32

    contract = support.contract()
    form = contract.forms["kontakt"]
    now = clock.now()
    names = ["Erika Mustermann", "Ярослава Стефанова-Костадинова " * 3, "محمد عبد الرحمن",
             "A" * 90, "Dr. Maximilian Alexander von und zu Hohenberg-Wittelsbach, Stadtteil Nord"]
    for index, name in enumerate(names):
        for lang in ("de", "ar", "bg", "sl", "en"):
            sub = Submission(
                reference=f"HBN-2026-AAA{index}{lang[0].upper()}", submission_key=f"k{index}{lang}",
                form_id="kontakt", status_token="t" * 22, lang=lang, created_at=clock.iso(now),
                expires_at=0, updated_at=clock.iso(now), status="answered", message="Antwort " * 40,
                data={"name": name, "email": "erika@example.org", "topic": "termin", "message": name})
            for kind in mail_builder.KINDS:
                message = mail_builder.build(kind, form, sub, contract)
                if message is None:
                    continue
                assert message.as_bytes() == message.as_bytes(policy=compat32), (kind, lang, name)
