/* The site's search engine (an ES module, served as assets/civicat/search-engine.js and loaded
   by search.js when a visitor starts to search). It reads the index the build writes into
   <lang>/search/ (civicat/search/index.py): meta.json first, then only the term files the query's
   words need and the result files of the results shown. The functions' results page for visitors
   without JavaScript runs the same algorithm in Python (functions/chalicelib/search/engine.py);
   tests/search/test_engines_agree.py checks that both rank every query of the query sets alike.
   Everything about a language (folded letters, stop words, prefixes, match qualities) comes from
   meta.json. */

const WORD = /[\p{L}\p{N}]+/gu;
const MARK = /\p{Mn}/gu;

export class SearchIndex {
  /* `read(name)` resolves to a file's parsed JSON. */
  constructor(meta, read) {
    this.meta = meta;
    this.read = read;
    const text = meta.text;
    this.fold = text.fold;
    this.foldable = new RegExp("[" + Object.keys(text.fold).map(escapeClass).join("") + "]", "gu");
    this.dropped = text.dropped;
    this.stop = new Set(text.stop);
    this.prefixes = text.prefixes || [];
    this.particles = text.particles || [];
    this.match = meta.match;
    this.firsts = meta.chunks.map(function (chunk) { return chunk[0]; });
    this.chunks = new Map();
    this.docs = new Map();
  }

  normalize(text) {
    const fold = this.fold;
    return text.toLowerCase().normalize("NFKD").replace(MARK, "").split(this.dropped).join("")
      .replace(this.foldable, function (c) { return fold[c]; });
  }

  /* [the query's words that count, the separable particles it has] */
  words(query) {
    const found = [...new Set(this.normalize(query).match(WORD) || [])];
    const content = found.filter((w) => !this.stop.has(w));
    const particles = content.length ? found.filter((w) => this.particles.includes(w)) : [];
    return [(content.length ? content : found).slice(0, this.match.max_words), particles];
  }

  variants(word, particles) {
    const found = [[word, 1.0]];
    for (const prefix of this.prefixes) {
      if (word.startsWith(prefix) && [...word].length - [...prefix].length >= 2) {
        found.push([word.slice(prefix.length), this.match.affix]);
      }
    }
    for (const particle of particles) found.push([particle + word, this.match.affix]);
    return found;
  }

  /* [letters the candidates share with `word`, term files that hold them] */
  span(word) {
    const length = [...word].length;
    let letters = Math.min(2, length);
    for (;;) {
      const low = head(word, letters);
      const high = low + "\uffff";
      const chunks = [];
      for (let i = 0; i < this.firsts.length; i++) {
        if (this.firsts[i] < high && (i + 1 === this.firsts.length || this.firsts[i + 1] > low)) chunks.push(i);
      }
      if (chunks.length <= this.match.candidate_chunks || letters >= length) return [letters, chunks];
      letters += 1;
    }
  }

  chunk(number) {
    if (!this.chunks.has(number)) this.chunks.set(number, this.read(this.meta.chunks[number][1]));
    return this.chunks.get(number);
  }

  /* [address, title, one line, office] of document `doc` */
  async shown(doc) {
    const per = this.meta.docs_per_file;
    const number = Math.floor(doc / per);
    if (!this.docs.has(number)) this.docs.set(number, this.read(this.meta.doc_files[number]));
    return (await this.docs.get(number))[doc % per];
  }

  /* [how well the vocabulary's `form` matches the query's `word` (0: not at all), whether that takes a typo] */
  quality(word, form) {
    if (form === word) return [1.0, false];
    const match = this.match;
    const w = [...word];
    const f = [...form];
    if (w.length >= 2 && form.startsWith(word)) return [match.prefix[0] + match.prefix[1] * w.length / f.length, false];
    const [start, perLetter, most] = match.inflection;
    if (f.length >= 4 && word.startsWith(form) && w.length - f.length <= most) return [start - perLetter * (w.length - f.length), false];
    if (w.length >= 4) {
      const allowed = w.length < match.long_word ? 1 : 2;
      if (Math.abs(w.length - f.length) <= allowed && distance(w, f, allowed) <= allowed) return [match.typo[allowed - 1], true];
      if (f.length > w.length && distance(w, f.slice(0, w.length), 1) <= 1) return [match.typo_prefix, true];
    }
    return [0.0, false];
  }

  /* Map document → the best score of any form matching `word` */
  async wordScores(word, particles) {
    const lookups = this.variants(word, particles).map(([form, factor]) => {
      const [letters, chunks] = this.span(form);
      return { form, factor, low: head(form, letters), chunks };
    });
    const needed = [...new Set(lookups.flatMap((l) => l.chunks))];
    const loaded = new Map();
    await Promise.all(needed.map(async (n) => loaded.set(n, await this.chunk(n))));
    let best = new Map(); /* "chunk postings" → quality */
    const typos = new Map(); /* the same for matches with a typo: only used when there are no others */
    for (const { form, factor, low, chunks } of lookups) {
      const single = [...form].length <= 1;
      for (const number of chunks) {
        const chunk = loaded.get(number);
        const forms = chunk.w;
        for (let i = left(forms, low); i < forms.length && forms[i].startsWith(low); i++) {
          if (single && forms[i] !== form) continue;
          const [quality, typo] = this.quality(form, forms[i]);
          const found = typo ? typos : best;
          const q = quality * factor;
          const key = number + " " + chunk.s[i];
          if (q > (found.get(key) || 0)) found.set(key, q);
        }
      }
    }
    if (!best.size) best = typos;
    const scores = new Map();
    for (const [key, q] of best) {
      const [number, index] = key.split(" ").map(Number);
      const flat = loaded.get(number).p[index];
      let doc = 0;
      for (let j = 0; j < flat.length; j += 2) {
        doc += flat[j];
        const value = q * flat[j + 1];
        if (value > (scores.get(doc) || 0)) scores.set(doc, value);
      }
    }
    return scores;
  }

  /* Document numbers, best first: the pages that have the most of the query's words (all, when
     any page has all of them), by their summed scores. A page has a word when its score for it
     is at least `counts` × the best page's score for it. */
  async search(query) {
    const [found, particles] = this.words(query);
    if (!found.length) return [];
    const perWord = await Promise.all(found.map((word) => this.wordScores(word, particles)));
    const coverage = new Map();
    const total = new Map();
    for (const scores of perWord) {
      if (!scores.size) continue;
      const least = Math.max(...scores.values()) * this.match.counts;
      for (const [doc, value] of scores) {
        total.set(doc, (total.get(doc) || 0) + value);
        if (value >= least) coverage.set(doc, (coverage.get(doc) || 0) + 1);
      }
    }
    if (!coverage.size) return [];
    const most = Math.max(...coverage.values());
    const hits = [...coverage].filter(([, n]) => n === most).map(([doc]) => doc);
    hits.sort((a, b) => total.get(b) - total.get(a) || a - b);
    return hits;
  }
}

/* Open the index whose meta.json is at `url` (fetched relative to it). */
export async function open(url, fetcher) {
  const get = fetcher || (async (address) => {
    const response = await fetch(address);
    if (!response.ok) throw new Error(address + ": " + response.status);
    return response.json();
  });
  const base = new URL(".", new URL(url, typeof location === "undefined" ? undefined : location.href));
  const meta = await get(new URL("meta.json", base).href);
  return new SearchIndex(meta, (name) => get(new URL(name, base).href));
}

/* The first `letters` letters (code points) of `word`. */
function head(word, letters) {
  return [...word].slice(0, letters).join("");
}

/* Optimal string alignment distance of two arrays of letters, or limit + 1 once it must exceed limit. */
export function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2 = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2] + 1);
      }
      current[j] = value;
      low = Math.min(low, value);
    }
    if (low > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length];
}

function left(items, value) {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function escapeClass(c) {
  return c.replace(/[\\\]\[^-]/g, "\\$&");
}
