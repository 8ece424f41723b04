/*
 * civicat read-aloud ("Vorlesen"): reads the main content aloud with the browser's own speech
 * synthesis (Web Speech API). No text, address or setting leaves the device. See README.md.
 *
 * Progressive enhancement: the markup of the readaloud macro is `hidden`; this script shows it
 * when speechSynthesis exists, voices have arrived and one of them speaks the page's language;
 * otherwise readaloud-recording.js may offer a recording of the page from our own server.
 * Started through the core (civicat.start), after readaloud-content.js, readaloud-highlight.js,
 * readaloud-recording.js and readaloud-voices.js, which the renderer puts before this file in the
 * read-aloud bundle (assets/civicat/readaloud.js; folder order: "readaloud-" sorts before
 * "readaloud."). That bundle is loaded after the core's (civicat.js): deferred scripts run in
 * document order.
 */
(function (civicat) {
  'use strict';
  if (!civicat || !civicat.readaloud) return;
  const {
    collectUtterances, DEFAULT_SKIP, languageOf, Highlighter,
    languageName, loadSettings, pickVoice, primaryLanguage, saveSettings, voicesFor,
  } = civicat.readaloud;

  const SELECTOR = '[data-module="civicat-readaloud"]';
  const START_TIMEOUT = 10000; // ms until an utterance must have started, or the engine is stuck

  class ReadAloud {
    constructor(el, synth) {
      this.el = el;
      this.synth = synth;
      const find = (name) => el.querySelector(`[data-readaloud-${name}]`);
      this.toggle = find('toggle');
      this.bar = find('bar');
      this.playLabel = find('play-label');
      this.rateSelect = find('rate');
      this.voiceField = find('voice-field');
      this.voiceSelect = find('voice');
      this.status = find('status');
      this.buttons = {};
      el.querySelectorAll('[data-readaloud-action]').forEach((b) => {
        this.buttons[b.dataset.readaloudAction] = b;
      });
      this.strings = {
        play: el.dataset.i18nPlay, pause: el.dataset.i18nPause, resume: el.dataset.i18nResume,
        noVoice: el.dataset.i18nNoVoice, error: el.dataset.i18nError, to: el.dataset.i18nTo,
      };
      this.root = document.querySelector(el.dataset.readaloudContent || 'main article');
      this.skip = [DEFAULT_SKIP, el.dataset.readaloudSkip].filter(Boolean).join(',');
      el.matches(this.skip); // a bad selector fails here, at start, not at the visitor's click
      this.allowOnline = el.dataset.readaloudOnlineVoices === 'allow';
      this.lang = this.root ? languageOf(this.root, document.documentElement.lang) : 'und';
      this.settings = loadSettings();
      this.highlighter = new Highlighter();
      this.voices = [];
      this.items = [];
      this.index = -1;
      this.state = 'stopped';
      this.token = 0; // every speakAt() and stop() makes older utterance events stale
      this.bind();
      this.render();
    }

    bind() {
      // The selection is read at pointerdown too, in case a browser clears it on click.
      const remember = () => { this.pendingSelection = this.selection(); };
      this.toggle.addEventListener('pointerdown', remember);
      this.buttons.play.addEventListener('pointerdown', remember);
      this.toggle.addEventListener('click', () => this.onToggle());
      this.bar.addEventListener('click', (event) => {
        const button = event.target.closest('[data-readaloud-action]');
        // aria-disabled rather than disabled: a focused button that becomes unavailable keeps
        // the focus (a disabled one would drop it to <body>).
        if (!button || button.getAttribute('aria-disabled') === 'true') return;
        const action = button.dataset.readaloudAction;
        if (action === 'play') this.onPlay();
        if (action === 'stop') this.stop();
        if (action === 'next') this.jump(+1);
        if (action === 'previous') this.jump(-1);
      });
      const rate = Number(this.settings.rate);
      if (Array.from(this.rateSelect.options).some((o) => Number(o.value) === rate)) {
        this.rateSelect.value = String(rate);
      }
      this.rateSelect.addEventListener('change', () => {
        this.settings.rate = this.rate();
        this.saveAndRestart();
      });
      this.voiceSelect.addEventListener('change', () => {
        this.settings.voices[primaryLanguage(this.lang)] = this.voiceSelect.value;
        this.saveAndRestart();
      });
      // Leaving the page (link, back button, closing the tab) ends the speech.
      window.addEventListener('pagehide', () => this.stop());
    }

    /** Called whenever the browser's voice list arrives or changes. */
    updateVoices(voices) {
      this.voices = voices;
      const candidates = voicesFor(voices, this.lang, this.allowOnline);
      const reason = !this.root ? 'no-content' : (candidates.length ? '' : 'no-voice');
      if (reason) {
        // No voice for the page language: no button for it, rather than a wrong-language voice
        // (start() then offers the server's recording, when the page names one).
        this.stop();
        this.el.hidden = true;
        this.el.dataset.readaloudUnavailable = reason;
        return;
      }
      delete this.el.dataset.readaloudUnavailable;
      const chosen = pickVoice(candidates, this.settings.voices[primaryLanguage(this.lang)]);
      this.voiceSelect.replaceChildren(...candidates.map((v) => new Option(v.name, v.name)));
      this.voiceSelect.value = chosen.name;
      // A choice is offered only when there is one to make.
      this.voiceField.hidden = candidates.length < 2;
      this.el.hidden = false;
    }

    voiceFor(lang) {
      const preferred = primaryLanguage(lang) === primaryLanguage(this.lang)
        ? this.voiceSelect.value
        : this.settings.voices[primaryLanguage(lang)];
      return pickVoice(voicesFor(this.voices, lang, this.allowOnline), preferred);
    }

    rate() {
      return Number(this.rateSelect.value) || 1;
    }

    /** The visitor's selection if it is (partly) inside the content, else null. */
    selection() {
      const selection = window.getSelection && window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
      const range = selection.getRangeAt(0);
      if (!range.intersectsNode(this.root) || this.el.contains(range.commonAncestorContainer)) return null;
      return range.cloneRange();
    }

    onToggle() {
      if (this.el.dataset.readaloudMode === 'recording') return; // readaloud-recording.js has it
      if (this.bar.hidden) {
        this.bar.hidden = false;
        this.begin();
      } else {
        this.stop();
        this.bar.hidden = true;
      }
      this.pendingSelection = null;
      this.render();
    }

    onPlay() {
      if (this.state === 'playing') this.pause();
      else if (this.state === 'paused') this.play(this.sentenceStart(this.index));
      else this.begin();
      this.pendingSelection = null;
    }

    /** Starts from the top (or the selection), collecting the text as it is now. */
    begin() {
      const range = this.selection() || this.pendingSelection || null;
      const h1 = document.querySelector('h1');
      this.items = collectUtterances(this.root, {
        lang: this.lang, to: this.strings.to, skip: this.skip, range,
        title: h1 && !this.root.contains(h1) ? h1 : null,
      });
      this.status.textContent = '';
      this.announced = new Set();
      this.play(0);
    }

    play(index) {
      this.state = 'playing';
      this.speakAt(index);
    }

    speakAt(index) {
      const token = ++this.token;
      clearTimeout(this.watchdog);
      // Only when something is still queued or speaking: after a natural "end" there is nothing to
      // cancel, and some engines drop an utterance spoken right after cancel().
      if (this.synth.speaking || this.synth.pending) this.synth.cancel();
      let i = index;
      // Parts in a language without a voice are skipped, and the visitor is told so plainly.
      while (i < this.items.length && !this.voiceFor(this.items[i].lang)) {
        this.announceMissingVoice(this.items[i].lang);
        i += 1;
      }
      if (i >= this.items.length) {
        this.stop();
        return;
      }
      this.index = i;
      const item = this.items[i];
      const utterance = new SpeechSynthesisUtterance(item.text);
      utterance.lang = item.lang;
      utterance.voice = this.voiceFor(item.lang);
      utterance.rate = this.rate();
      utterance.addEventListener('start', () => {
        if (token !== this.token) return;
        clearTimeout(this.watchdog);
        // Speech engines differ in speed: give a stuck utterance ~150 ms per character.
        this.watchdog = setTimeout(() => token === this.token && this.speakAt(i + 1),
          START_TIMEOUT + (item.text.length * 150) / utterance.rate);
        this.highlighter.show(item.ranges);
        this.render();
      });
      utterance.addEventListener('end', () => {
        if (token === this.token) this.speakAt(i + 1);
      });
      utterance.addEventListener('error', (event) => {
        // Our own cancel() (pause, stop, next, previous) always comes with a new token, so its
        // "interrupted"/"canceled" lands here stale. With the current token, someone else cancelled
        // (another tab, the system): stop quietly rather than wait for the watchdog.
        if (token !== this.token) return;
        if (event.error === 'interrupted' || event.error === 'canceled') this.stop();
        else this.fail();
      });
      this.utterance = utterance; // keep a reference: Chrome drops events of collected utterances
      this.watchdog = setTimeout(() => token === this.token && this.fail(), START_TIMEOUT);
      if (this.synth.paused) this.synth.resume();
      this.synth.speak(utterance);
      this.render();
    }

    /**
     * Pause cancels and remembers the sentence; resume speaks that sentence again from its start.
     * speechSynthesis.pause() is not used: Android treats it as cancel, and resume() is unreliable.
     */
    pause() {
      this.token += 1;
      clearTimeout(this.watchdog);
      this.synth.cancel();
      this.state = 'paused';
      this.index = this.sentenceStart(this.index);
      // Show where "resume" will start (the next sentence may have been queued but not started).
      this.highlighter.show(this.items[this.index].ranges);
      this.render();
    }

    stop() {
      this.token += 1;
      clearTimeout(this.watchdog);
      if (this.state !== 'stopped' || this.synth.speaking) this.synth.cancel();
      this.highlighter.clear();
      this.state = 'stopped';
      this.index = -1;
      this.render();
    }

    fail() {
      this.stop();
      this.status.textContent = this.strings.error;
    }

    /** Next or previous sentence; while paused it only moves the highlight. */
    jump(direction) {
      const target = this.sentenceStart(this.index) + (direction > 0 ? 0 : -1);
      let i = direction > 0 ? this.nextSentence(this.index) : this.sentenceStart(Math.max(target, 0));
      if (i < 0) i = this.index;
      if (this.state === 'playing') {
        this.speakAt(i);
      } else if (this.state === 'paused') {
        this.index = i;
        this.highlighter.show(this.items[i].ranges);
        this.render();
      }
    }

    sentenceStart(index) {
      let i = index;
      while (i > 0 && this.items[i - 1].sentence === this.items[index].sentence) i -= 1;
      return i;
    }

    nextSentence(index) {
      const i = this.items.findIndex((item) => item.sentence > this.items[index].sentence);
      return i;
    }

    saveAndRestart() {
      saveSettings(this.settings);
      if (this.state === 'playing') this.speakAt(this.sentenceStart(this.index));
    }

    announceMissingVoice(lang) {
      const name = languageName(lang, this.lang);
      if (this.announced.has(name)) return;
      this.announced.add(name);
      this.status.textContent = this.strings.noVoice.replace('{language}', name);
    }

    /** Reflects the state in the markup: labels, availability of buttons, state attribute. */
    render() {
      const { state } = this;
      const open = !this.bar.hidden;
      this.el.dataset.readaloudState = state;
      // aria-pressed: "read aloud" is on while the control bar is open.
      this.toggle.setAttribute('aria-pressed', String(open));
      const labels = { playing: this.strings.pause, paused: this.strings.resume, stopped: this.strings.play };
      if (this.playLabel.textContent !== labels[state]) this.playLabel.textContent = labels[state];
      const current = this.items[this.index];
      const last = this.items.length ? this.items[this.items.length - 1].sentence : 0;
      const setDisabled = (button, disabled) => button.setAttribute('aria-disabled', String(disabled));
      setDisabled(this.buttons.stop, state === 'stopped');
      setDisabled(this.buttons.previous, state === 'stopped' || !current || current.sentence === 0);
      setDisabled(this.buttons.next, state === 'stopped' || !current || current.sentence >= last);
    }
  }

  const NO_VOICES_AFTER = 3000; // ms: a browser that has listed no voice by then has none

  /**
   * Starts one control once the browser's voices are known. civicat.start never starts an element
   * twice, even when this script is loaded again. Without a voice for the page's language (or
   * without speech at all) the control offers a recording from our own server instead, if the
   * page names one (readaloud-recording.js); a voice that arrives later takes over again, unless
   * the visitor already uses the recording.
   */
  function start(el) {
    const { Recording } = civicat.readaloud;
    if (!('speechSynthesis' in window) || typeof window.SpeechSynthesisUtterance !== 'function') {
      Recording.offer(el, 'browser');
      return;
    }
    const synth = window.speechSynthesis;
    let control = null;
    const onVoices = () => {
      const voices = synth.getVoices();
      if (!voices.length) return; // Chrome: the list arrives later, with "voiceschanged"
      clearTimeout(waiting);
      try {
        if (!control) control = new ReadAloud(el, synth);
        const recording = el.readaloudRecording;
        if (recording && !recording.withdraw()) return; // the visitor is listening to it
        control.updateVoices(voices);
        if (el.dataset.readaloudUnavailable === 'no-voice') Recording.offer(el, 'device');
      } catch (error) {
        // One broken control (bad selector, changed markup) never breaks the page's other scripts.
        console.error('civicat read-aloud: not started', error);
      }
    };
    const waiting = setTimeout(() => {
      if (!synth.getVoices().length) Recording.offer(el, 'device');
    }, NO_VOICES_AFTER);
    if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', onVoices);
    else synth.onvoiceschanged = onVoices;
    onVoices();
  }

  civicat.start('readaloud', SELECTOR, start);
  civicat.readaloud.ReadAloud = ReadAloud;
})(window.civicat);
