"""The search sections of a generated page, as mkdocs-material's search plugin cuts them, but fast.

Material's search plugin feeds every page's HTML through the standard library's ``html.parser`` and
a state machine (``material/plugins/search/plugin.py``, class ``Parser``): a section per heading
with an ``id``, its text with ``<p>``/``<li>``/``<ul>``/``<ol>``/``<code>``/``<pre>``/``<sub>``/``<sup>``
kept. On our pages that costs about 3 ms a page (a third of a build). Our renderer writes
well-formed, escaped HTML, so one regular expression can cut it into tags and text; the state
machine below is Material's, rule for rule, with the quirks kept (elements compare by tag name,
an empty element is dropped only when it is the first of its tag in the section). Whatever it
was not written for (scripts with content, styles, comments, search exclusions, permalinks, a
stray ``<``) returns ``None``, and the caller lets Material's own parser do that page.
``tests/site/test_search_index.py`` checks that both give the same sections for every page.
"""

from __future__ import annotations

import re
from html import escape, unescape

_TOKEN = re.compile(  # possessive (*+, ++): nothing here needs to backtrack, and not trying is a third faster
    r"<([a-zA-Z][^\t\n\r\f />\x00]*+)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>"  # start tag: name, attributes
    r"|</([a-zA-Z][-.a-zA-Z0-9:_]*+)\s*+>"  # end tag
    r"|([^<]++)"  # text
)
_ATTR = re.compile(  # html.parser's attrfind_tolerant
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*"
)
_UNSUPPORTED = ("<!", "<?", "<style", "<object", "data-search-exclude", "linenodiv", "headerlink", "<hx")
"""What Material's parser treats specially and this one does not: those pages go to Material's parser."""
_SCRIPT_WITH_CONTENT = re.compile(r"<script\b[^>]*>(?!</script>)")
"""A script element that is not empty (``<script src=…></script>`` is read like any element)."""
_UPPER_TAG = re.compile(r"</?[a-z0-9]*[A-Z]")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class Section:
    """A heading (or the page's start, ``hx``) and the text up to the next one; the attributes
    Material's ``create_entry_for_section`` reads."""

    __slots__ = ("tag", "depth", "id", "title", "text")

    def __init__(self, tag: str, depth: int = 0):
        self.tag = tag
        self.depth: float = depth
        self.id: str | None = None
        self.title: list[str] = []
        self.text: list[str] = []

    def is_excluded(self) -> bool:
        return False  # pages with data-search-exclude go to Material's parser


def _attrs(source: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for match in _ATTR.finditer(source):
        name, rest, value = match.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        if value:
            value = unescape(value)
        found[name.lower()] = value
    return found


def sections(html: str) -> list[Section] | None:
    """The sections of ``html`` as Material's search parser finds them, or None for HTML this
    parser does not handle (the caller then uses Material's)."""
    low = html.lower()  # html.parser reads tag names in any case
    if ("<!" in low or "<?" in low or "<style" in low or "<object" in low or "data-search-exclude" in low
            or "linenodiv" in low or "headerlink" in low or "<hx" in low):  # _UNSUPPORTED, without a generator
        return None
    if "<script" in low and _SCRIPT_WITH_CONTENT.search(low):
        return None
    tokens = _TOKEN.findall(html)
    if [token[3] for token in tokens].count("") != html.count("<"):
        return None  # a "<" that starts no tag (or one inside an attribute): html.parser reads it differently
    if _UPPER_TAG.search(html):
        tokens = [(tag.lower(), attrs, closing.lower(), text) for tag, attrs, closing, text in tokens]
    try:
        return _cut(tokens)
    except Exception:  # HTML on which Material's parser itself would stumble: let it
        return None


def _cut(tokens: list[tuple[str, str, str, str]]) -> list[Section]:
    """Material's ``Parser`` (handle_starttag, handle_endtag, handle_data) on our tokens, in one loop:
    a page has ~400 tokens and method calls would be most of the cost."""
    context: list[str] = []
    open_ = dict.fromkeys(HEADINGS | {"hx", "pre"}, 0)  # how many are in context (Material compares by tag)
    data: list[Section] = []
    section: Section | None = None
    for tag, attrs, ends, text in tokens:
        if text:  # handle_data
            if "&" in text:
                text = unescape(text)
            space = text.isspace()
            if not open_["pre"]:
                if space:
                    text = " "
                elif "\n" in text:
                    text = text.replace("\n", " ")
            if section is None:
                section = Section("hx")
                data.append(section)
            if not space and ("&" in text or "<" in text or ">" in text):
                text = escape(text, quote=False)
            if open_[section.tag]:
                section.title.append(text)
            elif space:
                kept = section.text
                if not kept or not kept[-1].isspace() or open_["pre"]:
                    kept.append(text)
            else:
                section.text.append(text)
            continue
        if not ends:  # handle_starttag
            ends = tag if attrs[-1:] == "/" else ""  # <x/>: html.parser calls both handlers
            if tag not in VOID:
                context.append(tag)
                if tag in open_:
                    open_[tag] += 1
                if tag in HEADINGS and "id" in attrs.lower():  # most headings (cards in lists) have none
                    found = _attrs(attrs)
                    if "id" in found:
                        depth = len(context)
                        if tag != "h1" and not data:
                            data.append(Section("hx", depth))
                        had_sections = bool(data)
                        section = Section(tag, depth)
                        if had_sections:
                            section.id = found["id"]
                        data.append(section)
                if section is None:
                    section = Section("hx")
                    data.append(section)
                if tag in KEEP:
                    (section.title if open_[section.tag] else section.text).append(f"<{tag}>")
        if not ends or not context or context[-1] != ends:
            continue
        # handle_endtag
        depth = len(context)
        assert section is not None
        if section.depth > depth:
            for earlier in reversed(data):
                if earlier.depth <= depth:
                    section.depth = float("inf")
                    section = earlier
                    break
        context.pop()
        if ends in open_:
            open_[ends] -= 1
        if ends not in KEEP:
            continue
        kept = section.title if open_[section.tag] else section.text
        index = kept.index(f"<{ends}>")
        for i in range(index + 1, len(kept)):
            if not kept[i].isspace():
                index = len(kept)
                break
        if len(kept) > index:
            del kept[index:]
        else:
            kept.append(f"</{ends}>")
    return data
