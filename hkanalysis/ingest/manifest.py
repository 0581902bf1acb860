"""The analyst's manifest: their own record of each input file, which wins over anything guessed.

``manifest.csv`` has one row per input file. Only ``file`` is required; every other column may be
left out or left empty, and an empty cell means "not known, let the loader guess":

=================  =========================================================================
``file``           path of the input, relative to the corpus folder (``000_page.txt``)
``outlet``         who published the page or export (``Business Standard``)
``syndicated_from``agency or outlet the story is credited to (``Bloomberg``)
``title``          headline
``authors``        names separated by ``;``
``url``            address of the article
``published``      publication date as the page gives it (``2025-09-13 09:04 +05:30``)
``collected``      when the file was saved or exported (``2025-11-02 14:00``): relative and
                   yearless dates in it (``2 hours ago``, ``Oct. 20``) are counted from it
``notes``          anything else; kept, never parsed
=================  =========================================================================

``outlet`` and ``syndicated_from`` describe a whole file, so they apply to every article in it
that is not a related article found inside a page; ``collected`` applies to every article in it.
``title``, ``authors``, ``url`` and ``published`` describe one article: they apply to the main
article of a page, and are an error on a CSV/JSON export, whose rows are many articles.
"""

from __future__ import annotations

import csv
import warnings
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import yaml

from ..errors import ManifestError, ParameterError
from .dates import parse_date, resolve_date
from .exports import check_columns

COLUMNS_FILE = "columns.yml"  # the analyst's column mapping, in the corpus folder
COLUMNS = ["file", "outlet", "syndicated_from", "title", "authors", "url", "published", "collected", "notes"]
FILE_LEVEL = ["outlet", "syndicated_from"]
ARTICLE_LEVEL = ["title", "authors", "url", "published"]
TABLE_SUFFIXES = (".csv", ".json", ".jsonl")


def read_manifest(path: Path) -> pd.DataFrame:
    """Read and check a manifest; one row per file, empty cells as None, ``published`` parsed.

    Raises ManifestError naming the row (as the line number a spreadsheet shows) and the problem.
    """
    path = Path(path)
    try:
        _check_row_lengths(path)
        with warnings.catch_warnings():  # (the extra fields it drops are empty: _check_row_lengths saw to it)
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            # index_col=False: rows ending in a comma (as spreadsheets save them) keep their columns
            table = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True, index_col=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ManifestError(f"{path}: cannot read the manifest: {error}") from error
    table.columns = [str(column).strip().lower() for column in table.columns]
    # a trailing comma on the header too makes an empty column with no name: not a column of the analyst's
    empty = [c for c in table.columns if c.startswith("unnamed:") and not table[c].str.strip().any()]
    table = table.drop(columns=empty)
    if "file" not in table.columns:
        raise ManifestError(f"{path}: the manifest needs a 'file' column naming each input file")
    unknown = [column for column in table.columns if column not in COLUMNS]
    if unknown:
        raise ManifestError(f"{path}: unknown column(s) {unknown}; the manifest's columns are {COLUMNS}")
    table = table.reindex(columns=COLUMNS)
    table = pd.DataFrame({c: [_clean_cell(v) for v in table[c]] for c in COLUMNS}, dtype=object)
    table.insert(0, "line", range(2, len(table) + 2))  # the header is line 1

    for row in table.itertuples(index=False):
        if row.file is None:
            raise ManifestError(f"{path}, line {row.line}: the 'file' cell is empty")
    duplicated = table[table["file"].duplicated(keep=False)]
    if not duplicated.empty:
        first = duplicated.iloc[0]
        lines = duplicated.loc[duplicated["file"] == first["file"], "line"].tolist()
        raise ManifestError(f"{path}, lines {lines}: the file {first['file']!r} is listed more than once")

    parsed = [_parse_published(path, row.line, row.published) for row in table.itertuples(index=False)]
    table["published_text"] = table["published"]
    table["published"] = pd.to_datetime([stamp for stamp, _ in parsed], utc=True)
    table["date_precision"] = [precision for _, precision in parsed]
    collected = [_parse_published(path, row.line, row.collected, "collected") for row in table.itertuples(index=False)]
    table["collected"] = pd.to_datetime([stamp for stamp, _ in collected], utc=True)
    table["authors"] = [_split_authors(value) for value in table["authors"]]
    table["file"] = table["file"].map(lambda value: Path(value).as_posix())
    return table.reset_index(drop=True)


def column_mapping(folder: Path, columns: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """The column mapping of ``COLUMNS_FILE`` in ``folder`` (when there is one) with ``columns``
    added over it, checked (``exports.check_columns``); ParameterError names a bad file or entry."""
    mapping: dict[str, str | None] = {}
    path = Path(folder) / COLUMNS_FILE
    if path.is_file():
        try:
            written = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise ParameterError(f"{path}: cannot read the column mapping ({error})") from error
        mapping = check_columns(written or {}, where=str(path))
    return {**mapping, **check_columns(columns, where="columns=")}


def _check_row_lengths(path: Path) -> None:
    """A ManifestError naming the line of a row with more non-empty cells than the header has columns."""
    with path.open(newline="", encoding="utf-8-sig") as stream:
        rows = csv.reader(stream)
        header = next(rows, [])
        for line, row in enumerate(rows, start=2):
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
                raise ManifestError(f"{path}, line {line}: {len(row)} cells where the header has {len(header)} columns")


def apply_manifest(articles: pd.DataFrame, manifest: pd.DataFrame) -> pd.DataFrame:
    """Articles with the manifest's non-empty cells written over the guessed values (a new frame).

    Raises ManifestError when an article-level field is given for a table export.
    """
    articles = articles.copy()
    for row in manifest.itertuples(index=False):
        in_file = articles["source_path"] == row.file
        main = in_file & (articles["role"] == "main")
        for column in FILE_LEVEL:
            value = getattr(row, column)
            if value is not None:
                articles.loc[main, column] = value
        if "collected" in manifest.columns and pd.notna(row.collected):
            _place_relative_dates(articles, in_file, row.collected)
        given = [column for column in ARTICLE_LEVEL if _given(getattr(row, column))]
        if not given:
            continue
        if row.file.lower().removesuffix(".gz").endswith(TABLE_SUFFIXES):
            raise ManifestError(
                f"manifest line {row.line}: {given} describe one article, but {row.file} is a table "
                "of many articles; put those values in the table itself"
            )
        first = articles.index[main & (articles["part"] == articles.loc[main, "part"].min())]
        for column in given:
            value = getattr(row, column)
            if column == "authors":
                articles.loc[first, "authors"] = pd.Series([list(value)] * len(first), index=first, dtype=object)
            else:
                articles.loc[first, column] = value
        if "published" in given:
            articles.loc[first, "date_precision"] = row.date_precision
            articles.loc[first, "date_text"] = row.published_text
    return articles


def _place_relative_dates(articles: pd.DataFrame, rows: pd.Series, collected: pd.Timestamp) -> None:
    """Give the ``rows`` whose date is relative or has no year a date counted from ``collected`` (in place)."""
    vague = rows & articles["date_precision"].isin(["relative", "no_year"]) & articles["date_text"].notna()
    for index in articles.index[vague]:
        stamp, _ = resolve_date(articles.at[index, "date_text"], collected)
        if pd.notna(stamp):
            articles.at[index, "published"] = stamp


def unmatched_files(manifest: pd.DataFrame, source_paths: pd.Series) -> list[str]:
    """Files the manifest names that are not among the inputs (likely a typo or a moved file)."""
    return sorted(set(manifest["file"]) - set(source_paths))


def _parse_published(path: Path, line: int, value: str | None, column: str = "published") -> tuple[pd.Timestamp, str]:
    if value is None:
        return pd.NaT, "unknown"
    stamp, precision = parse_date(value)
    if pd.isna(stamp):
        raise ManifestError(
            f"{path}, line {line}: the {column} date {value!r} is not a date with a year "
            "(write it as 2025-09-13, or 2025-09-13 09:04 +05:30 with a time)"
        )
    return stamp, precision


def _clean_cell(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _split_authors(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [name.strip() for name in value.split(";") if name.strip()]


def _given(value: object) -> bool:
    if isinstance(value, list):
        return True
    return value is not None and not pd.isna(value)
