"""The embedded default: `civicat serve` builds the site, serves it with working forms, rebuilds on
edits, and ends its forms API when it stops."""

from __future__ import annotations

import json
import signal
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests.serve.running import civicat_serve

pytestmark = pytest.mark.slow


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait(predicate, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture
def served(tmp_path):
    with civicat_serve(tmp_path) as running:
        yield running


def test_the_site_and_a_form_submission_work_on_one_port(served):
    base, _, var, _ = served
    status, home = _get(f"{base}/de/")
    assert status == 200 and "Gemeinde Musterdorf" in home
    assert _get(f"{base}/")[0] == 200
    body = json.dumps({"lang": "de", "submission_key": uuid.uuid4().hex, "started_at": int(time.time() * 1000) - 10_000,
                       "website": "", "name": "Erika Mustermann", "message": "Wann ist das Rathaus offen?"}).encode()
    request = urllib.request.Request(f"{base}/api/forms/kontakt", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = json.loads(response.read())
    assert response.status == 201 and answer["reference"].startswith("MUS-")
    _wait(lambda: len(list((var / "outbox").glob("*.eml"))) >= 1, 20)
    mail = next((var / "outbox").glob("*.eml")).read_text(encoding="utf-8")
    assert "rathaus@musterdorf.example" in mail and answer["reference"] in mail


def test_an_edit_to_the_catalogue_is_served_after_a_rebuild(served):
    base, catalogue, _, _ = served
    service = catalogue / "services" / "hundesteuer.yaml"
    service.write_text(service.read_text(encoding="utf-8").replace("de: Hund anmelden", "de: Hund jetzt anmelden"), encoding="utf-8")
    _wait(lambda: "Hund jetzt anmelden" in _get(f"{base}/de/leistungen/hundesteuer/")[1], 60)


def _search(base: str, query: str, lang: str = "de") -> str:
    """The search results page (the functions' ``GET /search``, what the search form shows without JavaScript)."""
    from urllib.parse import urlencode

    return _get(f"{base}/api/search?" + urlencode({"q": query, "lang": lang}))[1]


def _log(served) -> str:
    return (served[1].parent / "serve.log").read_text(encoding="utf-8")


def test_an_edited_service_is_written_again_without_a_full_rebuild(served):
    base, catalogue, _, _ = served
    service = catalogue / "services" / "hundesteuer.yaml"
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace("de: Hund anmelden", "de: Hund schnell anmelden")
                           .replace("Hundesteuer zahlen.", "Hundesteuer zahlen, jetzt auch online."), encoding="utf-8")
    _wait(lambda: "Hund schnell anmelden" in _get(f"{base}/de/leistungen/hundesteuer/")[1], 60)
    _wait(lambda: "civicat serve: updated 1 service in" in _log(served), 10)
    # The lists that show the title and summary follow, and so does the search index.
    _wait(lambda: "pages that list the edit" in _log(served), 30)
    assert _log(served).count("civicat serve: built") == 1  # the first build only
    assert "Hund schnell anmelden" in _get(f"{base}/de/leistungen/")[1]
    assert "jetzt auch online" in _get(f"{base}/de/themen/tiere/")[1]
    assert "Hund schnell anmelden" in _search(base, "schnell")  # the results page reads the served index
    assert "Register a dog" in _get(f"{base}/en/leistungen/hundesteuer/")[1]


def test_a_broken_service_edit_keeps_the_page_says_where_and_a_fix_is_shown(served):
    base, catalogue, _, _ = served
    service = catalogue / "services" / "hundesteuer.yaml"
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace("offices: [rathaus]", "offices: [rathauz]").replace("de: Hund anmelden", "de: Hund falsch"),
                       encoding="utf-8")
    _wait(lambda: "still serving the last good build" in _log(served), 30)
    assert 'hundesteuer.yaml:10:11: offices[0]: there is no office with id "rathauz" — did you mean "rathaus"?' in _log(served)
    page = _get(f"{base}/de/leistungen/hundesteuer/")[1]
    assert "Hund anmelden" in page and "Hund falsch" not in page
    service.write_text(text.replace("de: Hund anmelden", "de: Hund richtig anmelden"), encoding="utf-8")
    _wait(lambda: "Hund richtig anmelden" in _get(f"{base}/de/leistungen/hundesteuer/")[1], 60)
    assert "civicat serve: updated 1 service in" in _log(served)


def test_a_new_and_a_deleted_service_file_are_served_without_a_full_rebuild(served):
    base, catalogue, _, _ = served
    new = catalogue / "services" / "katzensteuer.yaml"
    new.write_text((catalogue / "services" / "hundesteuer.yaml").read_text(encoding="utf-8")
                   .replace("de: Hund anmelden", "de: Katze anmelden"), encoding="utf-8")
    _wait(lambda: "Katze anmelden" in _get(f"{base}/de/leistungen/katzensteuer/")[1], 60)
    _wait(lambda: "Katze anmelden" in _get(f"{base}/de/leistungen/")[1], 30)  # the lists follow
    assert "(1 new, 0 deleted)" in _log(served)
    _wait(lambda: "Katze anmelden" in _search(base, "Katze"), 30)

    new.unlink()
    _wait(lambda: _get(f"{base}/de/leistungen/katzensteuer/")[0] == 404, 60)
    _wait(lambda: "Katze anmelden" not in _get(f"{base}/de/leistungen/")[1], 30)
    assert "(0 new, 1 deleted)" in _log(served)
    _wait(lambda: "Katze anmelden" not in _search(base, "Katze"), 30)
    assert _log(served).count("civicat serve: built") == 1  # the first build only


def test_deleting_a_service_others_refer_to_keeps_it_until_the_reference_is_gone(served):
    base, catalogue, _, _ = served
    services = catalogue / "services"
    first = (services / "hundesteuer.yaml").read_text(encoding="utf-8")
    (services / "hundesteuer-zweit.yaml").write_text(first.replace("de: Hund anmelden", "de: Zweithund anmelden")
                                                     + "related: [hundesteuer]\n", encoding="utf-8")
    _wait(lambda: _get(f"{base}/de/leistungen/hundesteuer-zweit/")[0] == 200, 60)
    (services / "hundesteuer.yaml").unlink()
    _wait(lambda: 'there is no service with id "hundesteuer"' in _log(served), 30)
    assert "hundesteuer-zweit.yaml:17:11: related[0]" in _log(served)
    assert _get(f"{base}/de/leistungen/hundesteuer/")[0] == 200  # the last good site
    # Fixing the other file lets the deletion go in as well, without another save of the deleted one.
    (services / "hundesteuer-zweit.yaml").write_text(first.replace("de: Hund anmelden", "de: Zweithund anmelden"),
                                                     encoding="utf-8")
    _wait(lambda: _get(f"{base}/de/leistungen/hundesteuer/")[0] == 404, 60)
    assert _log(served).count("civicat serve: built") == 1


def test_an_edit_with_a_mistake_keeps_the_last_good_site_and_says_where(served):
    base, catalogue, _, _ = served
    office = catalogue / "offices" / "rathaus.yaml"
    before = _get(f"{base}/de/dienststellen/rathaus/")
    office.write_text(office.read_text(encoding="utf-8").replace("opening_hours:", "opening_hourz:"), encoding="utf-8")
    _wait(lambda: "still serving the last good build" in _log(served), 30)
    assert "rathaus.yaml:11:1: opening_hourz: unknown key `opening_hourz` — did you mean `opening_hours`?" in _log(served)
    assert before[0] == 200 and "08:00" in before[1]
    assert _get(f"{base}/de/dienststellen/rathaus/") == before  # the office page as it was, hours and all


def test_stopping_serve_also_stops_the_forms_api(served):
    base, _, _, process = served
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/api/health", timeout=2)


def test_the_printed_demo_sign_in_opens_the_staff_pages(served, tmp_path):
    import http.cookiejar
    import re
    import urllib.parse

    base, _, _, process = served
    log = tmp_path / "serve.log"
    _wait(lambda: "demo sign-in" in log.read_text(encoding="utf-8"))
    printed = re.search(r"staff pages: (\S+)\s+·\s+demo sign-in: name (\S+), password (\S+)", log.read_text(encoding="utf-8"))
    assert printed.group(1) == f"{base}/staff/"
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = browser.open(printed.group(1), timeout=10).read().decode()  # redirected to the sign-in form
    pre = re.search(r'name="pre" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"pre": pre, "name": printed.group(2), "password": printed.group(3)}).encode()
    inbox = browser.open(f"{base}/staff/sign-in", data=form, timeout=10)
    assert inbox.url == f"{base}/staff/inbox"
    assert "Angemeldet als Demo" in inbox.read().decode()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/staff/sign-in", timeout=2)
