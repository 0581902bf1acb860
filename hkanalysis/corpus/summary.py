"""Reports written to ``reports/``. For now: the corpus summary (what was loaded, what was not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..writing import write_csv, write_text
from .model import Corpus


def corpus_summary(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Tables that describe a corpus: ``by_outlet``, ``by_month``, ``by_date_precision``, ``skipped``.

    ``articles`` counts every article; ``stories`` counts the distinct stories among them, so the
    copies of one story (syndicated, paywalled) count once.
    Articles whose date is unknown are counted in a row of their own, never dropped.
    """
    articles = corpus.articles
    outlet = articles["outlet"].fillna("(unknown outlet)")
    by_outlet = (
        articles.assign(outlet=outlet, related=articles["role"] == "related")
        .groupby("outlet")
        .agg(articles=("article_id", "size"), stories=("story_id", "nunique"), related=("related", "sum"))
        .sort_values("articles", ascending=False)
        .reset_index()
    )
    month = articles["published"].dt.tz_localize(None).dt.to_period("M").astype(str)
    month = month.where(articles["published"].notna(), "(date unknown)")
    by_month = (
        articles.assign(month=month)
        .groupby("month")
        .agg(articles=("article_id", "size"), stories=("story_id", "nunique"))
        .reset_index()
    )
    by_precision = articles.groupby("date_precision").size().rename("articles").reset_index()
    return {
        "by_outlet": by_outlet,
        "by_month": by_month,
        "by_date_precision": by_precision,
        "skipped": corpus.skipped.reset_index(drop=True),
    }


def write_corpus_summary(corpus: Corpus, folder: Path) -> Path:
    """Write the summary as ``corpus_summary.md`` plus one CSV per table in ``folder``; returns the page."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = corpus_summary(corpus)
    lines = [
        "# Corpus summary",
        "",
        f"Corpus: `{corpus.root}` (fingerprint `{corpus.fingerprint}`)",
        "",
        f"{len(corpus.articles)} articles in {corpus.articles['story_id'].nunique()} stories, "
        f"{len(corpus.sentences)} sentences; {len(corpus.skipped)} inputs skipped.",
        "",
    ]
    titles = {
        "by_outlet": "Articles per outlet",
        "by_month": "Articles per month of publication",
        "by_date_precision": "How precisely the dates are known",
        "skipped": "Skipped inputs",
    }
    for name, table in tables.items():
        write_csv(table, folder / f"{name}.csv", index=False)
        body = table.to_markdown(index=False) if len(table) else "_None._"
        lines += [f"## {titles[name]}", "", body, ""]
    page = folder / "corpus_summary.md"
    write_text(page, "\n".join(lines))
    return page
