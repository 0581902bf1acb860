"""What a load did, and the corpus summary written to ``reports/``.

``load_summary`` (``corpus.summary()``) says what the loader did with the inputs: files, articles
and stories, how many are dated, titled, credited, addressed and cut short, their languages and
date range, what was skipped and why, which export columns were left out and how numeric dates
were read; printed as a text block, or as data (``as_dict``). ``warn_about_load`` warns when much
was left unread. ``corpus_summary`` gives the tables behind ``reports/corpus/``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd

from ..errors import UndatedArticlesWarning, UnknownColumnsWarning
from ..ingest.readers import ROW_PREFIX
from ..writing import write_csv, write_text

#: Below this share of dated articles, a load warns and names a column that looks like dates.
MOSTLY_UNDATED = 0.5
SKIPPED_LISTED = 50  # more skipped rows than this are shown grouped by reason on the page (the CSV has all)


class Corpus(Protocol):
    """What the summary reads of a ``model.Corpus`` (not imported: ``Corpus.summary()`` calls this module)."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    skipped: pd.DataFrame
    columns: pd.DataFrame
    root: Path
    fingerprint: str


@dataclass
class LoadSummary:
    """What a load did; ``str()`` is a readable block, ``as_dict()`` the figures as data."""

    files: int  # inputs the loader read or tried to read
    files_failed: int  # files skipped whole, or not read at all, with the reason in ``skipped``
    articles: int
    stories: int
    shares: dict[str, float]  # share of articles dated, titled, with_authors, with_url, truncated, headline_only
    languages: dict[str, int]  # articles per language code ("(unknown)" when too short to tell)
    first: pd.Timestamp | None  # earliest and latest publication date
    last: pd.Timestamp | None
    skipped: pd.DataFrame  # reason, rows, files: the skipped rows grouped by reason (row numbers taken off)
    columns_ignored: pd.DataFrame  # source_path, column, note: export columns that filled no field
    date_orders: list[str] = field(default_factory=list)  # how numeric dates were read, per export column

    def as_dict(self) -> dict:
        """The summary as plain data: numbers, dicts and lists of rows (for notebooks and the renderer)."""
        return {
            "files": self.files,
            "files_failed": self.files_failed,
            "articles": self.articles,
            "stories": self.stories,
            **{f"share_{name}": value for name, value in self.shares.items()},
            "languages": dict(self.languages),
            "first": None if self.first is None else self.first.isoformat(),
            "last": None if self.last is None else self.last.isoformat(),
            "skipped": self.skipped.to_dict("records"),
            "columns_ignored": self.columns_ignored.to_dict("records"),
            "date_orders": list(self.date_orders),
        }

    def __str__(self) -> str:
        lines = [
            f"{self.files} files ({self.files_failed} skipped whole); "
            f"{self.articles} articles in {self.stories} stories",
            "  " + ", ".join(f"{name.replace('_', ' ')} {share:.1%}" for name, share in self.shares.items()),
            "  languages: " + (", ".join(f"{code} {n}" for code, n in self.languages.items()) or "none"),
            "  dates: "
            + (f"{self.first:%Y-%m-%d} to {self.last:%Y-%m-%d}" if self.first is not None else "none known"),
        ]
        if len(self.skipped):
            lines.append("skipped or kept with a note:")
            lines += [f"  {row.rows:>6} rows in {row.files} files: {row.reason}" for row in self.skipped.itertuples()]
        if len(self.columns_ignored):
            lines.append("export columns not used:")
            by_column = self.columns_ignored.groupby(["column", "note"], sort=False).size()
            lines += [f"  {column!r} ({files} files): {note}" for (column, note), files in by_column.items()]
        if self.date_orders:
            lines.append("numeric dates read:")
            lines += [f"  {order}" for order in self.date_orders]
        return "\n".join(lines)


def load_summary(corpus: Corpus) -> LoadSummary:
    """What the load of ``corpus`` did (see ``LoadSummary``)."""
    articles, skipped = corpus.articles, corpus.skipped
    columns = (
        corpus.columns
        if corpus.columns is not None
        else pd.DataFrame(columns=["source_path", "column", "field", "note"])
    )
    n = len(articles)
    share = (lambda mask: float(mask.sum()) / n) if n else (lambda mask: 0.0)
    whole_files = skipped[skipped["part"].isna()]  # (a row's problem has its row number as part)
    read = set(articles["source_path"]) | set(skipped["source_path"]) | set(columns["source_path"])
    # grouped by reason without the row's number: "line 12: invalid JSON" and "line 40: ..." are one reason
    reasons = skipped.assign(reason=skipped["reason"].str.replace(ROW_PREFIX, "", regex=True))
    by_reason = (
        reasons.groupby("reason", sort=False)
        .agg(rows=("source_path", "size"), files=("source_path", "nunique"))
        .sort_values("rows", ascending=False)
        .reset_index()
    )
    languages = articles["language"].fillna("(unknown)").value_counts() if "language" in articles else pd.Series()
    ignored = columns[columns["field"].isna()][["source_path", "column", "note"]].reset_index(drop=True)
    orders = columns[columns["note"].str.contains("numeric dates read", na=False)]
    dated = articles["published"].dropna()
    return LoadSummary(
        files=len(read),
        files_failed=int(whole_files["source_path"].nunique()),
        articles=n,
        stories=int(articles["story_id"].nunique()) if "story_id" in articles else n,
        shares={
            "dated": share(articles["published"].notna()),
            "titled": share(articles["title"].fillna("").str.strip() != ""),
            "with_authors": share(articles["authors"].map(lambda names: len(names) > 0)),
            "with_url": share(articles["url"].notna()),
            "truncated": share(articles["truncated"].fillna(False)) if "truncated" in articles else 0.0,
            # a headline list's rows: the title is all there is, and is read as the text (ingest.readers)
            "headline_only": share(articles["title"].notna() & (articles["text"] == articles["title"])),
        },
        languages={str(code): int(count) for code, count in languages.items()},
        first=dated.min() if len(dated) else None,
        last=dated.max() if len(dated) else None,
        skipped=by_reason,
        columns_ignored=ignored,
        date_orders=[
            f"{row.source_path}: {row.column!r}, {row.note.split('numeric dates read ', 1)[1]}"
            for row in orders.itertuples()
        ],
    )


def warn_about_load(corpus: Corpus) -> None:
    """Warn about what a load left unused: export columns no field knows (``UnknownColumnsWarning``),
    and a corpus mostly undated (``UndatedArticlesWarning``, naming a column that looks like dates)."""
    if corpus.columns is None or not len(corpus.columns):
        unknown = pd.DataFrame(columns=["source_path", "column", "note"])
    else:
        columns = corpus.columns
        unknown = columns[columns["field"].isna() & columns["note"].str.startswith("unknown column")]
    if len(unknown):
        names = unknown.groupby("column", sort=False)["source_path"].agg(["size", "first"])
        listed = ", ".join(
            f"{column!r} ({row['first']}{' and others' if row['size'] > 1 else ''})"
            for column, row in names.head(8).iterrows()
        )
        more = f" and {len(names) - 8} more" if len(names) > 8 else ""
        warnings.warn(
            f"{len(names)} export columns were not used, no field is known for them: {listed}{more}; "
            "map one with load_corpus(..., columns={'column': 'published'}) or a columns.yml beside the files "
            "(corpus.columns lists them all)",
            UnknownColumnsWarning,
            stacklevel=3,
        )
    articles = corpus.articles
    if not len(articles):
        return
    dated = float(articles["published"].notna().mean())
    if dated >= MOSTLY_UNDATED:
        return
    hint = ""
    if corpus.columns is not None and len(corpus.columns):
        unused = corpus.columns[corpus.columns["field"].isna()]
        datelike = unused[unused["note"].str.contains("look like dates")]
        if len(datelike):
            first = datelike.iloc[0]
            which = " (when the rows were collected)" if "collected" in first["note"] else ""
            hint = (
                f"; the column {first['column']!r} ({first['source_path']}) holds dates{which}: if they "
                f"will do as publication dates, load with columns={{{first['column']!r}: 'published'}}"
            )
    warnings.warn(
        f"{1 - dated:.0%} of the {len(articles)} articles have no publication date{hint}",
        UndatedArticlesWarning,
        stacklevel=3,
    )


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
    done = load_summary(corpus)
    lines = [
        "# Corpus summary",
        "",
        f"Corpus: `{corpus.root}` (fingerprint `{corpus.fingerprint}`)",
        "",
        f"{len(corpus.articles)} articles in {corpus.articles['story_id'].nunique()} stories, "
        f"{len(corpus.sentences)} sentences; {len(corpus.skipped)} inputs skipped.",
        "",
        "## What the load did",
        "",
        "```",
        str(done),
        "```",
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
        if name == "skipped" and len(table) > SKIPPED_LISTED:  # (thousands of rows for one reason: one line)
            table = done.skipped
        body = table.to_markdown(index=False) if len(table) else "_None._"
        lines += [f"## {titles[name]}", "", body, ""]
    if corpus.columns is not None and len(corpus.columns):  # (exports only)
        write_csv(corpus.columns, folder / "columns.csv", index=False)
    page = folder / "corpus_summary.md"
    write_text(page, "\n".join(lines))
    return page
