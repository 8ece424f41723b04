/*
 * civicat read-aloud: highlights the text being spoken, in place.
 *
 * Each node range is wrapped in <span class="civicat-readaloud-current"> and unwrapped again so
 * that the original text node keeps its identity and its full text (the offsets computed by
 * readaloud-content.js stay valid for the next sentence).
 *
 * A plain <span> and not <mark>: some screen readers announce <mark> ("highlighted"), and the
 * highlight is for people who look at the page, not a change of meaning. Nothing here takes
 * focus; scrolling into view does not move the keyboard focus.
 */
(function (civicat) {
  'use strict';
  if (!civicat) return;
  const ns = civicat.readaloud = civicat.readaloud || {};

  const CURRENT_CLASS = 'civicat-readaloud-current';

  class Highlighter {
    constructor(className = CURRENT_CLASS) {
      this.className = className;
      this.wrapped = [];
    }

    show(ranges) {
      this.clear();
      for (const { node, start, end } of ranges) {
        if (!node.isConnected || end <= start || end > node.data.length) continue;
        const middle = node.splitText(start); // node keeps [0, start)
        const rest = middle.splitText(end - start); // middle is [start, end), rest [end, …)
        const span = document.createElement('span');
        span.className = this.className;
        middle.parentNode.insertBefore(span, middle);
        span.appendChild(middle);
        this.wrapped.push({ node, span, middle, rest });
      }
      this.reveal();
    }

    clear() {
      // Reverse order, so that a node wrapped twice is restored step by step.
      for (const { node, span, middle, rest } of this.wrapped.reverse()) {
        node.appendData(middle.data + rest.data);
        span.remove();
        rest.remove();
      }
      this.wrapped = [];
    }

    /** Scrolls the highlight to the middle of the window when it is (partly) off screen. */
    reveal() {
      const first = this.wrapped.length && this.wrapped[0].span;
      if (!first) return;
      const box = first.getBoundingClientRect();
      const height = window.innerHeight || document.documentElement.clientHeight;
      if (box.top >= 0 && box.bottom <= height) return;
      const reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      first.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
    }
  }

  Object.assign(ns, { CURRENT_CLASS, Highlighter });
})(window.civicat);
