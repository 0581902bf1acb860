"""Load each folder of real exports and count what became of every record in it.

Run from the repository root::

    .venv/bin/python bench/ingest.py [FOLDER ...]

By default every folder of ``../shared/corpora/exports/`` and ``../shared/corpora/chinese/``. For
each folder it prints the records in the source, counted here without the loader (``csv`` and
``json`` from the standard library: one per CSV row, per object in a JSON document's list of
records, per JSON Lines line, one per page file), and how many of them are accounted for: an
article, a row skipped with its reason, or in a file skipped whole with its reason (the target:
all). Then what the loader made of them: articles, rows skipped, files not read, the share dated,
titled and entity-free (no ``&amp;`` or ``&#...;`` left in title or text), languages, and the
skipped reasons. ``carries a date``
counts the records whose source gives a publication date somewhere (a cell of a column named like
a date, not a crawl or update time, or a date in the address), and ``dated of those`` the share
of them the loader dated: the target is 99% or more. Load seconds are on a cold cache, all cores.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hkanalysis import load_corpus, paths  # noqa: E402

DEFAULT_FOLDERS = sorted(
    [*(paths.CORPORA / "exports").glob("*/"), *(paths.CORPORA / "chinese").glob("*/")], key=lambda p: p.as_posix()
)
PAGE_SUFFIXES = (".txt", ".html", ".htm")
_DATE_COLUMN = re.compile(r"date|time|publish|日期|時間|时间", re.IGNORECASE)
_NOT_PUBLISHED = re.compile(r"crawl|modif|updat|scrap|fetch|captur|download|collect", re.IGNORECASE)
# a day in an address, as a path or name part of its own: /2025/10/24/, /2025-10-24/, _20251024., /2025/oct/24/
_URL_DATE = re.compile(
    r"(?<=[/_-])(?:19|20)\d{2}[/-]?(?:0[1-9]|1[0-2])[/-]?(?:0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    r"|/(?:19|20)\d{2}/[a-z]{3}/\d{1,2}/"
)
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp);|&#x?[0-9a-fA-F]+;")


def source_records(folder: Path) -> tuple[dict[str, int], set[tuple[str, int]]]:
    """Records in each file below ``folder`` (relative to it), and which of them carry a
    publication date (file, row number from 0), counted with the standard library only."""
    records, carrying = {}, set()
    for file in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        name = file.name.lower().removesuffix(".gz")
        data = gzip.decompress(file.read_bytes()) if file.name.lower().endswith(".gz") else file.read_bytes()
        source = file.relative_to(folder).as_posix()
        if name.endswith(PAGE_SUFFIXES):
            records[source] = 1
            continue
        if name.endswith(".csv"):
            rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig", errors="replace"))))
        elif name.endswith(".jsonl"):
            rows = [json.loads(line) for line in data.decode("utf-8-sig").splitlines() if line.strip()]
        elif name.endswith(".json"):
            rows = _listed(json.loads(data.decode("utf-8-sig")))
        else:
            continue
        records[source] = len(rows)
        carrying |= {(source, number) for number, row in enumerate(rows) if _carries_date(row)}
    return records, carrying


def _listed(parsed: object) -> list:
    """The records of a JSON document: itself when a list, else its longest list of objects (two levels down)."""
    if isinstance(parsed, list):
        return parsed
    lists = [value for value in parsed.values() if isinstance(value, list)]
    lists += [v for value in parsed.values() if isinstance(value, dict) for v in value.values() if isinstance(v, list)]
    return max(lists, key=len) if lists else [parsed]


def _carries_date(row: object) -> bool:
    if not isinstance(row, dict):
        return False
    for key, value in row.items():
        if not isinstance(value, str) or not value.strip():
            continue
        if _DATE_COLUMN.search(str(key)) and not _NOT_PUBLISHED.search(str(key)) and re.search(r"\d", value):
            return True
        is_address = "url" in str(key).lower() or "link" in str(key).lower() or "連結" in str(key)
        if is_address and _URL_DATE.search(value):
            return True
    return False


def measure(folder: Path) -> dict:
    """The figures of one folder (see the module docstring)."""
    records, carrying = source_records(folder)
    with tempfile.TemporaryDirectory() as cache, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import os

        os.environ["HKANALYSIS_CACHE"] = cache
        started = time.perf_counter()
        corpus = load_corpus(folder, manifest=False, cache=False)
        seconds = time.perf_counter() - started
    articles, skipped = corpus.articles, corpus.skipped
    # (a row's problem names its row or line; a file's does not)
    by_row = skipped["reason"].str.match(r"(?:row|line|record|article) \d+:")
    rows_skipped = skipped[by_row & ~skipped["reason"].str.contains("kept for its title")]
    files_skipped = skipped[~by_row]
    accounted = (
        len(articles) + len(rows_skipped) + sum(records.get(path, 0) for path in set(files_skipped["source_path"]))
    )
    text = articles["title"].fillna("") + " " + articles["text"]
    dated = articles.set_index(["source_path", "part"])["published"].notna()
    dated_of_those = sum(bool(dated.get(key, False)) for key in carrying) / len(carrying) if carrying else float("nan")
    summary = corpus.summary()
    return {
        "folder": folder.relative_to(paths.CORPORA.resolve()).as_posix()
        if folder.is_relative_to(paths.CORPORA.resolve())
        else str(folder),
        "records": sum(records.values()),
        "accounted": accounted,
        "articles": len(articles),
        "rows skipped": len(rows_skipped),
        "files not read": len(files_skipped),
        "dated": summary.shares["dated"],
        "carries a date": len(carrying),
        "dated of those": dated_of_those,
        "titled": summary.shares["titled"],
        "entity-free": float((~text.str.contains(_ENTITY)).mean()) if len(articles) else 1.0,
        "truncated": summary.shares["truncated"],
        "languages": ", ".join(f"{code} {n}" for code, n in list(summary.languages.items())[:6]),
        "seconds": seconds,
        "skipped": "; ".join(f"{row.rows} x {row.reason[:70]}" for row in summary.skipped.head(4).itertuples()),
    }


def main(folders: list[Path]) -> None:
    rows = [measure(folder) for folder in folders if folder.is_dir()]
    if not rows:
        print(f"no corpora at {paths.CORPORA}")
        return
    for row in rows:
        print(
            f"{row['folder']}\n  records {row['records']} (accounted for {row['accounted']}), articles "
            f"{row['articles']}, rows skipped {row['rows skipped']}, files not read {row['files not read']}; "
            f"dated {row['dated']:.1%}, "
            f"carries a date {row['carries a date']} (dated of those {row['dated of those']:.1%}), "
            f"titled {row['titled']:.1%}, entity-free {row['entity-free']:.1%}, truncated {row['truncated']:.1%}; "
            f"{row['seconds']:.1f} s\n  languages: {row['languages']}\n  skipped: {row['skipped'] or 'none'}"
        )


if __name__ == "__main__":
    main([Path(arg).resolve() for arg in sys.argv[1:]] or DEFAULT_FOLDERS)
