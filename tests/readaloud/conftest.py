"""Real speech for the read-aloud tests: PulseAudio, speech-dispatcher, espeak-ng and Chromium.

Order matters (docs/RECIPES): a PulseAudio with a null sink starts first; then Chromium with
``--enable-speech-dispatcher``, which spawns speech-dispatcher (and its sd_espeak-ng module) on
the first use of speechSynthesis. A speech-dispatcher that starts without audio stays broken.

What worked on this machine (Debian 12, root, no D-Bus, no X):
``pulseaudio --daemonize=no --exit-idle-time=-1 -n --load="module-null-sink sink_name=null"
--load=module-native-protocol-unix`` as our own child process. As root it only warns ("not
intended to be run as root"); no ``--system`` needed. HOME, XDG_RUNTIME_DIR and PULSE_RUNTIME_PATH
point into a temporary folder, so its socket and cookie, and speech-dispatcher's socket, logs and
config, never touch the user's own and never clash with another session. Chromium gets the same
variables plus PULSE_SERVER.

The null sink plays in real time, so speech takes as long as it would aloud. To keep the suite
short: the examples are short, the tests read at the control's fastest speed (1.5x, stored as the
visitor's setting), and speech-dispatcher gets a user configuration (in the temporary HOME) whose
espeak-ng module maps speeds to about three times the words per minute of Debian's default (normal
450 instead of 170, maximum 1400 instead of 449). The page and the component are unchanged by this.

Teardown ends PulseAudio and every speech-dispatcher / sd_* process that appeared during the
session with our XDG_RUNTIME_DIR in its environment, by process id.

With CI=true a missing tool fails the tests; otherwise they are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.readaloud import examples_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-speech-dispatcher",
]
LANGS_NEEDED = ("de", "en", "ar")
TEST_RATE = 1.5  # the fastest speed the control offers
SPEECH_PROCESS_NAMES = ("speech-dispatch", "sd_")  # /proc/<pid>/comm is cut at 15 characters

# Observes every utterance the page speaks without changing it: the real engine still speaks.
# Listeners are added after the component's own (it calls speak() after adding them), so at
# "start" the highlight the component just drew is already in the DOM.
RECORDER = """
(() => {
  const log = [];
  Object.defineProperty(window, '__spoken', { value: log });
  try {
    if (!localStorage.getItem('civicat.readaloud')) {
      localStorage.setItem('civicat.readaloud', JSON.stringify({ rate: %(rate)s }));
    }
  } catch (error) { /* about:blank has no storage */ }
  const synth = window.speechSynthesis;
  if (!synth) return;
  const realSpeak = synth.speak.bind(synth);
  const highlighted = () => Array.from(
    document.querySelectorAll('.civicat-readaloud-current'), (el) => el.textContent).join(' ');
  const inView = () => Array.from(document.querySelectorAll('.civicat-readaloud-current')).every((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  synth.speak = function (utterance) {
    const entry = {
      text: utterance.text, lang: utterance.lang, rate: utterance.rate,
      voice: utterance.voice ? utterance.voice.name : null,
      voiceLang: utterance.voice ? utterance.voice.lang : null, events: [],
    };
    entry.queuedAt = Math.round(performance.now()); log.push(entry);
    utterance.addEventListener('start', () => {
      entry.events.push('start'); entry.startedAt = Math.round(performance.now());
      entry.highlight = highlighted();
      entry.highlightInView = inView();
      entry.focus = document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : null;
    });
    utterance.addEventListener('end', () => { entry.events.push('end'); entry.endedAt = Math.round(performance.now()); });
    utterance.addEventListener('error', (event) => entry.events.push('error:' + event.error));
    return realSpeak(utterance);
  };
})();
""" % {"rate": TEST_RATE}


def unavailable(reason: str):
    """Fail under CI (a CI machine must have everything), skip with the reason elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"read-aloud tests need: {reason}", pytrace=False)
    pytest.skip(f"read-aloud tests need: {reason} (scripts/lib/system-packages.sh installs them)")


def speech_processes() -> set[int]:
    pids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if name.startswith(SPEECH_PROCESS_NAMES):
            pids.add(int(entry.name))
    return pids


def started_by_us(pid: int, runtime_dir: Path) -> bool:
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return False
    return f"XDG_RUNTIME_DIR={runtime_dir}".encode() in environ


def end_process(pid: int) -> None:
    """SIGTERM, then SIGKILL after 2 s; zombies (reaped by init) count as ended."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state == "Z":
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def faster_espeak(home: Path) -> None:
    """speech-dispatcher reads ~/.config/speech-dispatcher/ instead of /etc when it exists."""
    system = Path("/etc/speech-dispatcher")
    if not (system / "speechd.conf").is_file() or not (system / "modules/espeak-ng.conf").is_file():
        return  # another layout: speak at the default speed, only slower
    config = home / ".config" / "speech-dispatcher"
    (config / "modules").mkdir(parents=True)
    shutil.copy(system / "speechd.conf", config / "speechd.conf")
    module = (system / "modules/espeak-ng.conf").read_text()
    module = module.replace("EspeakNormalRate 170", "EspeakNormalRate 450")
    module = module.replace("EspeakMaxRate 449", "EspeakMaxRate 1400")
    (config / "modules" / "espeak-ng.conf").write_text(module)


@pytest.fixture(scope="session")
def speech_env(tmp_path_factory):
    """A running PulseAudio with a null sink, and the environment that points at it."""
    missing = [tool for tool in ("pulseaudio", "pactl", "speech-dispatcher", "espeak-ng")
               if not shutil.which(tool)]
    if not Path(CHROMIUM).exists():
        missing.insert(0, "chromium")
    if missing:
        unavailable("the programs " + ", ".join(missing) + " (Debian: chromium, pulseaudio, "
                    "speech-dispatcher, speech-dispatcher-espeak-ng, espeak-ng)")
    espeak_voices = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True).stdout
    codes = {line.split()[1].split("-")[0] for line in espeak_voices.splitlines()[1:] if line.split()}
    if not set(LANGS_NEEDED) <= codes:
        unavailable(f"espeak-ng voices for {', '.join(sorted(set(LANGS_NEEDED) - codes))}")

    base = tmp_path_factory.mktemp("speech")
    runtime = base / "run"
    runtime.mkdir(mode=0o700)
    (base / "home").mkdir()
    env = dict(
        os.environ, HOME=str(base / "home"), XDG_RUNTIME_DIR=str(runtime),
        PULSE_RUNTIME_PATH=str(runtime / "pulse"), PULSE_SERVER=f"unix:{runtime / 'pulse' / 'native'}",
    )
    faster_espeak(base / "home")
    before = speech_processes()
    log = (base / "pulseaudio.log").open("w")
    pulse = subprocess.Popen(
        ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
         "--load=module-null-sink sink_name=null", "--load=module-native-protocol-unix"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
            if pulse.poll() is not None or time.monotonic() > deadline:
                unavailable("a PulseAudio server: " + (base / "pulseaudio.log").read_text()[-500:])
            time.sleep(0.1)
        yield env
    finally:
        for pid in speech_processes() - before:
            if started_by_us(pid, runtime):
                end_process(pid)
        pulse.terminate()
        try:
            pulse.wait(5)
        except subprocess.TimeoutExpired:
            pulse.kill()
            pulse.wait()
        log.close()


@pytest.fixture(scope="session")
def browser(speech_env, playwright):
    """Chromium with speech-dispatcher, launched from the session's one Playwright."""
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=speech_env)
    try:
        page = chromium.new_page()
        voices = page.evaluate("""() => new Promise((resolve) => {
          const done = () => {
            const voices = speechSynthesis.getVoices();
            if (voices.length) resolve(voices.map((v) => v.lang));
          };
          speechSynthesis.addEventListener('voiceschanged', done);
          done();
          setTimeout(() => resolve([]), 15000);
        })""")
        page.close()
        found = {lang.split("-")[0].lower() for lang in voices}
        if not set(LANGS_NEEDED) <= found:
            unavailable("speech-dispatcher voices in Chromium for "
                        + ", ".join(sorted(set(LANGS_NEEDED) - found)))
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="session")
def site():
    """Root URL of the example server (the theme folder, served like the built site)."""
    server, root = examples_server.start()
    yield root
    server.shutdown()
    server.server_close()


class Reader:
    """One browser tab on an example page, with the spoken log and the control's parts."""

    def __init__(self, context, site: str):
        self.context = context
        self.site = site
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, example: str, query: str = "", ready: bool = True) -> "Reader":
        self.page.goto(f"{self.site}{examples_server.EXAMPLES_URL}{example}.html{query}")
        if ready:
            self.toggle.wait_for(state="visible", timeout=15000)
        return self

    @property
    def control(self):
        return self.page.locator("[data-module=civicat-readaloud]")

    @property
    def toggle(self):
        return self.page.locator("[data-readaloud-toggle]")

    def button(self, action: str):
        return self.page.locator(f"[data-readaloud-action={action}]")

    def state(self) -> str:
        return self.control.get_attribute("data-readaloud-state")

    def spoken(self) -> list[dict]:
        return self.page.evaluate("() => JSON.parse(JSON.stringify(window.__spoken))")

    def started(self) -> list[dict]:
        return [e for e in self.spoken() if "start" in e["events"]]

    def wait_for_start(self, count: int, timeout: float = 20000) -> dict:
        """Waits until `count` utterances have started; returns the last one."""
        self.page.wait_for_function(
            "n => window.__spoken.filter((e) => e.events.includes('start')).length >= n",
            arg=count, timeout=timeout,
        )
        return self.started()[count - 1]

    def wait_until_stopped(self, timeout: float = 60000) -> None:
        self.page.wait_for_function(
            """() => {
              const el = document.querySelector('[data-module=civicat-readaloud]');
              return el.dataset.readaloudState === 'stopped' && window.__spoken.length > 0;
            }""",
            timeout=timeout,
        )

    def read_all(self) -> list[dict]:
        self.toggle.click()
        self.wait_until_stopped()
        return self.spoken()

    def close(self) -> None:
        try:
            self.page.evaluate("() => speechSynthesis.cancel()")
        except Exception:  # the page may already be gone
            pass
        self.context.close()


@pytest.fixture
def reader(browser, site):
    """A fresh browser context (own localStorage) with the recorder installed."""
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    context.add_init_script(RECORDER)
    tab = Reader(context, site)
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def full_readings(browser, site):
    """Each example read once from start to end, shared by the tests of a module.

    Returns {"log": spoken utterances, "leftover": highlights left after the end, "errors": page
    errors}.
    """
    cache: dict[str, dict] = {}
    contexts = []

    def reading(lang: str) -> dict:
        if lang not in cache:
            context = browser.new_context(viewport={"width": 1024, "height": 900})
            context.add_init_script(RECORDER)
            contexts.append(context)
            tab = Reader(context, site).open(lang)
            log = tab.read_all()
            leftover = tab.page.locator(".civicat-readaloud-current").count()
            cache[lang] = {"log": log, "leftover": leftover, "errors": tab.errors}
        return cache[lang]

    yield reading
    for context in contexts:
        context.close()
