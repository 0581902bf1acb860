"""How the workbook's steps grow with the corpus: synthetic corpora of 1k, 10k and 100k articles
(1M on request) made from the real trade-war articles (bench/corpus_maker.py).

    .venv/bin/python bench/scale.py [--sizes 1000 10000 100000] [--baseline-max 5000]
                                    [--engine pandas] [--corpus ../shared/corpora/trade-war]
                                    [--profile tag]

For each size: cold load (empty cache), cached reload, ``tag``, monthly theme ``trends``,
sentence-level actor ``cooccurrence.pairs`` and ``narratives.distinctive_terms`` by outlet, each
in a fresh Python process so that its peak memory (maximum resident set size) is its own; "all
procs" adds the loader's worker processes (sampled). The analysis steps load the corpus from the
cache first (not timed), so their peak includes the corpus in memory, as in an analyst's session;
each analysis is timed at the fastest of five runs (of those that fit in a minute).
``tag(corpus)`` may hand back the mentions found while loading; ``tag(articles, sentences)``
does the matching again, as a new lexicon would. Then the growth exponent of each step between
consecutive sizes, log(t2/t1) / log(n2/n1) (1.0 is linear), and the targets of issue #6.

On the 100k corpus (or the largest size run): ``tag`` beside a pandas ``str.contains`` loop and
spaCy's PhraseMatcher (bench/alternatives.py) on the same sample of ``--baseline-max`` articles;
a reload after adding a tenth more files, against loading those files alone; and the explorer's
filter changes. ``--profile STEP`` also runs STEP once more at that size under cProfile and
prints where its time goes. Corpora are built once into the project cache (bench-scale/);
every load here uses a temporary cache, never a developer's, and the phases import a copy of the
package taken when the run starts, so that an edit made meanwhile neither mixes two versions
into one table nor empties the loader's cache half-way. Skips cleanly (exit 0, with a
message) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "trade-war"
SIZES = (1_000, 10_000, 100_000)
FOCUS = 100_000  # the size the targets, the baselines, the explorer and the incremental load are about

# The steps timed at every size, in order: cold and cached come first, tag saves the mentions
# that the analyses read.
STEPS = ("cold", "cached", "tag", "retag", "trends", "cooccurrence", "keyness")
LABELS = {
    "cold": "load, cold",
    "cached": "load, cached",
    "tag": "tag(corpus)",
    "retag": "tag(articles, sentences)",
    "trends": "themes.trends (M)",
    "cooccurrence": "cooccurrence (sentence)",
    "keyness": "distinctive_terms",
}
PHASES = (*STEPS, "baselines", "explorer", "incremental")

# Targets from issue #6.
MAX_EXPONENT = 1.1  # from 10k to 100k
MIN_COLD_RATE = 2_000  # articles/s for cold load + tag
MAX_CACHED_SECONDS = 1.0
MAX_PEAK_MIB = 4 * 1024
MAX_INCREMENTAL_RATIO = 1.5  # "about what loading 100 files costs": within half as much again
MIN_SPEEDUP = {"pandas": 10, "spacy": 3}
MAX_FILTER_SECONDS = 1.0


# --- phases: each runs in its own process --------------------------------------------------------------

PROFILER = None  # a cProfile.Profile when this phase is profiled: it sees only the timed work
ANALYSIS_RUNS = (
    5  # the analyses are timed at their fastest of this many runs (loads once: a second would hit the cache)
)
RUNS_WITHIN_SECONDS = 60  # ... or of as many as fit in this time (one at a million articles)


def timed(work, *, runs: int = 1):
    """Seconds ``work()`` takes (the fastest of ``runs``, or of those that fit in
    ``RUNS_WITHIN_SECONDS``: one run of a one-second step is mostly noise on a shared machine, and the
    exponents compare such steps), and its result."""
    best, result, spent = float("inf"), None, 0.0
    for _ in range(runs):
        if spent and spent + best > RUNS_WITHIN_SECONDS:  # another run would end past the time allowed
            break
        if PROFILER is not None:
            PROFILER.enable()
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
        spent += time.perf_counter() - started
        if PROFILER is not None:
            PROFILER.disable()
    return best, result


def _load(folder: Path, engine: str):
    import inspect

    from hkanalysis import load_corpus

    # the Dask engine is being written: pass it only when asked for, so the pandas path runs anywhere
    options = {"engine": engine} if engine != "pandas" else {}
    if PROFILER is not None and "workers" in inspect.signature(load_corpus).parameters:
        options["workers"] = 1  # cProfile sees only this process: keep the reading in it
    return load_corpus(folder, manifest=False, progress=False, **options)


def _mentions(work: Path):
    import pandas as pd

    return pd.read_parquet(work / "mentions.parquet")


def phase_load(folder: Path, work: Path, engine: str) -> dict:
    # The imports are part of what a load costs, as in bench/load.py, and timed apart too: they
    # are most of a cached reload.
    imports, _ = timed(lambda: __import__("hkanalysis"))
    seconds, corpus = timed(lambda: _load(folder, engine))
    articles = corpus.articles
    return {
        "seconds": imports + seconds,
        "imports": imports,
        "articles": len(articles),
        "sentences": len(corpus.sentences),
        "skipped": len(corpus.skipped),
        "duplicate_share": float(articles["is_duplicate"].mean()),
    }


def phase_tag(folder: Path, work: Path, engine: str) -> dict:
    """``tag(corpus)``, as an analyst calls it (it may give the mentions found while loading)."""
    import hkanalysis as hk

    corpus = _load(folder, engine)
    seconds, mentions = timed(lambda: hk.tag(corpus))
    mentions.to_parquet(work / "mentions.parquet")
    return {
        "seconds": seconds,
        "mentions": len(mentions),
        "per_article": len(mentions) / max(1, len(corpus.articles)),
    }


def phase_retag(folder: Path, work: Path, engine: str) -> dict:
    """``tag`` of the tables themselves: the matching work, whether or not the load did it already."""
    import hkanalysis as hk

    corpus = _load(folder, engine)
    seconds, mentions = timed(lambda: hk.tag(corpus.articles, sentences=corpus.sentences, progress=False))
    return {"seconds": seconds, "mentions": len(mentions)}


def phase_trends(folder: Path, work: Path, engine: str) -> dict:
    from hkanalysis.analyses import themes

    corpus, mentions = _load(folder, engine), _mentions(work)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", themes.UndatedArticlesWarning)
        seconds, table = timed(lambda: themes.trends(corpus.articles, mentions=mentions, freq="M"), runs=ANALYSIS_RUNS)
    return {"seconds": seconds, "rows": len(table)}


def phase_cooccurrence(folder: Path, work: Path, engine: str) -> dict:
    from hkanalysis.analyses import cooccurrence

    corpus, mentions = _load(folder, engine), _mentions(work)
    seconds, table = timed(
        lambda: cooccurrence.pairs(corpus.articles, mentions=mentions, sentences=corpus.sentences, unit="sentence"),
        runs=ANALYSIS_RUNS,
    )
    return {"seconds": seconds, "rows": len(table)}


def phase_keyness(folder: Path, work: Path, engine: str) -> dict:
    from hkanalysis.analyses import narratives

    corpus = _load(folder, engine)
    seconds, table = timed(lambda: narratives.distinctive_terms(corpus.articles, "outlet"), runs=ANALYSIS_RUNS)
    return {"seconds": seconds, "rows": len(table)}


def phase_baselines(folder: Path, work: Path, engine: str, *, sample: int) -> dict:
    """``tag`` and the two alternatives on the same sample of articles (texts alone, no corpus)."""
    from alternatives import lexicon_terms, pandas_loop, spacy_available, spacy_matcher

    import hkanalysis as hk

    corpus = _load(folder, engine)
    articles = corpus.articles.sample(n=min(sample, len(corpus.articles)), random_state=0)
    sentences = corpus.sentences[corpus.sentences["article_id"].isin(articles["article_id"])]
    themes, actors = hk.load_themes(), hk.load_actors()
    terms = lexicon_terms(themes, actors)
    seconds = {"articles": len(articles)}
    seconds["tag"], _ = timed(
        lambda: hk.tag(articles, sentences=sentences, themes=themes, actors=actors, progress=False)
    )
    seconds["pandas"], _ = timed(lambda: pandas_loop(articles["text"], terms))
    seconds["spacy"] = timed(lambda: spacy_matcher(articles["text"], terms))[0] if spacy_available() else None
    return seconds


def phase_explorer(folder: Path, work: Path, engine: str) -> dict:
    """Seconds until ``set_filters`` returns and until the charts are drawn, for three changes."""
    from hkanalysis.explorer import Explorer

    corpus, mentions = _load(folder, engine), _mentions(work)
    opened, explorer = timed(lambda: Explorer(corpus, mentions=mentions))
    seconds = {"open": opened}
    themes = mentions.loc[mentions["kind"] == "theme", "key"].value_counts()
    changes = {
        "outlet": {"outlet": "People's Daily"},
        "theme": {"theme": themes.index[0]},
        "dates": {"start": "2018-01-01", "end": "2019-12-31"},
    }
    for name, filters in changes.items():
        returned, _ = timed(lambda filters=filters: explorer.set_filters(**filters))
        waited, _ = timed(explorer.wait)
        seconds[name] = {
            "returned": returned,
            "drawn": returned + waited,
            "filters": filters,
        }
    return seconds


def run_phase(args: argparse.Namespace) -> dict:
    """The phase named by ``--phase`` (in this process); under cProfile when ``--profile-to`` is set."""
    global PROFILER
    if not args.code:
        sys.path.insert(0, str(ROOT))
    work = Path(args.work)
    phase = {
        "cold": phase_load,
        "cached": phase_load,
        "incremental": phase_load,
        "tag": phase_tag,
        "retag": phase_retag,
        "trends": phase_trends,
        "cooccurrence": phase_cooccurrence,
        "keyness": phase_keyness,
        "explorer": phase_explorer,
        "baselines": lambda folder, work, engine: phase_baselines(folder, work, engine, sample=args.baseline_max),
    }[args.phase]
    if args.profile_to:
        import cProfile

        PROFILER = cProfile.Profile()
    result = phase(Path(args.folder), work, args.engine)
    if PROFILER is not None:
        import pstats

        with open(args.profile_to, "w") as out:
            pstats.Stats(PROFILER, stream=out).sort_stats("cumulative").print_stats(40)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


# --- the run: build, time in subprocesses, print ----------------------------------------------------


def spawn(
    phase: str, folder: Path, work: Path, cache: Path, args: argparse.Namespace, *, profile_to: Path | None = None
) -> dict:
    """Run one phase in a fresh Python process with ``cache`` as the loader's cache; its figures."""
    command = [
        sys.executable,
        __file__,
        "--phase",
        phase,
        "--folder",
        str(folder),
        "--work",
        str(work),
        "--engine",
        args.engine,
        "--baseline-max",
        str(args.baseline_max),
        "--code",
        str(args.code),
    ]
    if profile_to:
        command += ["--profile-to", str(profile_to)]
    # the snapshot of the package comes first on the path, before the editable install
    env = {**os.environ, "HKANALYSIS_CACHE": str(cache), "PYTHONPATH": str(args.code)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, text=True)
        tree_peak = watch_memory(process)
        out.seek(0), err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"phase {phase} on {folder} failed:\n{err.read()[-4000:]}")
        result = json.loads(out.read().strip().splitlines()[-1])
    return {**result, "tree_mib": tree_peak}


def watch_memory(process: subprocess.Popen) -> float | None:
    """Wait for ``process``; the most memory it and its own children (the loader's worker
    processes, which its ru_maxrss does not count) held at once, sampled every 50 ms, in MiB."""
    try:
        import psutil
    except ImportError:
        process.wait()
        return None
    peak = 0
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:  # a process ended between listing and reading: the next sample counts
            pass
        time.sleep(0.05)
    return peak / 2**20


def measure_size(n: int, args: argparse.Namespace, focus: bool, scratch: Path) -> dict:
    """Every step at one size; at the focus size also the baselines, the explorer and the incremental load."""
    from corpus_maker import FILE_ARTICLES, build

    started = time.perf_counter()
    folder, reference = build(n, source=args.corpus)
    print(
        f"  {n:,} articles: corpus ready in {time.perf_counter() - started:.0f} s ({folder})",
        flush=True,
    )
    work = scratch / f"size-{n}"
    cache = work / "cache"
    cache.mkdir(parents=True)
    results: dict = {"reference": reference}
    for step in STEPS:
        results[step] = spawn(step, folder, work, cache, args)
        print(f"    {LABELS[step]:<26}{results[step]['seconds']:>9.2f} s", flush=True)
    if not focus:
        return results

    results["baselines"] = spawn("baselines", folder, work, cache, args)
    print(f"    {'tag and alternatives':<26}done", flush=True)
    results["explorer"] = spawn("explorer", folder, work, cache, args)
    print(f"    {'explorer':<26}done", flush=True)
    # a tenth more files, continuing the same stream, so their names and articles are new
    extra_folder, _ = build(n // 10, first_file=math.ceil(n / FILE_ARTICLES), source=args.corpus)
    grown = work / "grown"
    grown.mkdir()
    for file in [*folder.iterdir(), *extra_folder.iterdir()]:
        (grown / file.name).symlink_to(file)  # same names as in the cached corpus: their cache entries apply
    if args.profile == "incremental":  # the profiled run must find the cache as the timed one did
        shutil.copytree(cache, work / "cache-profile")
    results["incremental"] = spawn("incremental", grown, work, cache, args)
    results["extra_cold"] = spawn("cold", extra_folder, work, work / "cache-extra", args)
    results["extra_files"] = len(list(extra_folder.iterdir()))
    if args.profile:
        # a cold load needs an empty cache, and the incremental one the grown folder and the cache
        # as it was before the timed run, to be themselves
        target = grown if args.profile == "incremental" else folder
        profile_cache = work / "cache-profile" if args.profile in ("cold", "incremental") else cache
        spawn(
            args.profile,
            target,
            work,
            profile_cache,
            args,
            profile_to=work / "profile.txt",
        )
        results["profile"] = (work / "profile.txt").read_text()
    return results


def snapshot(target: Path) -> Path:
    """A copy of the package and its lexicons, for the phases to import: the package may be
    edited while a run takes minutes, and a change to its code would also empty the loader's
    cache half-way (its keys hold a hash of the code)."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "hkanalysis", target / "hkanalysis", ignore=ignore)
    shutil.copytree(ROOT / "data" / "lexicons", target / "data" / "lexicons", ignore=ignore)
    return target


def exponent(n1: int, t1: float, n2: int, t2: float) -> float:
    """log(t2/t1) / log(n2/n1): 1.0 when time grows as the corpus does."""
    return math.log(t2 / t1) / math.log(n2 / n1)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_corpora(runs: dict[int, dict], corpus: Path) -> None:
    reference = next(iter(runs.values()))["reference"]
    print(
        f"\nSynthetic corpora from {corpus} ({reference['articles']:,} real articles: "
        f"{reference['mentions_per_article']:.2f} mentions and {reference['words_per_article']:.0f} words "
        f"per article, {reference['duplicate_share']:.1%} is_duplicate)"
    )
    print(f"  {'articles':>10}{'sentences':>12}{'skipped':>9}{'is_duplicate':>14}{'mentions/article':>18}")
    for run in runs.values():
        cold = run["cold"]
        print(
            f"  {cold['articles']:>10,}{cold['sentences']:>12,}{cold['skipped']:>9,}"
            f"{cold['duplicate_share']:>14.1%}{run['tag']['per_article']:>18.2f}"
        )


def print_steps(runs: dict[int, dict]) -> None:
    print(
        f"\n  {'step':<26}{'articles':>10}{'seconds':>10}{'articles/s':>12}"
        f"{'peak MiB':>10}{'all procs':>10}{'growth':>8}"
    )
    sizes = list(runs)
    for step in STEPS:
        for i, n in enumerate(sizes):
            result = runs[n][step]
            growth, mark = "", ""
            if i > 0:
                value = exponent(
                    sizes[i - 1],
                    runs[sizes[i - 1]][step]["seconds"],
                    n,
                    result["seconds"],
                )
                growth = f"{value:.2f}"
                if (sizes[i - 1], n) == (10_000, 100_000):
                    sign = "<=" if value <= MAX_EXPONENT else ">"
                    mark = f"  {verdict(value <= MAX_EXPONENT)} ({value:.3f} {sign} {MAX_EXPONENT})"
            rate = n / result["seconds"]
            label = LABELS[step] if i == 0 else ""
            tree = f"{result['tree_mib']:,.0f}" if result.get("tree_mib") else "-"
            print(
                f"  {label:<26}{n:>10,}{result['seconds']:>10.2f}{rate:>12,.0f}"
                f"{result['peak_mib']:>10,.0f}{tree:>10}{growth:>8}{mark}"
            )


def print_focus(n: int, run: dict) -> None:
    """The targets that are about the focus size, and what was measured only there."""
    print(f"\nTargets at {n:,} articles")
    cold_rate = n / (run["cold"]["seconds"] + run["tag"]["seconds"])
    print(
        f"  {'load (cold) + tag(corpus) >= 2,000 articles/s':<48}{cold_rate:>10,.0f} /s  "
        f"{verdict(cold_rate >= MIN_COLD_RATE)}"
    )
    cached = run["cached"]
    call = cached["seconds"] - cached["imports"]
    print(
        f"  {'cached reload < 1 s (load_corpus call)':<48}{call:>10.2f} s   {verdict(call < MAX_CACHED_SECONDS)}"
        f" ({cached['seconds']:.2f} s with the imports)"
    )
    # the largest of each process's own peak and the sampled sum over it and its worker processes
    step, peak = max(
        ((s, max(run[s]["peak_mib"], run[s].get("tree_mib") or 0)) for s in STEPS),
        key=lambda item: item[1],
    )
    print(
        f"  {'peak memory < 4 GB':<48}{peak / 1024:>10.2f} GB  {verdict(peak < MAX_PEAK_MIB)} (highest: {LABELS[step]})"
    )

    base = run["baselines"]
    print(f"\n  Tagging the same {base['articles']:,} articles (a random sample):")
    print(f"    {'hkanalysis.tag':<40}{base['tag']:>9.2f} s")
    for name, what in (
        ("pandas", "pandas str.contains, one term at a time"),
        ("spacy", "spaCy PhraseMatcher"),
    ):
        if base[name] is None:
            print(f"    {what:<40}{'':>9}     spaCy not installed (pip install -e '.[bench]')")
            continue
        ratio = base[name] / base["tag"]
        target = MIN_SPEEDUP[name]
        print(
            f"    {what:<40}{base[name]:>9.2f} s   tag {ratio:,.1f}x faster  {verdict(ratio >= target)} (>= {target}x)"
        )

    grown, alone, files = run["incremental"], run["extra_cold"], run["extra_files"]
    print(f"\n  Incremental: the cached {n:,} plus {files} new files ({alone['articles']:,} articles)")
    print(
        f"    {'reload of all ' + format(grown['articles'], ',') + ' articles':<40}{grown['seconds']:>9.2f} s"
        f"   load_corpus call {grown['seconds'] - grown['imports']:.2f} s"
    )
    print(
        f"    {'the new files alone, cold':<40}{alone['seconds']:>9.2f} s   "
        f"load_corpus call {alone['seconds'] - alone['imports']:.2f} s"
    )
    ratio = grown["seconds"] / alone["seconds"]
    calls = (grown["seconds"] - grown["imports"]) / (alone["seconds"] - alone["imports"])
    print(
        f"    {'adding costs about loading them alone':<40}{ratio:>9.2f}x  {verdict(ratio <= MAX_INCREMENTAL_RATIO)}"
        f" (<= {MAX_INCREMENTAL_RATIO}x; {calls:.2f}x for the load_corpus calls alone)"
    )

    explorer = run["explorer"]
    print(f"\n  Explorer on {n:,} articles (opened in {explorer['open']:.1f} s); target < {MAX_FILTER_SECONDS:.0f} s")
    print(f"    {'change':<34}{'returns':>9}{'drawn':>9}")
    for name in ("outlet", "theme", "dates"):
        change = explorer[name]
        what = ", ".join(f"{k}={v}" for k, v in change["filters"].items())
        print(
            f"    {what:<34}{change['returned']:>8.2f}s{change['drawn']:>8.2f}s  "
            f"{verdict(change['returned'] < MAX_FILTER_SECONDS)} / {verdict(change['drawn'] < MAX_FILTER_SECONDS)}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="corpus sizes in articles")
    parser.add_argument(
        "--baseline-max", type=int, default=5_000, help="articles the pandas loop and spaCy are timed on"
    )
    parser.add_argument("--engine", default="pandas", help="load_corpus(engine=...); pandas is the default")
    parser.add_argument("--corpus", type=Path, default=DEFAULT, help="the real articles the corpora are made from")
    parser.add_argument("--profile", choices=PHASES, help="profile this step once more at the focus size")
    parser.add_argument(
        "--chinese-sizes", type=int, nargs="*", default=[1_000, 10_000], help="Chinese corpora (bench/chinese.py)"
    )
    for hidden in ("--phase", "--folder", "--work", "--profile-to", "--code"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args)))
        return 0
    if not args.corpus.exists():
        print(f"skipped: no corpus at {args.corpus} (this benchmark needs ../shared/corpora/trade-war)")
        return 0

    sys.path.insert(0, str(ROOT))
    sizes = sorted(set(args.sizes))
    focus = FOCUS if FOCUS in sizes else sizes[-1]
    print(f"Timing {', '.join(f'{n:,}' for n in sizes)} articles (engine {args.engine}); focus size {focus:,}")
    load_before = os.getloadavg()[1]
    with tempfile.TemporaryDirectory(prefix="hkanalysis-bench-scale-") as scratch:
        args.code = snapshot(Path(scratch) / "code")
        print(f"  package snapshot taken at {time.strftime('%H:%M:%S')}: every phase runs the same code", flush=True)
        runs = {n: measure_size(n, args, n == focus, Path(scratch)) for n in sizes}
    print(
        f"\n{os.cpu_count()} cores; load average (5 min) {load_before:.1f} at the start, "
        f"{os.getloadavg()[1]:.1f} at the end"
    )

    print_corpora(runs, args.corpus)
    print_steps(runs)
    print_focus(focus, runs[focus])
    if args.profile:
        print(
            f"\nProfile of {LABELS.get(args.profile, args.profile)} at {focus:,} articles "
            "(cProfile, by cumulative time):"
        )
        print(runs[focus]["profile"])
    if args.chinese_sizes:  # the same steps on Chinese text: bench/chinese.py's scale section
        command = [sys.executable, str(ROOT / "bench" / "chinese.py"), "--only", "scale", "--sizes"]
        subprocess.run([*command, *map(str, args.chinese_sizes)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
