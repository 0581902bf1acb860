"""The explorer's texts as HTML: the keyword-in-context table, one article, the actor pairs.

Every text from the corpus is escaped: articles may carry markup, and the panel shows HTML.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..plots.style import shorten
from .index import UNKNOWN_OUTLET

MAX_KWIC_ROWS = 200  # more rows make the page sluggish and no one reads them on screen


def kwic_html(
    table: pd.DataFrame,
    *,
    what: str,
    max_rows: int = MAX_KWIC_ROWS,
    hits: int | None = None,
    articles: int | None = None,
    copies: int = 0,
) -> str:
    """A keyword-in-context table as HTML: one row per hit (date, outlet, title, left, match, right).

    ``hits`` and ``articles`` are the size of the whole table when ``table`` holds only its first rows;
    ``copies``: the hits in copies of a story left out (one copy per story, as the charts count).
    """
    n = len(table) if hits is None else hits
    articles = table["article_id"].nunique() if articles is None else articles
    head = f"{n} hit{'' if n == 1 else 's'} of {what} in {articles} article{'' if articles == 1 else 's'}"
    if copies:
        head += f" (one copy per story, as the charts count: {copies} more in copies)"
    if n > max_rows:
        head += f", showing {max_rows} of {n}"
    rows = []
    for row in table.head(max_rows).itertuples(index=False):
        cells = [
            _date(row.published),
            row.outlet if isinstance(row.outlet, str) else UNKNOWN_OUTLET,
            shorten(row.title if isinstance(row.title, str) else "(untitled)", 60),
        ]
        # The match reads as one line, with its context running out to either side.
        rows.append(
            f'<tr><td style="white-space:nowrap">{html.escape(cells[0])}</td>'
            + "".join(f"<td>{html.escape(c)}</td>" for c in cells[1:])
            + f'<td style="text-align:right">{html.escape(row.left)}</td>'
            + f'<td style="white-space:nowrap"><b>{html.escape(row.match)}</b></td>'
            + f"<td>{html.escape(row.right)}</td></tr>"
        )
    header = "".join(f"<th>{name}</th>" for name in ("date", "outlet", "title", "left", "match", "right"))
    return f"<p>{html.escape(head)}</p>" + (
        f'<table class="hk-kwic-table"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        if rows
        else ""
    )


def article_html(article: pd.Series) -> str:
    """One article as HTML: title, outlet, date, authors, then its paragraphs."""
    authors = list(article["authors"]) if isinstance(article["authors"], (list, tuple, np.ndarray)) else []
    date_text = article["date_text"] if isinstance(article["date_text"], str) else "no date given"
    meta = [
        article["outlet"] if isinstance(article["outlet"], str) else UNKNOWN_OUTLET,
        _date(article["published"]) if pd.notna(article["published"]) else f"undated ({date_text})",
    ]
    if len(authors):
        meta.append("By " + ", ".join(authors))
    parts = [
        f"<h3>{html.escape(article['title'] if isinstance(article['title'], str) else '(untitled)')}</h3>",
        f"<p><i>{html.escape(' · '.join(meta))}</i></p>",
    ]
    if article["is_duplicate"]:
        parts.append(
            "<p><i>A copy of a story told more fully elsewhere in the corpus: with one copy per story the charts "
            "count the fuller copy, or this one when the filters leave the fuller one out.</i></p>"
        )
    url = article["url"] if isinstance(article["url"], str) else ""
    if url.startswith(("http://", "https://")):
        parts.append(f'<p><a href="{html.escape(url)}" target="_blank" rel="noopener">{html.escape(url)}</a></p>')
    text = article["text"] if isinstance(article["text"], str) else ""
    parts += [f"<p>{html.escape(paragraph)}</p>" for paragraph in text.split("\n\n") if paragraph.strip()]
    return "\n".join(parts)


def pairs_html(pairs: pd.DataFrame, *, actor: str = "") -> str:
    """The pairs table as HTML, for when there are too few ties to draw."""
    if pairs.empty:
        who = f"{actor} and another actor" if actor else "two actors"
        return f"<p><i>No sentence of the selection names {html.escape(who)} together.</i></p>"
    header = "".join(f"<th>{name}</th>" for name in ("actor", "actor", "sentences together", "NPMI"))
    rows = "".join(
        f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td><td>{together}</td><td>{npmi:.2f}</td></tr>"
        for a, b, together, npmi in pairs[["actor_a", "actor_b", "together", "npmi"]].itertuples(index=False)
    )
    caption = pairs.attrs.get("caption", "")
    return (
        f"<p><b>Actors named together</b> (too few ties to draw). {html.escape(caption)}</p>"
        f"<table><tr>{header}</tr>{rows}</table>"
    )


def _date(value) -> str:
    return value.strftime("%Y-%m-%d") if pd.notna(value) else "undated"
