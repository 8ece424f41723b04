/*
 * civicat read-aloud: choosing voices, and remembering the visitor's settings.
 *
 * Only voices with `localService: true` are used unless the page allows online voices: an online
 * voice (e.g. Chrome's "Google Deutsch") sends the text to a third party, which is exactly what
 * civicat promises not to do.
 *
 * Settings live in localStorage under one key (no cookies): { rate: 1.25, voices: { de: "name" } }.
 */
(function (civicat) {
  'use strict';
  if (!civicat) return;
  const ns = civicat.readaloud = civicat.readaloud || {};

  const STORAGE_KEY = 'civicat.readaloud';

  function normalizeTag(tag) {
    return String(tag || '').replace(/_/g, '-').toLowerCase();
  }

  function primaryLanguage(tag) {
    return normalizeTag(tag).split('-')[0];
  }

  /**
   * Voices that speak `tag`: those with exactly this tag ("en-gb") if there are any, otherwise
   * those of the same language ("en-us" for "en", "de" for "de-DE").
   */
  function voicesFor(voices, tag, allowOnline) {
    const wanted = normalizeTag(tag);
    const usable = voices.filter((v) => allowOnline || v.localService);
    const exact = usable.filter((v) => normalizeTag(v.lang) === wanted);
    if (exact.length) return exact;
    const language = primaryLanguage(wanted);
    return usable.filter((v) => primaryLanguage(v.lang) === language);
  }

  /** The visitor's voice if it is among the candidates, else the system default, else the first. */
  function pickVoice(candidates, preferredName) {
    return candidates.find((v) => v.name === preferredName)
      || candidates.find((v) => v.default)
      || candidates[0]
      || null;
  }

  /** The name of a language in the page's language ("Englisch" on a German page). */
  function languageName(tag, uiLang) {
    try {
      return new Intl.DisplayNames([uiLang], { type: 'language' }).of(tag) || tag;
    } catch (error) {
      return tag;
    }
  }

  function loadSettings() {
    try {
      const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || '{}');
      return {
        rate: typeof stored.rate === 'number' ? stored.rate : null,
        voices: stored.voices && typeof stored.voices === 'object' ? stored.voices : {},
      };
    } catch (error) {
      // Storage disabled (privacy settings) or damaged: behave as on a first visit.
      return { rate: null, voices: {} };
    }
  }

  function saveSettings(settings) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
    } catch (error) {
      // Not remembered this time; reading aloud still works.
    }
  }

  Object.assign(ns, { normalizeTag, primaryLanguage, voicesFor, pickVoice, languageName, loadSettings, saveSettings });
})(window.civicat);
