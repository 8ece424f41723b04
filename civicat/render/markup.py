"""Editors' text to safe HTML: plain paragraphs without Markdown's cost, Markdown where it is used.

Editors' Markdown may not carry raw HTML or script links: ``<`` is escaped before conversion and
links other than http(s), mailto, tel and relative ones are dropped. Texts without Markdown syntax
(most of them) skip Python-Markdown entirely, which keeps generated pages fast to build.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]#|<>]|^\s*(?:[-+]|\d+[.)])\s", re.M)
_SAFE_HREF = re.compile(r"^(?:https?:|mailto:|tel:|#|/|\.{0,2}/|[a-z0-9-]+/)", re.I)


class _SafeLinks(Treeprocessor):
    """Drop ``href``/``src`` values with other schemes (``javascript:``, ``data:``)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None and not _SAFE_HREF.match(value.strip()):
                    del element.attrib[attr]


class _SafeLinksExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SafeLinks(md), "civicat_safe_links", 0)


class MarkdownRenderer:
    """One reusable Python-Markdown instance (creating one per text costs ~1 ms)."""

    def __init__(self, *, shift_headings: int = 1):
        self._md = markdown.Markdown(
            extensions=["sane_lists", "tables", "attr_list", "toc", _SafeLinksExtension()],
            extension_configs={"toc": {"baselevel": 1 + shift_headings, "permalink": False}},
        )

    def convert(self, text: str) -> Markup:
        self._md.reset()
        return Markup(self._md.convert(text.replace("<", "&lt;")))


def paragraphs(text: str) -> Markup:
    """Plain text as HTML paragraphs: blank lines separate paragraphs, single newlines are spaces."""
    if "\n" not in text:  # one paragraph (most texts): no splitting
        words = " ".join(text.split())
        return Markup(f"<p>{escape(words)}</p>") if words else Markup("")
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return Markup("".join(f"<p>{escape(' '.join(p.split()))}</p>" for p in parts))


def needs_markdown(text: str) -> bool:
    return bool(_MARKDOWN_SYNTAX.search(text))


def block_html(text: str, md: MarkdownRenderer) -> Markup:
    """HTML of a block of editor text: Markdown only when the text uses its syntax."""
    return md.convert(text) if needs_markdown(text) else paragraphs(text)


def split_title(text: str) -> tuple[str | None, str]:
    """The first ``# Title`` line of a Markdown page and the text without it."""
    match = re.match(r"^\s*(?:---\n.*?\n---\n)?\s*#\s+(.+?)\s*#*\s*$", text, re.S | re.M)
    if not match:
        return None, text
    return match.group(1).strip(), text[match.end():]
