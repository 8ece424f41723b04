"""A built page of the site as the text to be read aloud: the server's counterpart of the
read-aloud script's ``readaloud-content.js``, so that the recording says what the device would.

It reads the page's ``<article>`` as the site ships it (standard library only): the title and the
content in document order; not navigation, buttons, form controls, images, hidden or visually
hidden text, closed ``<details>``, the read-aloud control and page tools (the control's
``data-readaloud-skip``), status lines. Tables are read row by row ("Montag: 08:00 bis 12:00"),
with the column header before each cell when there are more than two columns; a link whose text
is a web address is read as its host name; "08:00–12:00" is read with the control's own word for
"to" (``data-i18n-to``). Each block (paragraph, heading, list item, table row) becomes one line
ending in a full stop, so that the voice pauses where the eye would.

What the browser decides from styles (``display: none`` set by a stylesheet) cannot be seen here;
the site marks such things with ``hidden`` or a class listed below.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

SKIP_TAGS = frozenset({
    "nav", "button", "input", "select", "textarea", "form", "label", "script", "style", "noscript",
    "template", "svg", "img", "picture", "audio", "video", "iframe", "object", "canvas",
})
SKIP_ROLES = frozenset({"navigation", "search", "toolbar", "status"})
SKIP_CLASSES = frozenset({
    "civicat-readaloud", "headerlink", "md-content__button", "md-clipboard", "md-feedback",
    "tabbed-labels", "cc-visually-hidden", "md-visually-hidden",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i",
                    "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
                    "time", "u", "var"})
URL_TEXT = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)
TIME_RANGE = re.compile(r"(\d{1,2}[:.]\d{2})\s*[–—-]\s*(\d{1,2}[:.]\d{2})")
SPACE = re.compile(r"\s+")
FOR_THE_EYE = re.compile("[\u00ad\u2066-\u2069]")
"""Soft hyphens (line breaks in long words) and bidi isolates (the order of times in Arabic text):
an engine might say them."""
ENDS_SENTENCE = re.compile(r"[.!?؟…:;]$")
MAX_CHARS = 20000
"""A page is read up to here (about twenty minutes); a longer one is cut after a whole line."""


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


class _Table:
    def __init__(self):
        self.rows: list[list[tuple[str, str]]] = []  # (tag, text) per cell
        self.head_rows: set[int] = set()
        self.in_head = False


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.to = "–"
        self.extra_classes: set[str] = set()
        self.in_article = 0
        self.stack: list[str] = []
        self.skip_at: int | None = None  # stack depth where a skipped element started
        self.closed_details: list[int] = []  # depths of closed <details>
        self.summary_at: int | None = None
        self.blocks: list[str] = []
        self.buffer: list[str] = []
        self.links: list[int] = []  # buffer lengths where open links started
        self.tables: list[_Table] = []
        self.cell: list[str] | None = None
        self._cell_tag = "td"

    # --- what is skipped ---------------------------------------------------------------------

    def _skipped(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in SKIP_TAGS or "hidden" in attrs or "inert" in attrs or "data-readaloud-skip" in attrs:
            return True
        if attrs.get("aria-hidden") == "true" or attrs.get("role") in SKIP_ROLES:
            return True
        classes = set((attrs.get("class") or "").split())
        return bool(classes & (SKIP_CLASSES | self.extra_classes))

    def _control(self, attrs: dict[str, str | None]) -> None:
        """The read-aloud control says what else to skip and how to say "to"."""
        if attrs.get("data-module") == "civicat-readaloud":
            self.to = attrs.get("data-i18n-to") or self.to
            for selector in (attrs.get("data-readaloud-skip") or "").split(","):
                selector = selector.strip()
                if re.fullmatch(r"\.[\w-]+", selector):
                    self.extra_classes.add(selector[1:])

    # --- parser events -----------------------------------------------------------------------

    def handle_starttag(self, tag, attr_list):
        attrs = dict(attr_list)
        if tag == "article":
            self.in_article += 1
        self._control(attrs)
        if not self.in_article or tag in VOID:
            if tag == "br" and self.in_article and self.skip_at is None:
                self._separate()
            return
        self.stack.append(tag)
        depth = len(self.stack)
        if self.skip_at is not None:
            return
        if self._skipped(tag, attrs):
            self.skip_at = depth
            return
        if self.closed_details and self.summary_at is None:
            if tag == "summary":
                self.summary_at = depth
            else:
                self.skip_at = depth
                return
        if tag == "details" and "open" not in attrs:
            self.closed_details.append(depth)
        if tag == "a":
            self.links.append(len(self._target()))
        elif tag == "table":
            self._flush()
            self.tables.append(_Table())
        elif self.tables and tag == "thead":
            self.tables[-1].in_head = True
        elif self.tables and tag == "tr":
            self.tables[-1].rows.append([])
            if self.tables[-1].in_head:
                self.tables[-1].head_rows.add(len(self.tables[-1].rows) - 1)
        elif self.tables and tag in ("td", "th") and self.tables[-1].rows:
            self.cell = []
            self._cell_tag = tag
        elif tag not in INLINE:
            self._separate()

    def handle_endtag(self, tag):
        if not self.in_article or tag in VOID:
            return
        if tag not in self.stack:
            return  # a stray end tag
        while self.stack:
            depth = len(self.stack)
            open_tag = self.stack.pop()
            self._close(open_tag, depth)
            if open_tag == tag:
                break
        if tag == "article":
            self.in_article -= 1
            self._flush()

    def _close(self, tag: str, depth: int) -> None:
        if self.skip_at is not None:
            if depth == self.skip_at:
                self.skip_at = None
            return
        if self.summary_at == depth:
            self.summary_at = None
            self._separate()
            return
        if self.closed_details and self.closed_details[-1] == depth:
            self.closed_details.pop()
        if tag == "a" and self.links:
            start = self.links.pop()
            target = self._target()
            said = "".join(target[start:])
            if URL_TEXT.match(said):
                address = said.strip()
                host = urlsplit(address if "://" in address else f"https://{address}").hostname or address
                del target[start:]
                target.append(host)
        elif tag in ("td", "th") and self.cell is not None and self.tables:
            self.tables[-1].rows[-1].append((self._cell_tag, self._clean("".join(self.cell))))
            self.cell = None
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = False
        elif tag == "table" and self.tables:
            self._read_table(self.tables.pop())
        elif tag not in INLINE:
            self._separate()

    def handle_data(self, data):
        if self.in_article and self.skip_at is None:
            self._target().append(data)

    # --- blocks ------------------------------------------------------------------------------

    def _target(self) -> list[str]:
        return self.cell if self.cell is not None else self.buffer

    def _separate(self) -> None:
        """Between blocks: a new line; inside a table cell, a comma."""
        if self.cell is not None:
            if self.cell and _has_word(self.cell[-1]):
                self.cell.append(", ")
        else:
            self._flush()

    def _clean(self, text: str) -> str:
        text = SPACE.sub(" ", FOR_THE_EYE.sub("", text)).strip().strip(",").strip()
        return TIME_RANGE.sub(rf"\1 {self.to} \2", text)

    def _flush(self) -> None:
        self._add("".join(self.buffer))
        self.buffer = []

    def _add(self, text: str) -> None:
        text = self._clean(text)
        if _has_word(text):
            self.blocks.append(text if ENDS_SENTENCE.search(text) else f"{text}.")

    def _read_table(self, table: _Table) -> None:
        rows = [row for row in table.rows if row]
        header: list[str] = []
        if len(rows) > 1 and (0 in table.head_rows or all(tag == "th" for tag, _ in rows[0])):
            header = [text for _, text in rows.pop(0)]
        for row in rows:
            said: list[str] = []
            for index, (_, text) in enumerate(row):
                if not _has_word(text):
                    continue
                if said and len(row) > 2 and index < len(header) and header[index]:
                    text = f"{header[index]} {text}"
                said.append(text)
            if said:
                self._add(said[0] + (": " + ", ".join(said[1:]) if len(said) > 1 else ""))


def page_text(html: str) -> str:
    """The text of the page's ``<article>`` as it is read aloud, one block a line ("" if none)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader._flush()
    lines, size = [], 0
    for block in reader.blocks:
        if size + len(block) > MAX_CHARS and lines:
            break
        lines.append(block)
        size += len(block) + 1
    return "\n".join(lines)
