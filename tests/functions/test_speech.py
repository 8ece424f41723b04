"""Recordings of the site's own pages for devices without a voice (``GET /speech/{lang}``):
espeak-ng locally, Amazon Polly on AWS (moto over HTTP), kept per page and language.

The page is always read from the built site: a text in the request is never spoken.
"""
import shutil
import subprocess

import pytest
import requests

from tests.conftest import require

from .support import BUCKET

PAGE = """<!doctype html><html lang="de"><head><title>Hund anmelden</title></head><body>
<nav aria-label="Hauptmenü"><a href="/">Startseite</a></nav>
<main><article class="md-content__inner md-typeset">
<nav class="cc-breadcrumbs" aria-label="Sie sind hier"><ol><li><a href="../">Leistungen A–Z</a></li></ol></nav>
<h1>Hund anmelden</h1>
<div class="civicat-readaloud" data-module="civicat-readaloud" data-readaloud-skip=".cc-tools, .cc-top"
     data-i18n-to="bis" hidden><button type="button">Vorlesen</button></div>
<div class="cc-tools" role="group" aria-label="Seitenwerkzeuge"><a href="mailto:?x">Per E-Mail senden</a></div>
<p>Wer einen Hund hält, meldet ihn {when} an.<span class="cc-visually-hidden"> (öffnet ein neues Fenster)</span></p>
<details><summary>Gebühren</summary><p>Der erste Hund kostet 60 Euro.</p></details>
<table><caption>Öffnungszeiten</caption>
<tr><th>Montag</th><td>08:00–12:00<br>13:00–16:00</td></tr>
<tr><th>Dienstag</th><td>geschlossen</td></tr></table>
<p>Mehr unter <a href="https://www.example.org/hunde">https://www.example.org/hunde</a></p>
<p hidden>Versteckt.</p>
<p aria-hidden="true">Auch versteckt.</p>
</article></main></body></html>"""


def write_page(site, path="de/leistungen/hund-anmelden/", when="innerhalb von zwei Wochen"):
    folder = site / path
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(PAGE.replace("{when}", when), encoding="utf-8")


@pytest.fixture
def local_speech(tmp_path, monkeypatch):
    require(shutil.which("espeak-ng") is not None, "espeak-ng")
    require(shutil.which("lame") is not None, "lame")
    site, cache = tmp_path / "site", tmp_path / "speech"
    write_page(site)
    monkeypatch.setenv("CIVICAT_SPEECH", "espeak")
    monkeypatch.setenv("CIVICAT_SPEECH_PAGES", f"file:///{site}")
    monkeypatch.setenv("CIVICAT_SPEECH_CACHE", f"file:///{cache}")
    return site, cache


def listen(client, address):
    """As an ``<audio>`` element asks: Chromium's media requests accept anything."""
    return client.http.get(address, headers={"Accept": "*/*"})


def seconds_of(mp3: bytes, tmp_path) -> float:
    """How long the recording plays: decoded back to WAV by lame."""
    (tmp_path / "check.mp3").write_bytes(mp3)
    subprocess.run(["lame", "--quiet", "--decode", str(tmp_path / "check.mp3"), str(tmp_path / "check.wav")],
                   check=True)
    import wave

    with wave.open(str(tmp_path / "check.wav")) as audio:
        return audio.getnframes() / audio.getframerate()


def test_the_page_is_read_as_the_device_would_read_it():
    from chalicelib.speech.text import page_text

    said = page_text(PAGE.replace("{when}", "bald")).split("\n")
    assert said == [
        "Hund anmelden.",
        "Wer einen Hund hält, meldet ihn bald an.",
        "Gebühren.",
        "Öffnungszeiten.",
        "Montag: 08:00 bis 12:00, 13:00 bis 16:00.",
        "Dienstag: geschlossen.",
        "Mehr unter www.example.org.",
    ]


def test_a_language_with_a_voice_is_offered_and_one_without_or_with_speech_off_is_not(local_speech, client,
                                                                                     monkeypatch):
    assert client.http.get("/speech/de").json_body == {"available": True}
    unknown = client.http.get("/speech/xx")  # 200: a browser would log a 404 as an error
    assert unknown.status_code == 200 and unknown.json_body == {"available": False, "reason": "language"}
    assert listen(client, "/speech/xx?page=/xx/leistungen/hund-anmelden/").status_code == 404
    monkeypatch.setenv("CIVICAT_SPEECH", "off")
    assert client.http.get("/speech/de").json_body == {"available": False, "reason": "off"}
    assert listen(client, "/speech/de?page=/de/leistungen/hund-anmelden/").status_code == 404


def test_a_page_is_spoken_once_and_then_served_from_what_was_kept(local_speech, client, monkeypatch, tmp_path):
    site, cache = local_speech
    first = listen(client, "/speech/de?page=/de/leistungen/hund-anmelden/")
    assert first.status_code == 200, first.body
    assert first.headers["Content-Type"] == "audio/mpeg"
    assert seconds_of(first.body, tmp_path) > 5  # the whole page, not a word of it
    assert len(list(cache.rglob("*.mp3"))) == 1

    monkeypatch.setenv("PATH", "/nonexistent")  # no espeak-ng any more: only the kept file can answer
    again = listen(client, "/speech/de?page=/de/leistungen/hund-anmelden/")
    assert again.status_code == 200 and again.body == first.body


def test_a_changed_page_gets_a_new_recording(local_speech, client):
    site, cache = local_speech
    first = listen(client, "/speech/de?page=/de/leistungen/hund-anmelden/").body
    write_page(site, when="innerhalb eines Monats")
    second = listen(client, "/speech/de?page=/de/leistungen/hund-anmelden/").body
    assert first != second
    assert len(list(cache.rglob("*.mp3"))) == 2


@pytest.mark.parametrize("page", [
    "/de/leistungen/gibt-es-nicht/",  # no such page
    "/de/../../etc/",  # out of the site
    "/en/leistungen/hund-anmelden/",  # another language's address
    "leistungen/hund-anmelden/",  # not an address of the site
    "/de/leistungen/hund-anmelden/index.html",
])
def test_nothing_but_an_existing_page_of_the_language_is_spoken(local_speech, client, page):
    site, cache = local_speech
    answer = listen(client, f"/speech/de?page={page}")
    assert answer.status_code == 404
    assert not list(cache.rglob("*.mp3"))


def test_a_text_sent_with_the_request_is_never_spoken(local_speech, client):
    plain = listen(client, "/speech/de?page=/de/leistungen/hund-anmelden/").body
    asked = listen(client, "/speech/de?page=/de/leistungen/hund-anmelden/&text=Kaufen%20Sie%20jetzt")
    assert asked.body == plain


# --- AWS: Polly and S3 (moto over HTTP) -----------------------------------------------------------

SITE_BUCKET = "civicat-site"


@pytest.fixture
def aws_speech(aws, monkeypatch):
    aws["s3"].create_bucket(Bucket=SITE_BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    monkeypatch.setenv("CIVICAT_SPEECH", "polly")
    monkeypatch.setenv("CIVICAT_SPEECH_PAGES", f"s3://{SITE_BUCKET}/")
    monkeypatch.setenv("CIVICAT_SPEECH_CACHE", f"s3://{BUCKET}/speech/")
    return aws


@pytest.mark.aws
def test_on_aws_polly_speaks_a_long_page_in_parts_and_the_bucket_keeps_it(aws_speech, client):
    s3 = aws_speech["s3"]
    long_text = " ".join(["Wer einen Hund hält, meldet ihn beim Steueramt an."] * 120)  # ~6,000 characters
    s3.put_object(Bucket=SITE_BUCKET, Key="de/leistungen/hund-anmelden/index.html",
                  Body=PAGE.replace("{when}", long_text).encode())
    answer = listen(client, "/speech/de?page=/de/leistungen/hund-anmelden/")
    assert answer.status_code == 303
    recording = requests.get(answer.headers["Location"], timeout=10)
    assert recording.status_code == 200
    # Polly refuses more than 3,000 characters a request (moto too): the page went in three parts,
    # and moto's answer to each is eight bytes.
    assert len(recording.content) == 3 * 8
    kept = s3.list_objects_v2(Bucket=BUCKET, Prefix="speech/de/")["Contents"]
    assert len(kept) == 1 and kept[0]["Key"].endswith(".mp3")

    again = listen(client, "/speech/de?page=/de/leistungen/hund-anmelden/")
    assert again.status_code == 303
    assert len(s3.list_objects_v2(Bucket=BUCKET, Prefix="speech/de/")["Contents"]) == 1


@pytest.mark.aws
def test_on_aws_languages_without_a_polly_voice_are_not_offered(aws_speech, client):
    assert client.http.get("/speech/ar").json_body == {"available": True}
    for lang in ("bg", "sl"):
        assert client.http.get(f"/speech/{lang}").json_body == {"available": False, "reason": "language"}
