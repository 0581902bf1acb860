"""Time the explorer's answer to each kind of filter change, on the trade-war corpus and on 100k articles.

    .venv/bin/python bench/explore.py [--corpus ../shared/corpora/trade-war] [--runs 5] [--articles 100000]

For each kind of change (outlet, theme, actor, date range, period, search) the explorer goes back
and forth between two values, ``--runs`` times; each run is timed until ``set_filters`` returns
(status line, lists, keyword in context) and until ``wait()`` returns (both charts drawn). Charts
and tables already made for a state, and the hits of a searched term, are kept by the explorer, so
that going back is instant; the benchmark forgets them before each run, so every run starts cold
(a search runs over the whole corpus each time). Prints the best and the median against the
1-second target.

The 100k corpus is built in memory, never written: the trade-war tables (articles, sentences and
the mentions ``hk.tag`` finds) copied over and over, each copy with new article and story ids and
its dates shifted by a day more than the last, cut at ``--articles``. The trade-war corpus is
loaded with the project's manifest for it (data/manifests/trade-war.csv), which names the outlets:
without it every article's outlet is unknown and the outlet filter has nothing to choose.

Skips cleanly (exit 0, with a message) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "trade-war"
TARGET = 1.0  # seconds

#: Each kind of change and the two values it goes back and forth between.
CHANGES: dict[str, tuple[dict, dict]] = {
    "outlet": ({"outlet": "People's Daily"}, {"outlet": "The New York Times"}),
    "theme": ({"theme": "tariffs"}, {"theme": "ai_chips"}),
    "actor": ({"actor": "China"}, {"actor": "United States"}),
    "date range": ({"start": "2016-01-01", "end": "2016-12-31"}, {"start": "2018-01-01", "end": "2019-06-30"}),
    "period": ({"period": "Q"}, {"period": "Y"}),
    "search": ({"search": "soybeans"}, {"search": "Huawei"}),
}
OPEN = {"start": "", "end": "", "outlet": "", "theme": "", "actor": "", "period": "M", "search": ""}


def replicate(corpus, mentions, n_articles: int):
    """The corpus and its mentions copied until there are ``n_articles`` articles (new ids, dates shifted)."""
    import pandas as pd

    articles, sentences = corpus.articles, corpus.sentences
    copies = -(-n_articles // len(articles))
    new_articles, new_sentences, new_mentions = [], [], []
    for k in range(copies):
        suffix = f"~{k}"
        new_articles.append(
            articles.assign(
                article_id=articles["article_id"] + suffix,
                story_id=articles["story_id"] + suffix,
                published=articles["published"] + pd.Timedelta(days=k),
            )
        )
        new_sentences.append(sentences.assign(article_id=sentences["article_id"] + suffix))
        new_mentions.append(mentions.assign(article_id=mentions["article_id"] + suffix))
    big = pd.concat(new_articles, ignore_index=True).iloc[:n_articles]
    kept = set(big["article_id"])
    big_sentences = pd.concat(new_sentences, ignore_index=True)
    big_mentions = pd.concat(new_mentions, ignore_index=True)
    big_sentences = big_sentences[big_sentences["article_id"].isin(kept)].reset_index(drop=True)
    big_mentions = big_mentions[big_mentions["article_id"].isin(kept)].reset_index(drop=True)
    return dataclasses.replace(
        corpus, articles=big, sentences=big_sentences, fingerprint=f"{corpus.fingerprint}x{copies}"
    ), big_mentions


def forget(explorer) -> None:
    """Drop what the explorer keeps for states it has seen (charts, tables, searched terms), so each run starts cold."""
    for name in ("_charts", "_tables", "_searches"):
        cache = getattr(explorer, name, None)
        if cache is not None:
            cache.clear()


def time_changes(explorer, runs: int) -> dict[str, tuple[list[float], list[float]]]:
    """For each kind of change: the seconds until set_filters returned and until wait() returned, per run."""
    results = {}
    for kind, values in CHANGES.items():
        explorer.set_filters(**OPEN)
        explorer.wait()
        answered, drawn = [], []
        for run in range(runs):
            forget(explorer)
            started = time.perf_counter()
            explorer.set_filters(**values[run % 2])
            answered.append(time.perf_counter() - started)
            explorer.wait()
            drawn.append(time.perf_counter() - started)
        results[kind] = (answered, drawn)
    explorer.set_filters(**OPEN)
    explorer.wait()
    return results


def report(title: str, opened: float, results: dict) -> None:
    print(f"\n{title}; explorer opened in {opened:.1f} s")
    print(f"{'change':<12}{'answered: best':>16}{'median':>9}{'drawn: best':>14}{'median':>9}   target {TARGET:.0f} s")
    for kind, (answered, drawn) in results.items():
        a_best, a_median, d_best, d_median = (
            min(answered),
            statistics.median(answered),
            min(drawn),
            statistics.median(drawn),
        )
        verdict = "ok" if d_median < TARGET else ("tables ok" if a_median < TARGET else "SLOW")
        print(f"{kind:<12}{a_best:>16.2f}{a_median:>9.2f}{d_best:>14.2f}{d_median:>9.2f}   {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=100_000, help="size of the replicated corpus (0: skip it)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: no corpus at {args.corpus} (this benchmark needs ../shared/corpora/trade-war)")
        return 0

    import hkanalysis as hk
    from hkanalysis import paths
    from hkanalysis.explorer import Explorer

    corpus = hk.load_corpus(args.corpus, manifest=paths.MANIFESTS / "trade-war.csv")
    mentions = hk.tag(corpus, progress=False)
    print(
        f"corpus: {args.corpus}; {args.runs} runs of each change, each timed from set_filters() to its return "
        "(answered) and to wait()'s return (drawn)"
    )
    sizes = [(corpus, mentions)]
    if args.articles:
        sizes.append(replicate(corpus, mentions, args.articles))
    with tempfile.TemporaryDirectory(prefix="hkanalysis-bench-explore-") as export_dir:
        for size_corpus, size_mentions in sizes:
            started = time.perf_counter()
            explorer = Explorer(size_corpus, mentions=size_mentions, export_dir=export_dir)
            opened = time.perf_counter() - started
            results = time_changes(explorer, args.runs)
            title = (
                f"{len(size_corpus.articles):,} articles, {len(size_corpus.sentences):,} sentences, "
                f"{len(size_mentions):,} mentions"
            )
            report(title, opened, results)
            del explorer
    return 0


if __name__ == "__main__":
    sys.exit(main())
