"""How well saved HTML pages become articles: ``hkanalysis.ingest.read_file`` scored against the html-gold corpus.

Usage: ``.venv/bin/python bench/extraction.py [--corpus PATH]`` (default ``../shared/corpora/html-gold``
next to the repository). Prints, per publisher and overall (mean over pages): the share of pages with
the exact title, author-set F1, the share of dates within one day of the gold, body token precision,
recall and F1, and pages per second.

Scoring rules, so figures stay comparable between runs:

- title: exact match after folding curly quotes to straight ones, collapsing whitespace and casefolding;
- authors: F1 of the sets of casefolded names (1.0 when both are empty);
- date: the UTC calendar dates differ by at most one day (a page without a date counts as a miss);
- body: F1 of the multisets of lowercased word tokens (``\\w+``) of the extracted and the gold body.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

from hkanalysis.errors import ReadError
from hkanalysis.ingest.evaluation import author_f1, date_ok, normalise_title, token_scores
from hkanalysis.ingest.readers import read_file_with_issues

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpora" / "html-gold"


def score(corpus: Path) -> tuple[pd.DataFrame, float]:
    """One row per page of the corpus with its scores, and the pages per second of ``read_file``."""
    lines = (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold_rows = [json.loads(line) for line in lines if line.strip()]
    rows, elapsed = [], 0.0
    for gold in gold_rows:
        start = time.perf_counter()
        try:
            records, _ = read_file_with_issues(corpus / gold["file"], root=corpus)
        except ReadError as error:
            print(f"  {error}", file=sys.stderr)
            records = []
        elapsed += time.perf_counter() - start
        main = next((r for r in records if r["role"] == "main"), None) or {
            "title": None,
            "authors": [],
            "published": pd.NaT,
            "text": "",
        }
        precision, recall, f1 = token_scores(main["text"], gold["body"])
        rows.append(
            {
                "publisher": gold["publisher"],
                "file": gold["file"],
                "title": normalise_title(main["title"]) == normalise_title(gold["title"]),
                "authors": author_f1(main["authors"], gold["authors"]),
                "date": date_ok(main["published"], gold["published"]),
                "body_p": precision,
                "body_r": recall,
                "body_f1": f1,
            }
        )
    return pd.DataFrame(rows), len(gold_rows) / elapsed if elapsed else float("nan")


def summary(pages: pd.DataFrame) -> pd.DataFrame:
    """Mean scores per publisher and overall (``ALL``), with the number of pages."""
    columns = ["title", "authors", "date", "body_p", "body_r", "body_f1"]
    table = pages.groupby("publisher")[columns].mean()
    table.insert(0, "pages", pages.groupby("publisher").size())
    overall = pages[columns].mean().to_frame("ALL").T
    overall.insert(0, "pages", len(pages))
    return pd.concat([table, overall])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with gold.jsonl")
    parser.add_argument("--pages", action="store_true", help="also print the scores of every page")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    if not (corpus / "gold.jsonl").is_file():
        print(f"no benchmark corpus at {corpus} (no gold.jsonl there); pass --corpus PATH", file=sys.stderr)
        return 1
    pages, speed = score(corpus)
    display = {"display.max_rows": None, "display.width": 120, "display.float_format": "{:.3f}".format}
    with pd.option_context(*[item for pair in display.items() for item in pair]):
        if args.pages:
            print(pages.drop(columns="publisher").to_string(index=False), end="\n\n")
        print(summary(pages).to_string())
    print(f"\n{len(pages)} pages, {speed:.1f} pages/second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
