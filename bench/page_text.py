"""Benchmark the plain-text page route (``hkanalysis.ingest.pages.split_page``) against a gold corpus.

Run from the repository root::

    .venv/bin/python bench/page_text.py [--corpus PATH] [--worst N]

The corpus is a folder of browser-copied page texts with a ``gold.jsonl`` (fields ``file``,
``publisher``, ``title``, ``authors``, ``published``, ``body``); by default
``../shared/corpora/page-text`` next to the repository. For each page the ``role == 'main'`` record
is scored with the rules of ``bench/extraction.py``, so the HTML and plain-text routes compare:
exact title (curly quotes folded, whitespace collapsed, casefolded), author-set F1, UTC dates at
most one day apart, and bag-of-words precision, recall and F1 of the body (lowercased ``\\w+``
tokens, as multisets). Printed alongside: the raw page text's body F1 (the floor to beat) and the
title ceiling, the share of pages whose gold title is a line of the page at all (gold titles often
come from the HTML ``<title>``, which a copied page does not show). Speed is pages per second of
``split_page`` on one core, over texts already in memory.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hkanalysis import paths  # noqa: E402
from hkanalysis.ingest.evaluation import author_f1, date_ok, normalise_title, token_scores  # noqa: E402
from hkanalysis.ingest.pages import split_page  # noqa: E402
from hkanalysis.ingest.pages.languages import page_language  # noqa: E402
from hkanalysis.ingest.pages.lines import normalise_lines  # noqa: E402

DEFAULT_CORPUS = paths.CORPORA / "page-text"
METRICS = ["title", "authors", "date", "body_p", "body_r", "body_f1", "raw_f1"]


def score_page(gold: dict, text: str) -> dict:
    """Scores of the main record of one page against its gold row."""
    main = next((r for r in split_page(text) if r["role"] == "main"), None)
    precision, recall, f1 = token_scores(main["text"] if main else "", gold["body"])
    lines = {normalise_title(line) for line in text.splitlines()}
    return {
        "file": gold["file"],
        "publisher": gold["publisher"],
        "title": float(main is not None and normalise_title(main["title"]) == normalise_title(gold["title"])),
        "authors": author_f1(main["authors"] if main else [], gold.get("authors") or []),
        "date": date_ok(main["published"] if main else None, gold.get("published")),
        "body_p": precision,
        "body_r": recall,
        "body_f1": f1,
        "raw_f1": token_scores(text, gold["body"])[2],
        "title_on_page": float(normalise_title(gold["title"]) in lines),
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

    table = pd.DataFrame([score_page(g, texts[g["file"]]) for g in golds])
    by_publisher = table.groupby("publisher")[METRICS].mean().round(2)
    by_publisher.insert(0, "pages", table.groupby("publisher").size())
    overall = table[METRICS].mean()

    best = float("inf")  # the fastest pass: other processes on the machine only ever slow a pass down
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        for text in texts.values():
            split_page(text)
        best = min(best, time.perf_counter() - started)
    kilobytes = sum(len(t) for t in texts.values()) / len(texts) / 1000

    with pd.option_context("display.max_rows", None, "display.width", 160):
        print(by_publisher.to_string(), end="\n\n")
        if args.worst:
            worst = table.sort_values("body_f1").head(args.worst)
            columns = ["file", "body_p", "body_r", "body_f1", "title", "authors", "date"]
            print(worst[columns].round(2).to_string(index=False))
            missed = table[table["title"] < 1][["file", "got_title", "gold_title"]]
            print(missed.to_string(index=False, max_colwidth=70), end="\n\n")
    print(f"pages: {len(table)}  publishers: {table['publisher'].nunique()}  corpus: {corpus}")
    print(
        f"overall  title {overall['title']:.3f} (ceiling {table['title_on_page'].mean():.3f})  "
        f"authors F1 {overall['authors']:.3f}  date ±1 day {overall['date']:.3f} "
        f"(of {table['date'].notna().sum()} with a gold date)"
    )
    print(
        f"body     P {overall['body_p']:.3f}  R {overall['body_r']:.3f}  F1 {overall['body_f1']:.3f}  "
        f"(raw page text F1 {overall['raw_f1']:.3f})"
    )
    # two halves by publisher (alternating in name order), so a rule tuned on one can be checked on the other
    publishers = sorted(table["publisher"].unique())
    half_a = table["publisher"].isin(publishers[::2])
    print(
        f"halves   body F1 {table.loc[half_a, 'body_f1'].mean():.3f} on half A ({half_a.sum()} pages), "
        f"{table.loc[~half_a, 'body_f1'].mean():.3f} on half B ({(~half_a).sum()} pages)"
    )
    languages = pd.Series([page_language(normalise_lines(text)) for text in texts.values()]).value_counts()
    print("language " + ", ".join(f"{code} {n}" for code, n in languages.items()) + " (pages as split_page names them)")
    print(f"speed    {len(texts) / best:,.0f} pages/s on one core (best of {args.repeat}, {kilobytes:.1f} KB/page)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
