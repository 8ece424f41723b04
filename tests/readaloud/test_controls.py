"""The control on the German example: toggle, pause/resume, stop, next/previous, selection,
remembered settings, missing voices and progressive enhancement. Real speech throughout."""

from __future__ import annotations

import json

import pytest

from tests.readaloud.test_reading import EXPECTED

pytestmark = pytest.mark.browser

SENTENCES = [text for text, _ in EXPECTED["de"]]
FIRST, FOURTH = SENTENCES[0], SENTENCES[3]

FOCUS_ON_TOGGLE = "() => document.activeElement === document.querySelector('[data-readaloud-toggle]')"
SPEAKING = "() => speechSynthesis.speaking"
SILENT = "() => !speechSynthesis.speaking"
HIGHLIGHT = "() => Array.from(document.querySelectorAll('.civicat-readaloud-current'), e => e.textContent).join(' ')"
# Clicks a control and returns what the component had queued at that moment and how many
# utterances had started, in one JS task, so that no speech event can fall in between.
CLICK_AND_TELL = """action => {
  const current = window.__spoken[window.__spoken.length - 1].text;
  const started = window.__spoken.filter((e) => e.events.includes('start')).length;
  document.querySelector(`[data-readaloud-action=${action}]`).click();
  return [current, started];
}"""


def rewrite(reader, *changes: tuple[str, str]) -> None:
    """Serves the German example with each (old, new) replaced (for cases a real page may have)."""
    def handle(route):
        response = route.fetch()
        body = response.text()
        for old, new in changes:
            assert old in body
            body = body.replace(old, new)
        route.fulfill(response=response, body=body)

    reader.page.route("**/examples/de.html", handle)


def select_paragraph(reader, starts_with: str) -> None:
    reader.page.evaluate("""text => {
      const p = Array.from(document.querySelectorAll('article p')).find((el) => el.textContent.startsWith(text));
      const range = document.createRange();
      range.selectNodeContents(p);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }""", starts_with)


def test_the_button_is_a_native_toggle_that_opens_the_bar_and_keeps_the_focus(reader):
    reader.open("de")
    toggle = reader.toggle
    assert toggle.evaluate("el => el.tagName") == "BUTTON"
    assert toggle.get_attribute("aria-pressed") == "false"
    bar = reader.page.locator("#" + toggle.get_attribute("aria-controls"))
    assert bar.is_hidden()

    toggle.focus()
    reader.page.keyboard.press("Enter")
    assert reader.wait_for_start(1)["text"] == FIRST
    assert toggle.get_attribute("aria-pressed") == "true"
    assert bar.is_visible()
    assert reader.page.evaluate(FOCUS_ON_TOGGLE)

    reader.page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert bar.is_hidden()
    assert reader.state() == "stopped"
    reader.page.wait_for_function(SILENT)
    assert reader.page.locator(".civicat-readaloud-current").count() == 0
    assert reader.page.evaluate(FOCUS_ON_TOGGLE)


def test_nothing_is_spoken_until_the_visitor_asks(reader):
    reader.open("de")
    reader.page.wait_for_timeout(1500)
    assert reader.spoken() == []
    assert not reader.page.evaluate(SPEAKING)


def test_pause_stops_the_speech_and_resume_restarts_the_current_sentence(reader):
    reader.open("de")
    reader.toggle.click()
    reader.page.wait_for_function("() => window.__spoken.length >= 2")
    paused_at, _ = reader.page.evaluate(CLICK_AND_TELL, "play")
    assert reader.state() == "paused"
    assert reader.button("play").inner_text().strip() == "Fortsetzen"
    queued = len(reader.spoken())
    reader.page.wait_for_timeout(1000)
    assert len(reader.spoken()) == queued, "nothing new is spoken while paused"
    assert not reader.page.evaluate(SPEAKING)
    assert reader.page.evaluate(HIGHLIGHT) == paused_at, "the highlight shows where resume starts"

    started = len(reader.started())
    reader.button("play").click()
    assert reader.wait_for_start(started + 1)["text"] == paused_at
    assert reader.button("play").inner_text().strip() == "Pause"


def test_stop_ends_the_speech_removes_the_highlight_and_play_starts_over(reader):
    reader.open("de")
    reader.toggle.click()
    reader.wait_for_start(2)
    reader.button("stop").click()
    assert reader.state() == "stopped"
    assert reader.page.locator(".civicat-readaloud-current").count() == 0
    assert reader.button("stop").get_attribute("aria-disabled") == "true"
    queued = len(reader.spoken())
    reader.page.wait_for_timeout(800)
    assert len(reader.spoken()) == queued
    assert not reader.page.evaluate(SPEAKING)

    reader.button("play").click()
    assert reader.wait_for_start(queued + 1)["text"] == FIRST


def test_next_and_previous_move_one_sentence_while_speaking(reader):
    reader.open("de")
    reader.toggle.click()
    reader.wait_for_start(2)
    current, started = reader.page.evaluate(CLICK_AND_TELL, "next")
    assert reader.wait_for_start(started + 1)["text"] == SENTENCES[SENTENCES.index(current) + 1]

    current, started = reader.page.evaluate(CLICK_AND_TELL, "previous")
    assert reader.wait_for_start(started + 1)["text"] == SENTENCES[SENTENCES.index(current) - 1]


def test_next_and_previous_while_paused_move_the_highlight_and_resume_reads_it(reader):
    reader.open("de")
    reader.toggle.click()
    reader.wait_for_start(1)
    paused_at, _ = reader.page.evaluate(CLICK_AND_TELL, "play")
    index = SENTENCES.index(paused_at)
    queued = len(reader.spoken())
    reader.button("next").click()
    reader.button("next").click()
    assert reader.page.evaluate(HIGHLIGHT) == SENTENCES[index + 2]
    reader.button("previous").click()
    assert reader.page.evaluate(HIGHLIGHT) == SENTENCES[index + 1]
    assert len(reader.spoken()) == queued, "moving while paused does not speak"
    assert not reader.page.evaluate(SPEAKING)

    started = len(reader.started())
    reader.button("play").click()
    assert reader.wait_for_start(started + 1)["text"] == SENTENCES[index + 1]


def test_the_selected_text_is_read_instead_of_the_whole_page(reader):
    reader.open("de")
    select_paragraph(reader, "Die Hundesteuer")
    reader.toggle.click()
    reader.wait_until_stopped()
    assert [e["text"] for e in reader.spoken()] == [FOURTH]


def test_the_highlight_is_scrolled_into_view_without_moving_the_focus(reader):
    reader.page.set_viewport_size({"width": 1024, "height": 300})
    reader.open("de")
    select_paragraph(reader, "Mehr dazu")
    reader.page.evaluate("() => window.scrollTo(0, 0)")
    reader.toggle.click()
    assert reader.wait_for_start(1)["text"] == SENTENCES[-1]
    reader.page.wait_for_function("""() => {
      const box = document.querySelector('.civicat-readaloud-current').getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    }""", timeout=3000)
    assert reader.page.evaluate(FOCUS_ON_TOGGLE)


def test_speed_and_voice_are_remembered_in_local_storage_without_cookies(reader):
    reader.open("de")
    reader.toggle.click()
    reader.button("stop").click()
    reader.page.select_option("[data-readaloud-rate]", "1.25")
    voice = reader.page.locator("[data-readaloud-voice]")
    assert voice.is_visible(), "espeak-ng has several German voices, so there is a choice"
    names = voice.evaluate("el => Array.from(el.options, (o) => o.value)")
    assert len(names) > 1 and all(name for name in names)
    reader.page.select_option("[data-readaloud-voice]", names[1])
    stored = json.loads(reader.page.evaluate("() => localStorage.getItem('civicat.readaloud')"))
    assert stored == {"rate": 1.25, "voices": {"de": names[1]}}

    reader.page.reload()
    reader.toggle.wait_for(state="visible")
    assert reader.page.input_value("[data-readaloud-rate]") == "1.25"
    assert reader.page.input_value("[data-readaloud-voice]") == names[1]
    reader.toggle.click()
    first = reader.wait_for_start(1)
    assert (first["rate"], first["voice"]) == (1.25, names[1])
    assert reader.context.cookies() == []
    assert reader.page.evaluate("() => document.cookie") == ""


def test_the_button_is_absent_when_no_voice_speaks_the_page_language(reader):
    rewrite(reader, ('<html lang="de">', '<html lang="zu">'))  # isiZulu: espeak-ng has no voice
    reader.open("de", ready=False)
    reader.page.wait_for_selector("[data-readaloud-unavailable=no-voice]", state="attached")
    assert reader.toggle.is_hidden()
    assert reader.page.evaluate("() => speechSynthesis.getVoices().length") > 0
    assert reader.spoken() == []


def test_a_phrase_in_a_language_without_a_voice_is_skipped_and_the_visitor_is_told(reader):
    rewrite(reader, ('<span lang="en">Online', '<span lang="zu">Online'))
    reader.open("de")
    select_paragraph(reader, "Nutzen Sie")
    reader.toggle.click()
    reader.wait_until_stopped()
    assert [e["text"] for e in reader.spoken()] == ["Nutzen Sie das Formular", "im Bürgerportal."]
    status = reader.page.locator("[data-readaloud-status]")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == (
        "Für Zulu ist auf diesem Gerät keine Stimme installiert. Dieser Teil wird nicht vorgelesen."
    )


def test_speech_stops_when_the_visitor_leaves_the_page(reader):
    reader.open("de")
    reader.toggle.click()
    reader.wait_for_start(1)
    reader.open("en")
    reader.page.wait_for_timeout(500)
    assert not reader.page.evaluate(SPEAKING)
    assert reader.spoken() == []


def test_the_script_refuses_to_start_twice(reader):
    reader.open("de")
    reader.page.evaluate("""() => new Promise((resolve) => {
      const again = document.createElement('script');
      again.src = '../../../assets/civicat/readaloud.js?again';  // another URL: it really runs a second time
      again.onload = resolve;
      document.body.append(again);
    })""")
    reader.toggle.click()
    assert reader.wait_for_start(1)["text"] == FIRST
    assert reader.toggle.get_attribute("aria-pressed") == "true"
    reader.page.wait_for_timeout(300)
    assert [e["text"] for e in reader.spoken()].count(FIRST) == 1


def test_a_broken_control_does_not_break_the_page_or_other_scripts(reader):
    rewrite(
        reader,
        ('data-readaloud-content="main article"', 'data-readaloud-content="main[["'),  # bad selector
        ("</body>", '<script type="module">window.otherScriptRan = true;</script></body>'),
    )
    messages = []
    reader.page.on("console", lambda message: messages.append(message.text))
    reader.open("de", ready=False)
    reader.page.wait_for_function("() => window.otherScriptRan === true")
    reader.page.wait_for_function("() => speechSynthesis.getVoices().length > 0")
    reader.page.wait_for_timeout(300)
    assert reader.errors == []
    assert any("civicat read-aloud: not started" in m for m in messages)
    assert reader.toggle.is_hidden()
