/*
 * civicat read-aloud: turns the main content into a list of short utterances.
 *
 * Reads the DOM only (never changes it). Each text piece remembers the text node and offsets it
 * came from, so the sentence being spoken can be highlighted in place (readaloud-highlight.js).
 *
 *   civicat.readaloud.collectUtterances(root, options)
 *     -> [{ text, lang, ranges: [{node, start, end}], sentence }]
 *
 * One utterance is one sentence (at most MAX_CHARS) in one language: a sentence with an inline
 * <span lang="en"> becomes several utterances with the same `sentence` number.
 */
(function (civicat) {
  'use strict';
  if (!civicat) return;
  const ns = civicat.readaloud = civicat.readaloud || {};

  const MAX_CHARS = 200; // engines fail on long utterances (Chrome online voices stop at ~15 s)

  // What is never read: navigation, controls, other widgets' status messages and other
  // non-content. `[aria-hidden]` and `[hidden]` are skipped because the author hid them from
  // assistive technology or from everyone; the read-aloud control itself (.civicat-readaloud)
  // would otherwise read its own labels; the rest are Material's permalinks and buttons.
  const DEFAULT_SKIP = [
    'nav', '[role="navigation"]', '[role="search"]', '[role="toolbar"]', '[role="status"]',
    'button', '[role="button"]', 'input', 'select', 'textarea', 'form', 'label',
    'script', 'style', 'noscript', 'template', 'svg', 'img', 'picture', 'audio', 'video', 'iframe',
    'object', 'canvas', '[aria-hidden="true"]', '[hidden]', '[inert]', '[data-readaloud-skip]',
    '.civicat-readaloud', '.headerlink', '.md-content__button', '.md-clipboard', '.md-feedback',
    '.tabbed-labels',
  ].join(',');

  const TEXT_NODE = 3;
  const ELEMENT_NODE = 1;
  const URL_TEXT = /^\s*(https?:\/\/|www\.)\S+\s*$/i;
  const TIME_RANGE = /(\d{1,2}[:.]\d{2})\s*[–—-]\s*(\d{1,2}[:.]\d{2})/g;
  const HAS_WORD = /[\p{L}\p{N}]/u;
  // A "sentence" that ends in a single letter or a common abbreviation with a period ("z. B.",
  // "Nr.", "Abs.", "Mo.") was most likely cut inside a sentence: glue it to the next one. Case
  // matters ("So." is Sunday, "so." ends a sentence). A wrong guess only makes a longer chunk.
  const ABBREVIATION_END = new RegExp(
    '(^|[\\s(.])(\\p{L}|Nr|Str|ca|bzw|ggf|evtl|inkl|zzgl|usw|Tel|vgl|Abs|Art|Dr|Mo|Di|Mi|Do|Fr|Sa|So'
    + '|Mr|Mrs|Ms|St|No|approx)\\.\\s*$', 'u',
  );

  /** The language tag that applies to a node: the nearest `lang` attribute. */
  function languageOf(node, fallback) {
    const el = node.nodeType === ELEMENT_NODE ? node : node.parentElement;
    const owner = el && el.closest('[lang]');
    return (owner && owner.getAttribute('lang')) || fallback || 'und';
  }

  /** True when an element or its content is not shown, or is only for screen readers. */
  function isHidden(el, style) {
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') {
      return true;
    }
    if (style.display !== 'contents') {
      // checkVisibility() also sees content-visibility: hidden (the content of a closed <details>
      // in current browsers); elements with display: contents have no box of their own.
      if (typeof el.checkVisibility === 'function') {
        if (!el.checkVisibility({ visibilityProperty: true })) return true;
      } else if (el.getClientRects().length === 0) {
        return true;
      }
    }
    // "Visually hidden" utility classes (GOV.UK, Bootstrap, Material's md-visually-hidden):
    // positioned out of flow and clipped to nothing or to 1px.
    if (style.position === 'absolute' || style.position === 'fixed') {
      if (style.clip === 'rect(0px, 0px, 0px, 0px)' || /inset\(50%\)/.test(style.clipPath)) return true;
      if (el.offsetWidth <= 1 && el.offsetHeight <= 1) return true;
    }
    return false;
  }

  function isBlock(style) {
    return !(style.display.startsWith('inline') || style.display === 'contents');
  }

  /** Collects pieces of text, grouped in blocks that never share a sentence. */
  class Collector {
    constructor(options) {
      this.skip = options.skip;
      this.range = options.range || null;
      this.lang = options.lang;
      this.blocks = [];
      this.pieces = [];
    }

    flush(kind) {
      if (this.pieces.some((p) => HAS_WORD.test(p.text))) {
        this.blocks.push({ pieces: this.pieces, kind: kind || 'text' });
      }
      this.pieces = [];
    }

    skipped(el) {
      return el.matches(this.skip) || isHidden(el, getComputedStyle(el));
    }

    addText(node) {
      let start = 0;
      let end = node.data.length;
      if (this.range) {
        if (!this.range.intersectsNode(node)) return;
        if (node === this.range.startContainer) start = this.range.startOffset;
        if (node === this.range.endContainer) end = this.range.endOffset;
      }
      if (end <= start) return;
      const text = node.data.slice(start, end);
      this.pieces.push({ text, lang: languageOf(node, this.lang), ranges: [{ node, start, end }] });
    }

    /** A link whose text is a web address: say the host name, not "h t t p s colon slash slash". */
    addUrlLink(link) {
      const nodes = textNodesIn(link).filter((n) => !this.range || this.range.intersectsNode(n));
      if (!nodes.length) return;
      let host = link.textContent.trim();
      try {
        host = new URL(/^www\./i.test(host) ? `https://${host}` : host).hostname;
      } catch (error) {
        host = host.replace(/^https?:\/\//i, '').split('/')[0];
      }
      const ranges = nodes.map((node) => ({ node, start: 0, end: node.data.length }));
      this.pieces.push({ text: host, lang: languageOf(link, this.lang), ranges, atomic: true });
    }

    joiner(text, lang) {
      this.pieces.push({ text, lang, ranges: [], atomic: true });
    }

    walk(parent, inline) {
      for (const child of parent.childNodes) {
        if (child.nodeType === TEXT_NODE) {
          this.addText(child);
        } else if (child.nodeType === ELEMENT_NODE && child.tagName === 'BR') {
          this.separate(inline); // lines of an address are read as separate sentences
        } else if (child.nodeType === ELEMENT_NODE && !this.skipped(child)) {
          if (child.tagName === 'TABLE' && !inline) {
            this.flush();
            this.table(child);
          } else if (child.tagName === 'A' && URL_TEXT.test(child.textContent)) {
            this.addUrlLink(child);
          } else {
            const block = isBlock(getComputedStyle(child));
            if (block) this.separate(inline);
            this.walk(child, inline);
            if (block) this.separate(inline);
          }
        }
      }
    }

    /** Between blocks: a new block, or inside a table cell a comma ("08:00 to 12:00, 14:00 …"). */
    separate(inline) {
      if (!inline) {
        this.flush();
      } else if (this.pieces.length && HAS_WORD.test(this.pieces[this.pieces.length - 1].text)) {
        this.joiner(', ', this.pieces[this.pieces.length - 1].lang);
      }
    }

    /** Pieces of one table cell, without block breaks. */
    cell(cell) {
      const saved = this.pieces;
      this.pieces = [];
      this.walk(cell, true);
      const pieces = this.pieces;
      this.pieces = saved;
      return pieces;
    }

    /**
     * Tables are read row by row as "row header: cell, cell" ("Monday: 08:00 to 12:00"). With more
     * than two columns each data cell is preceded by its column header, so the row makes sense
     * when heard. A header row is not read on its own; the caption is.
     */
    table(table) {
      if (table.caption && !this.skipped(table.caption)) {
        this.walk(table.caption, false);
        this.flush();
      }
      const rows = Array.from(table.rows).filter((row) => !this.skipped(row));
      const isHeaderRow = (row) => row.parentElement.tagName === 'THEAD'
        || Array.from(row.cells).every((c) => c.tagName === 'TH');
      const header = rows.length > 1 && isHeaderRow(rows[0]) ? rows.shift() : null;
      const headings = header ? Array.from(header.cells, (c) => c.textContent.trim()) : [];
      for (const row of rows) {
        const cells = Array.from(row.cells).filter((c) => !this.skipped(c));
        const lang = languageOf(row, this.lang);
        let said = 0; // empty cells are left out, and so is their separator
        for (const cell of cells) {
          const pieces = this.cell(cell);
          if (pieces.some((p) => HAS_WORD.test(p.text))) {
            if (said === 1) this.joiner(': ', lang);
            if (said > 1) this.joiner(', ', lang);
            if (said > 0 && cells.length > 2 && headings[cell.cellIndex]) {
              this.joiner(`${headings[cell.cellIndex]} `, lang);
            }
            this.pieces.push(...pieces);
            said += 1;
          }
        }
        this.flush('row');
      }
    }
  }

  function textNodesIn(el) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  const segmenters = new Map();
  /** Sentence boundaries as [start, end) offsets, with Intl.Segmenter where the browser has it. */
  function sentenceBounds(text, lang) {
    if (typeof Intl === 'object' && typeof Intl.Segmenter === 'function') {
      if (!segmenters.has(lang)) {
        let segmenter;
        try {
          segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
        } catch (error) {
          segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
        }
        segmenters.set(lang, segmenter);
      }
      return Array.from(segmenters.get(lang).segment(text), (s) => [s.index, s.index + s.segment.length]);
    }
    const bounds = [];
    const end = /[.!?؟…]+["'»«”)]*\s+/g;
    let start = 0;
    let match;
    while ((match = end.exec(text))) {
      bounds.push([start, match.index + match[0].length]);
      start = match.index + match[0].length;
    }
    if (start < text.length) bounds.push([start, text.length]);
    return bounds;
  }

  /** Glues abbreviation cuts back together, then cuts sentences longer than MAX_CHARS. */
  function chunkBounds(text, bounds) {
    const merged = [];
    for (const [start, end] of bounds) {
      const last = merged[merged.length - 1];
      if (last && ABBREVIATION_END.test(text.slice(last[0], last[1])) && end - last[0] <= MAX_CHARS) {
        last[1] = end;
      } else {
        merged.push([start, end]);
      }
    }
    const chunks = [];
    for (let [start, end] of merged) {
      while (end - start > MAX_CHARS) {
        const window = text.slice(start, start + MAX_CHARS);
        let cut = Math.max(...[', ', '; ', ': ', ' – ', ' - ', '، '].map((s) => {
          const at = window.lastIndexOf(s);
          return at < 0 ? -1 : at + s.length;
        }));
        if (cut < MAX_CHARS / 3) cut = window.lastIndexOf(' ') + 1;
        if (cut <= 0) cut = MAX_CHARS;
        chunks.push([start, start + cut]);
        start += cut;
      }
      chunks.push([start, end]);
    }
    return chunks;
  }

  /** The parts of a block's pieces that fall in [start, end), with their node ranges. */
  function slicePieces(pieces, start, end) {
    const parts = [];
    let offset = 0;
    for (const piece of pieces) {
      const from = Math.max(start, offset);
      const to = Math.min(end, offset + piece.text.length);
      if (from < to) {
        if (piece.atomic) {
          if (offset >= start) parts.push(piece); // never split: it belongs where it starts
        } else {
          const r = piece.ranges[0];
          const a = from - offset;
          const b = to - offset;
          parts.push({
            text: piece.text.slice(a, b),
            lang: piece.lang,
            ranges: [{ node: r.node, start: r.start + a, end: r.start + b }],
          });
        }
      }
      offset += piece.text.length;
    }
    return parts;
  }

  /** Splits one sentence into runs of one language; punctuation-only runs join their neighbour. */
  function languageRuns(parts) {
    const runs = [];
    for (const part of parts) {
      const last = runs[runs.length - 1];
      if (last && (last.lang === part.lang || !HAS_WORD.test(part.text))) {
        last.text += part.text;
        last.ranges.push(...part.ranges);
      } else if (last && !HAS_WORD.test(last.text)) {
        last.text += part.text;
        last.ranges.push(...part.ranges);
        last.lang = part.lang;
      } else {
        runs.push({ text: part.text, lang: part.lang, ranges: part.ranges.slice() });
      }
    }
    return runs;
  }

  /** Ranges without the white space at either end, so the highlight covers only the words. */
  function trimRanges(ranges) {
    const text = (r) => r.node.data.slice(r.start, r.end);
    let from = 0;
    let to = ranges.length;
    while (from < to && !text(ranges[from]).trim()) from += 1;
    while (to > from && !text(ranges[to - 1]).trim()) to -= 1;
    const trimmed = ranges.slice(from, to).map((r) => ({ ...r }));
    if (trimmed.length) {
      const first = trimmed[0];
      first.start += text(first).length - text(first).trimStart().length;
      const last = trimmed[trimmed.length - 1];
      last.end -= text(last).length - text(last).trimEnd().length;
    }
    return trimmed;
  }

  /** Text as it should be spoken: whitespace collapsed, "08:00–12:00" as "08:00 to 12:00". */
  function speakable(text, to) {
    // Soft hyphens and bidi isolates are for the eye (line breaks, the order of times in
    // right-to-left text); a speech engine may spell them out.
    return text.replace(/[\u00ad\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim().replace(TIME_RANGE, `$1 ${to} $2`);
  }

  /**
   * All utterances of the content of `root`, in document order.
   * options: { lang: page language, to: localized "to" for time ranges, skip: CSS selector of
   * what not to read, range: a Range to read only the visitor's selection, title: an <h1> outside
   * root to read first }
   */
  function collectUtterances(root, options) {
    const collector = new Collector(options);
    if (options.title && !options.range) {
      collector.walk(options.title, false);
      collector.flush();
    }
    collector.walk(root, false);
    collector.flush();
    const utterances = [];
    let sentence = 0;
    for (const block of collector.blocks) {
      const text = block.pieces.map((p) => p.text).join('');
      const lang = block.pieces[0].lang;
      const bounds = block.kind === 'row' ? [[0, text.length]] : sentenceBounds(text, lang);
      for (const [start, end] of chunkBounds(text, bounds)) {
        const runs = languageRuns(slicePieces(block.pieces, start, end));
        let spoken = false;
        for (const run of runs) {
          const said = speakable(run.text, options.to || '–');
          if (HAS_WORD.test(said)) {
            utterances.push({ text: said, lang: run.lang, ranges: trimRanges(run.ranges), sentence });
            spoken = true;
          }
        }
        if (spoken) sentence += 1;
      }
    }
    return utterances;
  }

  Object.assign(ns, { MAX_CHARS, DEFAULT_SKIP, languageOf, collectUtterances });
})(window.civicat);
