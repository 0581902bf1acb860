"""Benchmark the plain-text page route (``hkanalysis.pages.split_page``) against a gold corpus.

Run from the repository root::

    .venv/bin/python bench/page_text.py [--corpus PATH] [--worst N]

The corpus is a folder of browser-copied page texts with a ``gold.jsonl`` (fields ``file``,
``publisher``, ``title``, ``authors``, ``published``, ``body``); by default
``../shared/corpora/page-text`` next to the repository. For each page the ``role == 'main'`` record
is scored: exact title (after whitespace/quote normalisation, casefolded), author-set F1, date within
one day of the gold, and bag-of-words F1 of the body (lowercased word tokens, as multisets). The raw
page text's body F1 is printed alongside as the floor to beat, and the speed in pages per second.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hkanalysis.pages import split_page  # noqa: E402

DEFAULT_CORPUS = REPO / ".." / "shared" / "corpora" / "page-text"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})
_TOKEN = re.compile(r"\w+")


def normalise_title(title: str | None) -> str:
    """Title as compared: curly quotes straightened, whitespace collapsed, casefolded."""
    return " ".join((title or "").translate(_QUOTES).split()).casefold()


def token_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of lowercased word tokens, counted as multisets."""
    pred, ref = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(gold.lower()))
    overlap = sum((pred & ref).values())
    if not pred or not ref:
        return (float(pred == ref),) * 3
    precision, recall = overlap / sum(pred.values()), overlap / sum(ref.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def author_f1(predicted: list[str], gold: list[str]) -> float:
    """F1 of the two author sets, names compared casefolded with whitespace collapsed."""
    pred = {" ".join(n.split()).casefold() for n in predicted}
    ref = {" ".join(n.split()).casefold() for n in gold}
    if not pred and not ref:
        return 1.0
    overlap = len(pred & ref)
    return 2 * overlap / (len(pred) + len(ref))


def date_ok(predicted: pd.Timestamp, gold: str | None) -> float | None:
    """1.0 when the date is within one day of the gold, 0.0 otherwise, None when gold has none."""
    if not gold:
        return None
    if predicted is None or pd.isna(predicted):
        return 0.0
    reference = pd.Timestamp(gold)
    if reference.tzinfo is None:
        reference = reference.tz_localize("UTC")
    return float(abs(predicted - reference) <= pd.Timedelta(days=1))


def score_page(gold: dict, text: str) -> dict:
    """Scores of the main record of one page against its gold row."""
    records = split_page(text)
    main = next((r for r in records if r["role"] == "main"), None)
    body = main["text"] if main else ""
    precision, recall, f1 = token_prf(body, gold["body"])
    return {
        "file": gold["file"],
        "publisher": gold["publisher"],
        "title": float(main is not None and normalise_title(main["title"]) == normalise_title(gold["title"])),
        "authors": author_f1(main["authors"] if main else [], gold.get("authors") or []),
        "date": date_ok(main["published"] if main else None, gold.get("published")),
        "body_p": precision,
        "body_r": recall,
        "body_f1": f1,
        "raw_f1": token_prf(text, gold["body"])[2],
        "got_title": main["title"] if main else None,
        "gold_title": gold["title"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with gold.jsonl")
    parser.add_argument("--worst", type=int, default=0, help="also list the N pages with lowest body F1")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus for the timing")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    gold_path = corpus / "gold.jsonl"
    if not gold_path.is_file():
        print(f"No gold corpus at {corpus} (expected {gold_path.name} there); pass --corpus PATH.", file=sys.stderr)
        return 2
    golds = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = {g["file"]: (corpus / g["file"]).read_text(encoding="utf-8") for g in golds}

    rows = [score_page(g, texts[g["file"]]) for g in golds]
    table = pd.DataFrame(rows)
    metrics = ["title", "authors", "date", "body_p", "body_r", "body_f1", "raw_f1"]
    by_publisher = table.groupby("publisher")[metrics].mean().round(2)
    by_publisher.insert(0, "pages", table.groupby("publisher").size())
    overall = table[metrics].mean().round(3)

    started = time.perf_counter()
    for _ in range(args.repeat):
        for text in texts.values():
            split_page(text)
    elapsed = time.perf_counter() - started
    pages_per_s = args.repeat * len(texts) / elapsed
    megabytes = sum(len(t) for t in texts.values()) / 1e6

    with pd.option_context("display.max_rows", None, "display.width", 160):
        print(by_publisher.to_string())
        print()
        if args.worst:
            worst = table.sort_values("body_f1").head(args.worst)
            print(worst[["file", "body_p", "body_r", "body_f1", "title", "authors", "date"]].round(2).to_string(index=False))
            mismatched = table[table["title"] < 1][["file", "got_title", "gold_title"]]
            print(mismatched.to_string(index=False, max_colwidth=70))
            print()
    print(f"pages: {len(table)}  publishers: {table['publisher'].nunique()}  corpus: {corpus}")
    print(
        f"overall  title {overall['title']:.3f}  authors F1 {overall['authors']:.3f}  "
        f"date ±1 day {overall['date']:.3f} (of {table['date'].notna().sum()} with a gold date)"
    )
    print(
        f"body     P {overall['body_p']:.3f}  R {overall['body_r']:.3f}  F1 {overall['body_f1']:.3f}  "
        f"(raw page text F1 {overall['raw_f1']:.3f})"
    )
    print(f"speed    {pages_per_s:,.0f} pages/s  ({megabytes / elapsed * args.repeat:.1f} MB/s, one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
