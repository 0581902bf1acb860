"""Time the workbook's analyses on the trade-war corpus (about 5,300 articles), beside the ways an
analyst would do the same without the workbook.

    .venv/bin/python bench/analyses.py [--corpus ../shared/corpora/trade-war] [--only tagging]

Each analysis is a step in ``STEPS``: a name and a function that takes the loaded corpus and
returns timed rows. The first row is the workbook's way; rows marked ``alternative`` are other
ways to the same result, shown with how many times slower they are. To time another analysis,
write its function and add it to ``STEPS``. Skips cleanly (exit 0, with a message) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from alternatives import (
    lexicon_terms,
    pandas_loop,
    regex_terms,
    spacy_available,
    spacy_matcher,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "trade-war"


class Timing(NamedTuple):
    what: str
    seconds: float
    note: str = ""
    alternative: bool = False  # another way to the same result: printed with its ratio to ours


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    """The fastest of ``runs`` runs of ``work`` (the others are warm-up and noise), and its result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


# --- steps ---------------------------------------------------------------------------------------------


def tagging(corpus) -> list[Timing]:
    """``tag`` against a pandas ``str.contains`` loop over the terms and spaCy's PhraseMatcher
    (bench/alternatives.py)."""
    from hkanalysis.tagging import tag
    from hkanalysis.tagging.lexicons import load_actors, load_themes

    themes, actors = load_themes(), load_actors()
    # the tables, not the Corpus: tag(corpus) would hand back the mentions found as it loaded
    seconds, mentions = best_of(
        3, lambda: tag(corpus.articles, sentences=corpus.sentences, themes=themes, actors=actors)
    )
    rows = [Timing("hkanalysis.tag", seconds, f"{len(mentions):,} mentions with spans, sentences, rules applied")]

    terms = lexicon_terms(themes, actors)
    texts = corpus.articles["text"]
    seconds, found = best_of(1, lambda: pandas_loop(texts, terms))
    rows.append(
        Timing(
            "pandas str.contains, one term at a time",
            seconds,
            f"{found:,} (article, term) pairs, {len(terms)} terms",
            True,
        )
    )
    if not spacy_available():
        rows.append(Timing("spaCy PhraseMatcher", float("nan"), "spaCy not installed (pip install '.[bench]')", True))
        return rows
    seconds, found = best_of(1, lambda: spacy_matcher(texts, terms))
    rows.append(
        Timing(
            "spaCy PhraseMatcher (blank 'en', LOWER/ORTH)",
            seconds,
            f"{found:,} matches; its {regex_terms(terms)} regex terms left out",
            True,
        )
    )
    return rows


#: The analyses to time: (name, function of the corpus returning Timing rows, the workbook's first).


def theme_trends(corpus) -> list[Timing]:
    from hkanalysis import tag
    from hkanalysis.analyses import themes

    mentions = tag(corpus)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", themes.UndatedArticlesWarning)
        month, table = best_of(3, lambda: themes.trends(corpus.articles, mentions=mentions, freq="M", by="outlet"))
        sentence, _ = best_of(
            3,
            lambda: themes.trends(
                corpus.articles, mentions=mentions, freq="M", by="outlet", unit="sentence", sentences=corpus.sentences
            ),
        )
    return [
        Timing("themes.trends, monthly per outlet", month, f"{len(table):,} rows (period x outlet x theme)"),
        Timing("themes.trends, sentence shares", sentence, "same grid, sentences as the unit"),
    ]


def cooccurrence_step(corpus) -> list[Timing]:
    from hkanalysis import tag
    from hkanalysis.analyses import cooccurrence

    mentions = tag(corpus)
    rows = []
    for unit, window in (("sentence", None), ("paragraph", None), ("article", None), ("window", 10)):
        seconds, pairs = best_of(
            3,
            lambda unit=unit, window=window: cooccurrence.pairs(corpus, mentions=mentions, unit=unit, window=window),
        )
        rows.append(
            Timing(
                f"cooccurrence.pairs, {unit}" + (f" of {window} words" if window else ""),
                seconds,
                f"{len(pairs):,} pairs",
            )
        )
    return rows


def keyness(corpus) -> list[Timing]:
    from hkanalysis.analyses import narratives

    seconds, terms = best_of(
        2, lambda: narratives.distinctive_terms(corpus.articles, "outlet", min_count=20, by_documents=True)
    )
    similar, table = best_of(2, lambda: narratives.similarity(corpus.articles, by="outlet"))
    print("Distinctive terms (weighted log-odds, informative Dirichlet prior; each word once per article):")
    for outlet, group in terms[terms["z"] > 0].groupby("group"):
        print(
            f"  {outlet} (against the rest): "
            + ", ".join(f"{t} ({z:.1f})" for t, z in zip(group["term"].head(25), group["z"].head(25)))
        )
    print(f"  TF-IDF cosine similarity of the two outlets' text: {table.iloc[0, 1]:.3f}\n")
    return [
        Timing("narratives.distinctive_terms, by outlet", seconds, f"{len(terms):,} rows"),
        Timing("narratives.similarity, by outlet", similar, "2 x 2 matrix"),
    ]


STEPS: list[tuple[str, Callable[..., list[Timing]]]] = [
    ("tagging", tagging),
    ("trends", theme_trends),
    ("cooccurrence", cooccurrence_step),
    ("keyness", keyness),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument(
        "--only", action="append", choices=[name for name, _ in STEPS], help="run only this step (repeatable)"
    )
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: no corpus at {args.corpus} (this benchmark needs ../shared/corpora/trade-war)")
        return 0

    sys.path.insert(0, str(ROOT))
    from hkanalysis import load_corpus, paths

    started = time.perf_counter()
    corpus = load_corpus(args.corpus, manifest=paths.MANIFESTS / "trade-war.csv")  # outlets are per file
    print(
        f"corpus: {args.corpus}: {len(corpus.articles):,} articles, "
        f"{corpus.articles['text'].str.len().sum():,} characters"
    )
    print(f"(loaded in {time.perf_counter() - started:.1f} s)\n")

    for name, step in STEPS:
        if args.only and name not in args.only:
            continue
        timings = step(corpus)
        ours = timings[0].seconds
        print(f"== {name}")
        print(f"  {'':<46}{'seconds':>9}{'x ours':>9}")
        for row in timings:
            ratio = f"{row.seconds / ours:>9.0f}" if row.alternative else f"{'':>9}"
            print(f"  {row.what:<46}{row.seconds:>9.2f}{ratio}   {row.note}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
