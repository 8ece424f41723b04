/*
 * civicat read-aloud: a recording of the page from our own server, for a device that has no
 * voice for the page's language (common for Arabic on Windows and Linux) or no speech at all.
 *
 * On-device speech stays first: this is offered only when it cannot work, and the control says
 * why ("This device has no Arabic voice"). The recording is made by the site's own functions
 * (GET <speech>?page=<this page's path>: espeak-ng locally, Amazon Polly on AWS) from the page as
 * the site built it, never from text sent by the browser, and is kept per page and language. The
 * player is the browser's own <audio controls>, labelled by the line above it.
 *
 *   civicat.readaloud.Recording.offer(el, reason)  reason: 'device' (no voice) or 'browser'
 */
(function (civicat) {
  'use strict';
  if (!civicat) return;
  const ns = civicat.readaloud = civicat.readaloud || {};

  class Recording {
    constructor(el, reason) {
      this.el = el;
      const find = (name) => el.querySelector(`[data-readaloud-${name}]`);
      this.toggle = find('toggle');
      this.panel = find('recording');
      this.why = find('why');
      this.audio = find('audio');
      this.label = el.querySelector('#' + this.audio.getAttribute('aria-labelledby'));
      this.status = find('recording-status');
      this.speech = el.dataset.readaloudSpeech;
      this.reason = reason;
      this.onClick = () => this.onToggle();
    }

    /** Shows the control in recording mode. Nothing is asked of the server before the visitor
        presses the button: no request on page load, and none at all for those who never ask. */
    static offer(el, reason) {
      if (!el.dataset.readaloudSpeech || !el.querySelector('[data-readaloud-recording]')) return null;
      if (el.readaloudRecording) {
        el.readaloudRecording.reason = reason;
        return el.readaloudRecording;
      }
      const recording = new Recording(el, reason);
      el.readaloudRecording = recording;
      recording.show();
      return recording;
    }

    show() {
      const { el } = this;
      const pageLang = document.documentElement.lang || 'und';
      const name = ns.languageName ? ns.languageName(pageLang, pageLang) : pageLang;
      this.why.textContent = this.reason === 'browser'
        ? el.dataset.i18nNoSpeech
        : el.dataset.i18nNoDeviceVoice.replace('{language}', name);
      el.dataset.readaloudMode = 'recording';
      delete el.dataset.readaloudUnavailable;
      this.toggle.setAttribute('aria-controls', this.panel.id);
      this.toggle.addEventListener('click', this.onClick);
      this.audio.addEventListener('waiting', () => { this.status.textContent = el.dataset.i18nRecordingWait; });
      this.audio.addEventListener('playing', () => { this.status.textContent = ''; });
      this.audio.addEventListener('error', () => { this.status.textContent = el.dataset.i18nRecordingFailed; });
      window.addEventListener('pagehide', () => this.audio.pause());
      el.hidden = false;
    }

    /** Leaves recording mode (or the pending offer) unless the visitor uses it: the device's
        voices arrived after all. Returns false when the recording stays. */
    withdraw() {
      if (this.toggle.getAttribute('aria-pressed') === 'true') return false;
      this.toggle.removeEventListener('click', this.onClick);
      this.toggle.setAttribute('aria-controls', 'civicat-readaloud-bar');
      delete this.el.dataset.readaloudMode;
      delete this.el.readaloudRecording;
      return true;
    }

    /** The button opens the player and starts the recording (the press allows playing), or stops it. */
    onToggle() {
      const open = this.panel.hidden;
      this.panel.hidden = !open;
      this.toggle.setAttribute('aria-pressed', String(open));
      if (!open) {
        this.audio.pause();
        return;
      }
      if (this.audio.getAttribute('src')) {
        this.play();
        return;
      }
      // First press: is there a voice for this language on the server? (200 either way.)
      this.status.textContent = this.el.dataset.i18nRecordingWait;
      fetch(this.speech, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then((answer) => (answer.ok ? answer.json() : { available: false }))
        .catch(() => ({ available: false }))
        .then((found) => {
          if (!found || !found.available) {
            this.status.textContent = this.el.dataset.i18nRecordingMissing;
            this.audio.hidden = true;
            this.label.hidden = true;
            return;
          }
          const page = encodeURIComponent(window.location.pathname);
          this.audio.src = `${this.speech}?page=${page}`;
          if (!this.panel.hidden) this.play();
        });
    }

    play() {
      const playing = this.audio.play();
      if (playing && typeof playing.catch === 'function') {
        playing.catch(() => { /* refused or failed: the player stays, its own play button works */ });
      }
    }
  }

  ns.Recording = Recording;
})(window.civicat);
