"""A citizen's whole errand, by keyboard alone, in German, English and Arabic, with and without
JavaScript: from the home page through the search to the service, its office's opening hours, the
online form (sent once with a required field left empty, then corrected) to the status page with
the reference, in the language the citizen started in.

Every step says where the focus must be, and every Tab stop on the way must show its focus (an
outline of 2px or more or a box-shadow, inside the window, not covered by the sticky header). The
only moves are keys: Tab, Enter and typing; the one exception is the browser's Back (Alt+Left is
the browser's own key, which Playwright's keyboard does not reach), done with ``go_back``.

The demo site (built as of BUILD_DAY) and the functions run on one port as ``civicat serve`` runs
them; the page's clock is NOW, a Tuesday 10:00 in Hainbach, so the open-now badge has one text.
A second test records what a screen reader is given (ARIA snapshots) on the same stack.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.browser.browser_support import assert_focus, compare_snapshot, focused, tab_until
from tests.browser.conftest import NOW
from tests.browser.test_opennow import OPEN, expected
from tests.conftest import REPO
from tests.forms_ui.support import REFERENCE, plain, served_stack

pytestmark = pytest.mark.browser

SERVICE, FORM = "bewohnerparkausweis", "antrag-bewohnerparken"
QUERIES = {"de": "Anwohnerparken", "en": "residents parking", "ar": "موقف السكان"}
"""What a citizen types for the residents' parking permit: none of them is the service's title."""
NAMES = {"de": "Erika Mustermann", "en": "Erika Mustermann", "ar": "ليلى حداد"}
SUBMIT = "form button.cc-button[type=submit]"
SNAPSHOTS = REPO / "tests" / "browser" / "snapshots"


@pytest.fixture(scope="module")
def stack(demo_build, tmp_path_factory):
    """The demo site and the functions on one local port (tests/forms_ui/support.py)."""
    site, catalogue = demo_build
    with served_stack(site, catalogue, tmp_path_factory.mktemp("journey")) as running:
        yield running


DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def new_tab(chromium, javascript: bool, viewport: dict = DESKTOP):
    """A tab of its own context at NOW. The date control's parts follow the browser's locale:
    en-GB puts the day first whatever the page's language."""
    context = chromium.new_context(viewport=viewport, locale="en-GB", java_script_enabled=javascript)
    tab = context.new_page()
    tab.clock.set_fixed_time(NOW)
    return context, tab


@pytest.fixture(params=[True, False], ids=["with JavaScript", "without JavaScript"])
def journey_tab(request, chromium):
    context, tab = new_tab(chromium, request.param)
    yield request.param, tab
    context.close()


def enter_and_load(tab) -> None:
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


def wait_for_focus(tab, selector: str) -> None:
    """Focus set by the page after it loads (autofocus, a script) comes a moment after the load."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        tab.wait_for_function("s => document.activeElement && document.activeElement.matches(s)", arg=selector,
                              timeout=5000)
    except Timeout:
        raise AssertionError(f"the focus did not move to {selector}; it is on {focused(tab)}") from None


def settled(tab) -> None:
    """Until no transition runs (a drawer sliding in moves the focused link into the window)."""
    tab.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')", timeout=5000)


def type_fields(tab, values: list[str | None]) -> None:
    """Type each value into the focused field and Tab to the next; None leaves a field empty."""
    for value in values:
        if value:
            tab.keyboard.type(value)
        current = focused(tab)
        tab_until(tab, lambda t: focused(t) != current, limit=5, shown=True)  # a date has parts


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_a_citizen_finds_the_service_and_applies_online_by_keyboard_alone(stack, demo_build, journey_tab, lang):
    javascript, tab = journey_tab
    service_path = f"/{lang}/leistungen/{SERVICE}/"

    # The home page: Tab to the header's search field, type what people say.
    tab.goto(f"{stack.url}/{lang}/")
    tab_until(tab, "#cc-search-q", shown=True)
    tab.keyboard.type(QUERIES[lang])
    if javascript:  # the results open under the field; Tab goes past the button to the first
        tab.locator("#cc-search-status").filter(has_text=QUERIES[lang]).wait_for(timeout=15000)
        tab_until(tab, f"#cc-search-results a[href$='{service_path}']", limit=2, shown=True)
    else:  # Enter asks the functions' results page
        enter_and_load(tab)
        assert "/api/search?" in tab.url and tab.locator("html").get_attribute("lang") == lang
        tab_until(tab, "a[href='#cc-content']", limit=1, shown=True)  # skip the site's header
        tab.keyboard.press("Enter")
        tab_until(tab, f"main a[href$='{service_path}']", limit=4, shown=True)
    enter_and_load(tab)

    # The service page: the key facts come first; Tab to the office, its open-now badge, the hours.
    assert tab.url.endswith(service_path)
    facts = tab.locator(".cc-keyfacts")
    office_link = facts.locator("a").first.get_attribute("href")
    tab_until(tab, f".cc-keyfacts a[href='{office_link}']", limit=30, shown=True)
    badge = facts.locator(".cc-open")
    if javascript:
        oid = office_link.rstrip("/").rsplit("/", 1)[1]
        is_open, time = expected(demo_build[1].offices[oid], demo_build[1].site, dt.datetime.fromisoformat(NOW), lang)
        assert badge.is_visible()
        text = plain(badge.inner_text())
        assert text.startswith(OPEN[lang]) == is_open and time in text, text
    else:  # no script, no clock: the badge stays hidden, the hours are a link away
        assert badge.is_hidden()
    tab_until(tab, ".cc-keyfacts a.cc-keyfacts__more", limit=1, shown=True)
    enter_and_load(tab)
    hours = tab.locator("table.cc-hours").first
    assert hours.is_visible() and re.search(r"\d\d:\d\d–\d\d:\d\d", hours.inner_text())
    assert tab.evaluate("document.getElementById(location.hash.slice(1)).getBoundingClientRect().top") >= 0

    # Back to the service, Tab to the online form's start link.
    tab.go_back()
    assert tab.url.endswith(service_path)
    tab_until(tab, f".cc-apply__actions a[href$='/formulare/{FORM}/']", limit=40, shown=True)
    enter_and_load(tab)
    if javascript:
        tab.wait_for_selector("form[data-cc-started~=form]", state="attached")

    # The form: every field but the licence plate, then send.
    tab_until(tab, "#field-name", limit=30, shown=True)
    type_fields(tab, [NAMES[lang], "Marktstraße 3", "99880", "Hainbach", None])
    assert_focus(tab, "#field-valid_from")
    type_fields(tab, ["01042027"])
    assert_focus(tab, "#field-email")
    tab.keyboard.type("erika@example.org")
    tab_until(tab, SUBMIT, limit=10, shown=True)
    if javascript:
        tab.keyboard.press("Enter")
    else:
        enter_and_load(tab)
        assert tab.locator("html").get_attribute("lang") == lang

    # The error summary has the focus; its one link leads to the empty field.
    wait_for_focus(tab, ".cc-error-summary")
    assert_focus(tab, ".cc-error-summary")
    links = tab.locator(".cc-error-summary a")
    assert links.count() == 1 and links.first.get_attribute("href") == "#field-licence_plate"
    tab_until(tab, ".cc-error-summary a", limit=1, shown=True)
    tab.keyboard.press("Enter")
    wait_for_focus(tab, "#field-licence_plate")
    assert_focus(tab, "#field-licence_plate[aria-invalid=true]")
    assert tab.locator("#field-name").input_value() == NAMES[lang]  # nothing typed is lost
    tab.keyboard.type("HAI-AB 123")
    tab_until(tab, SUBMIT, limit=10, shown=True)

    # Sent: the status page with the reference, in the citizen's language.
    if javascript:  # the answer replaces the form in place; its heading has the focus
        tab.keyboard.press("Enter")
        wait_for_focus(tab, ".cc-panel__title")
        assert_focus(tab, ".cc-panel__title")
        reference = REFERENCE.search(tab.locator(".cc-panel").inner_text()).group(0)
        tab_until(tab, "a[data-cc-status-link]", limit=3, shown=True)
        enter_and_load(tab)
    else:
        enter_and_load(tab)
        reference = None
    assert "/api/status/" in tab.url
    assert tab.locator("html").get_attribute("lang") == lang
    shown_reference = tab.locator(".cc-panel__reference, dd").filter(has_text=REFERENCE).first.inner_text()
    assert reference in (None, shown_reference)
    submission = stack.submission(shown_reference)
    assert submission["form_id"] == FORM
    tab_until(tab, "a[href='#cc-content']", limit=1, shown=True)  # the page starts at its skip link


# ---- What a screen reader is given -------------------------------------------------------------

def as_recorded(text: str) -> str:
    """A snapshot without what differs from run to run: the reference, its token, the day."""
    text = REFERENCE.sub("<reference>", text)
    text = re.sub(r"token=[\w-]+", "token=<token>", text)
    return re.sub(r"(- time): .*", r"\1: <day>", text)


def literal_yaml(sections: dict) -> str:
    """Each snapshot as a YAML block, so that a change reads as a diff of lines."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(str, lambda dumper, data: dumper.represent_scalar(
        "tag:yaml.org,2002:str", data, style="|" if "\n" in data else None))
    return yaml.dump(sections, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000).rstrip("\n")


def menu_snapshots(chromium, url: str, lang: str) -> dict:
    """The header on a phone with the menu closed, then opened by keyboard (the focus goes to the
    navigation's first link) and closed again with Escape (the focus back on the button)."""
    context, tab = new_tab(chromium, True, PHONE)
    try:
        tab.goto(f"{url}/{lang}/")
        header = tab.locator("header.md-header")
        closed = header.aria_snapshot()
        tab_until(tab, "button[data-cc-menu]", shown=True)
        tab.keyboard.press("Enter")
        settled(tab)  # the drawer slides in
        assert_focus(tab, "#cc-navigation a[href]")
        opened = header.aria_snapshot() + "\n" + tab.locator("#cc-navigation").aria_snapshot()
        tab.keyboard.press("Escape")
        settled(tab)  # and out again
        assert_focus(tab, "button[data-cc-menu][aria-expanded=false]")
        return {"menu closed": closed, "menu open": opened}
    finally:
        context.close()


def error_snapshots(chromium, url: str, lang: str, javascript: bool) -> dict:
    """The form sent empty: the summary and the form with each field's message."""
    context, tab = new_tab(chromium, javascript)
    try:
        tab.goto(f"{url}/{lang}/formulare/{FORM}/")
        if javascript:
            tab.wait_for_selector("form[data-cc-started~=form]", state="attached")
        tab.locator(SUBMIT).last.focus()
        if javascript:
            tab.keyboard.press("Enter")
        else:
            enter_and_load(tab)
        wait_for_focus(tab, ".cc-error-summary")
        way = "with JavaScript" if javascript else "without JavaScript"
        return {f"error summary ({way})": tab.locator(".cc-error-summary").aria_snapshot(),
                f"invalid fields ({way})": "\n".join(
                    field.aria_snapshot() for field in tab.locator(".cc-form-group--error").all())}
    finally:
        context.close()


def status_snapshot(chromium, url: str, lang: str) -> dict:
    """The status page the function opens after a post without JavaScript (thank-you panel)."""
    context, tab = new_tab(chromium, False)
    try:
        answer = tab.request.post(f"{url}/api/forms/{FORM}", max_redirects=0, headers={"Accept": "text/html"}, form={
            "lang": lang, "name": NAMES[lang], "street": "Marktstraße 3", "postcode": "99880", "town": "Hainbach",
            "licence_plate": "HAI-AB 123", "valid_from": "2027-04-01", "email": "erika@example.org"})
        assert answer.status == 303, answer.text()[:500]
        tab.goto(url + answer.headers["location"])
        return {"status page": as_recorded(tab.locator("article").first.aria_snapshot())}
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_what_a_screen_reader_is_given_is_as_recorded(stack, chromium, lang):
    """The accessibility tree (roles, names, states, counts) of the header menu closed and open,
    the form's error summary and its invalid fields (drawn by the page's script, and by the
    function without one) and the status page, compared with snapshots/<lang>.yaml: a lost name,
    a wrong role or an untranslated word shows up as a diff to read. ``CIVICAT_WRITE_SNAPSHOTS=1``
    writes them again (read the diff before committing)."""
    sections = {**menu_snapshots(chromium, stack.url, lang),
                **error_snapshots(chromium, stack.url, lang, True),
                **error_snapshots(chromium, stack.url, lang, False),
                **status_snapshot(chromium, stack.url, lang)}
    compare_snapshot(literal_yaml(sections), SNAPSHOTS / f"{lang}.yaml", REPO)
