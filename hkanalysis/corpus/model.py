"""The Corpus: its tables, how an article is named, the order rows keep, and choosing some articles.

``Corpus`` holds the tables ``load_corpus`` gives (in pandas, or as Dask DataFrames); ``select``
narrows it to a date range and outlets. ``article_id``, ``in_article_order`` and ``as_pandas``
are the rules every way of loading follows, so that a fresh load, a cached one and one on Dask
give the same tables.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from ..tables import COLUMN_USE_COLUMNS
from .stories import article_rows
from .summary import LoadSummary, load_summary

TABLES = ("articles", "sentences", "skipped", "mentions")  # what a Corpus holds


@dataclass
class Corpus:
    """The corpus tables and where they came from.

    - ``articles``: one row per article (columns ``ARTICLE_COLUMNS``).
    - ``sentences``: one row per sentence, with character spans into the article's ``text``; in the
      order of ``articles`` (by ``source_path`` and ``part``), then ``sentence_id``.
    - ``skipped``: one row per input, or per row of an export, that could not be used, and why.
    - ``mentions``: the theme and actor mentions (``tables.MENTION_COLUMNS``), tagged as the
      corpus was loaded with the lexicons ``tagged_with`` names; ``tag(corpus)`` gives them.
    - ``columns``: what became of each column of each CSV/JSON export (``tables.COLUMN_USE_COLUMNS``):
      the field it filled, or that it was left out (pandas, with either engine).
    - ``fingerprint``: changes whenever the inputs, the manifest, the lexicons or the code change.
    - ``engine``: "pandas", or "dask" when ``articles``, ``sentences`` and ``mentions`` are
      Dask DataFrames with aligned partitions (see ``hkanalysis.engine``); ``skipped`` is pandas.
    """

    articles: Any
    sentences: Any
    skipped: pd.DataFrame
    root: Path
    fingerprint: str
    manifest_unmatched: list[str] = field(default_factory=list)
    mentions: Any = None
    tagged_with: str = ""
    engine: str = "pandas"
    columns: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(COLUMN_USE_COLUMNS)))

    def select(
        self,
        *,
        start: str | pd.Timestamp | None = None,
        end: str | pd.Timestamp | None = None,
        outlets: list[str] | None = None,
    ) -> Corpus:
        """The articles published from ``start`` to ``end`` (both days included, UTC), and/or by ``outlets``.

        Empty values ("" or None) do not filter. With a date range, articles whose date is unknown
        cannot be placed and are left out; ``articles.attrs["undated_left_out"]`` counts them.
        """
        if self.engine == "dask":
            return self._select_dask(start, end, outlets)
        articles = self.articles
        keep = _selection_mask(articles, start, end, outlets)
        undated = int(articles["published"].isna().sum()) if (start or end) else 0
        if keep is None or keep.all():
            chosen = articles.copy(deep=False)
            chosen.attrs["undated_left_out"] = undated
            return dataclasses.replace(self, articles=chosen)
        chosen = articles[keep].reset_index(drop=True)
        chosen.attrs["undated_left_out"] = undated
        ids = chosen["article_id"]
        sentences = self.sentences[self.sentences["article_id"].isin(ids)].reset_index(drop=True)
        mentions = (
            self.mentions[self.mentions["article_id"].isin(ids)].reset_index(drop=True)
            if self.mentions is not None
            else None
        )
        return dataclasses.replace(self, articles=chosen, sentences=sentences, mentions=mentions)

    def _select_dask(self, start, end, outlets) -> Corpus:
        import dask.dataframe as dd

        keep = _selection_mask(self.articles, start, end, outlets)
        if keep is None:
            return self
        chosen = self.articles[keep]
        # partition i of sentences and mentions holds the articles of partition i (see engine)
        tables = {
            name: dd.map_partitions(
                _rows_of, getattr(self, name), chosen[["article_id"]], align_dataframes=False, enforce_metadata=False
            )
            for name in ("sentences", "mentions")
        }
        return dataclasses.replace(self, articles=chosen, **tables)

    def summary(self) -> LoadSummary:
        """What the load did: files, articles, shares dated/titled/..., languages, skipped by reason,
        export columns not used; ``print`` it, or ``.as_dict()`` for the figures."""
        return load_summary(self)

    def __repr__(self) -> str:
        if self.engine == "dask":
            return (
                f"Corpus({str(self.root)!r} on Dask: {self.articles.npartitions} partitions, "
                f"{len(self.skipped)} skipped)"
            )
        stories = self.articles["story_id"].nunique()
        return (
            f"Corpus({str(self.root)!r}: {len(self.articles)} articles in {stories} stories, "
            f"{len(self.sentences)} sentences, {len(self.skipped)} skipped)"
        )


def _selection_mask(articles, start, end, outlets):
    """The mask of ``Corpus.select`` over a pandas or Dask articles table; None when nothing filters."""
    keep = None
    if start or end:
        published = articles["published"]
        keep = ~published.isna()  # (Dask has no notna)
        if start:
            keep &= published >= pd.Timestamp(start, tz="UTC")
        if end:
            keep &= published < pd.Timestamp(end, tz="UTC") + pd.Timedelta(days=1)
    if outlets:
        in_outlets = articles["outlet"].isin(outlets)
        keep = in_outlets if keep is None else keep & in_outlets
    return keep


def _rows_of(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    return table[table["article_id"].isin(articles["article_id"])]


def article_id(source_path: str, part: int) -> str:
    """Stable id of an article: the same file path and position give the same id in every run."""
    return "a" + hashlib.blake2b(f"{source_path}#{part}".encode(), digest_size=6).hexdigest()


def in_article_order(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Rows of sentences or mentions in the order of their articles in ``articles``, each article's
    in the order they came (a file's sentences by ``sentence_id``, ``tag``'s mentions by ``start``)."""
    return table.iloc[np.argsort(article_rows(table, articles), kind="stable")].reset_index(drop=True)


def as_pandas(kind: str, table: pa.Table) -> pd.DataFrame:
    """One of the corpus tables (``kind``: its name) as pandas, with the same types whether fresh or from the cache."""
    if "authors" in table.column_names:  # Arrow gives arrays back; analysts expect lists
        authors = table.column("authors").to_pylist()
        frame = table.drop_columns("authors").to_pandas()
        frame.insert(
            table.column_names.index("authors"), "authors", pd.Series(authors, index=frame.index, dtype=object)
        )
    else:
        frame = table.to_pandas()
    if kind == "skipped":
        frame["part"] = frame["part"].astype("Int64")  # no row number when the whole file failed
    return frame
