"""Markdown files (``.md``: reports and pages saved as Markdown) as plain page text.

``markdown_text`` parses the Markdown with mistune and keeps what a reader sees: headings and
paragraphs as lines of their own, link and emphasis text without their markup, a table's cells
without its pipes (one row a line), list items one a line. Images and raw HTML tags are left out.
``readers`` then reads the text as it reads a copied page (``pages.split_page``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import mistune

# Block tokens whose children are inline text: each becomes one paragraph of its own.
_TEXT_BLOCKS = ("paragraph", "heading", "block_text", "table_row", "table_head")
_TAG = re.compile(r"<[^<>]*>")


def markdown_text(markdown: str) -> tuple[str, str | None]:
    """The text of a Markdown document, its blocks as paragraphs separated by blank lines, with no
    markup (``"# Title"`` -> ``"Title"``, ``"[HKMA](https://...)"`` -> ``"HKMA"``, ``"| a | b |"`` ->
    ``"a b"``); and its title: the text of a heading it opens with (None when it opens otherwise)."""
    blocks: list[str] = []
    tokens = [token for token in _parser()(markdown) if token["type"] != "blank_line"]
    for token in tokens:
        _add_blocks(token, blocks)
    title = " ".join(_inline(tokens[0]).split()) if tokens and tokens[0]["type"] == "heading" else None
    return "\n\n".join(block for block in blocks if block), title or None


def _add_blocks(token: dict, blocks: list[str]) -> None:
    """Append the paragraphs of one block token (and of the blocks inside it) to ``blocks``."""
    kind = token["type"]
    if kind in _TEXT_BLOCKS:
        blocks.append(" ".join(_inline(token).split()))
    elif kind == "block_code":
        blocks.append(token.get("raw", "").strip())
    elif kind == "list":  # one paragraph: its items (often clauses ending in ";") read as one passage
        items: list[str] = []
        for item in token.get("children", ()):
            _add_blocks(item, items)
        blocks.append(" ".join(item for item in items if item))
    elif kind == "block_html":  # (the text between the tags is what a browser would show)
        blocks.append(" ".join(_TAG.sub(" ", token.get("raw", "")).split()))
    else:  # lists, quotes, tables and their bodies hold blocks; blank lines and rules hold nothing
        for child in token.get("children", ()):
            _add_blocks(child, blocks)


def _inline(token: dict) -> str:
    """The text of an inline token and its children: link and emphasis text kept, images left out."""
    kind = token["type"]
    if kind in ("text", "codespan"):
        return token.get("raw", "")
    if kind in ("softbreak", "linebreak"):
        return " "
    if kind in ("image", "inline_html"):
        return ""
    separator = " " if kind in ("table_row", "table_head") else ""  # (a table's cells, side by side)
    return separator.join(_inline(child) for child in token.get("children", ()))


@lru_cache(maxsize=1)
def _parser() -> mistune.Markdown:
    """mistune's parser to a token tree (no renderer), with GitHub's tables and strikethrough."""
    return mistune.create_markdown(renderer=None, plugins=["table", "strikethrough"])


__all__ = ["markdown_text"]
