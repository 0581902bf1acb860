"""Command line: ``hkanalysis render`` and ``hkanalysis summary`` (also ``python -m hkanalysis ...``)."""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

from . import paths
from .errors import UndatedArticlesWarning


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hkanalysis", description="An analyst's workbook for news on Hong Kong.")
    commands = parser.add_subparsers(dest="command", required=True)

    render = commands.add_parser("render", help="render the report notebooks into reports/<timestamp>/")
    render.add_argument(
        "--config",
        type=Path,
        default=paths.REPORTS / "reports.yaml",
        help="the report set (default: reports/reports.yaml)",
    )
    render.add_argument(
        "--reports-dir", type=Path, default=paths.REPORTS, help="where run folders go (default: reports/)"
    )
    render.add_argument("--only", action="append", metavar="NAME", help="render only this notebook (repeatable)")
    render.add_argument("--corpus", help="corpus folder for every notebook (default: as the report set says)")
    render.add_argument("--manifest", help="manifest CSV for the corpus (default: as the report set says)")
    render.add_argument("--start", help="first day to include, e.g. 2018-01-01 (default: from the first article)")
    render.add_argument("--end", help="last day to include, e.g. 2018-12-31 (default: to the last article)")
    render.add_argument(
        "-p",
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a notebook parameter for every notebook that declares it (repeatable); VALUE is read as YAML: "
        "-p freq=Q -p min_count=5 -p 'themes_shown=[ev, tariffs]'",
    )

    summary = commands.add_parser("summary", help="load a corpus and write its summary to reports/corpus/")
    summary.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the bundled data/raw)")
    summary.add_argument("--manifest", type=Path, default=None, help="manifest CSV (default: found next to the corpus)")
    summary.add_argument("--out", type=Path, default=paths.REPORTS / "corpus", help="output folder")
    summary.add_argument("--no-cache", action="store_true", help="read every input again")

    cache = commands.add_parser("cache", help="see, prune or clear the loader's cache")
    cache.add_argument("action", choices=("info", "prune", "clear"), help="info: what it holds; prune; clear: all")
    cache.add_argument("--max-size", help="prune: the size to stay under, e.g. 5GB (default: the budget)")
    cache.add_argument("--older-than", type=float, default=None, help="prune: drop loads unused for this many days")

    args = parser.parse_args(argv)
    if args.command == "render":
        return _render(args)
    if args.command == "cache":
        return _cache(args)
    return _summary(args)


def _cache(args: argparse.Namespace) -> int:
    import shutil
    from datetime import datetime

    from .corpus import pruning

    root = paths.cache_dir()
    if args.action == "clear":
        for kind in pruning.KINDS:
            shutil.rmtree(root / kind, ignore_errors=True)
        print(f"cleared the cache at {root}")
        return 0
    if args.action == "prune":
        try:
            max_bytes = pruning.parse_size(args.max_size) if args.max_size else None
        except ValueError as error:
            print(f"hkanalysis cache: {error}", file=sys.stderr)
            return 2
        age = args.older_than if args.older_than is not None else pruning.DEFAULT_MAX_AGE_DAYS
        dropped = pruning.prune(root, max_bytes=max_bytes, max_age_days=age)
        print(f"pruned {len(dropped)} entries ({pruning.human(sum(e.size for e in dropped))})")
    facts = pruning.info(root)
    print(f"cache at {facts['root']}: {pruning.human(facts['bytes'])} in {facts['entries']} entries", end="")
    print(f" (budget {pruning.human(facts['budget'])})")
    for kind, counts in facts["kinds"].items():
        print(f"  {kind:<8} {counts['entries']:>6} entries  {pruning.human(counts['bytes']):>10}")
    if facts["oldest_use"]:
        oldest, newest = (
            datetime.fromtimestamp(facts[k]).strftime("%Y-%m-%d %H:%M") for k in ("oldest_use", "newest_use")
        )
        print(f"  loads last used from {oldest} to {newest}")
    return 0


def _render(args: argparse.Namespace) -> int:
    from .errors import HKAnalysisError
    from .outputs.render import render

    try:
        overrides = render_overrides(args)
        started = time.perf_counter()
        folder, runs = render(
            args.config,
            reports_dir=args.reports_dir,
            only=args.only,
            overrides=overrides or None,
            progress=lambda line: print(f"[{time.perf_counter() - started:5.0f} s] {line}", flush=True),
        )
    except HKAnalysisError as error:  # a parameter, a manifest or a lexicon: named, before anything ran
        print(f"hkanalysis render: {error}", file=sys.stderr)
        return 2
    for run in runs:
        status = "ok" if run.status == "ok" else f"FAILED ({run.error})"
        print(f"{run.name:<28} {run.seconds:6.1f} s  {status}")
    failed = [run.name for run in runs if run.status != "ok"]
    print(f"done in {time.perf_counter() - started:.0f} s; the report: {(folder / 'index.html').resolve()}")
    if failed:
        print(
            f"{len(failed)} notebook(s) failed: {', '.join(failed)}; reports/latest still points to the last good run",
            file=sys.stderr,
        )
        return 1
    return 0


def render_overrides(args: argparse.Namespace) -> dict:
    """The parameters the render command line gives every notebook: ``-p NAME=VALUE`` (VALUE read as
    YAML), then ``--corpus``, ``--manifest``, ``--start`` and ``--end``; paths are the user's, relative to
    where they typed them. A malformed ``-p`` or date is a ParameterError naming it."""
    import pandas as pd
    import yaml

    from .errors import ParameterError

    overrides = {}
    for given in args.parameter:
        name, equals, text = given.partition("=")
        if not equals or not name.strip().isidentifier():
            raise ParameterError(f"-p {given!r}: give NAME=VALUE, e.g. -p freq=Q")
        try:
            value = yaml.safe_load(text) if text.strip() else ""
        except yaml.YAMLError as error:
            raise ParameterError(f"-p {given!r}: the value is not readable ({error})") from None
        overrides[name.strip()] = value if isinstance(value, (str, int, float, bool, list, dict)) else str(value)
    for name in ("corpus", "manifest"):
        if getattr(args, name):
            overrides[name] = str(Path(getattr(args, name)).resolve())
    for name in ("start", "end"):
        value = getattr(args, name)
        if value:
            try:
                pd.Timestamp(value)
            except ValueError:
                raise ParameterError(f"--{name} {value!r} is not a date (e.g. 2018-01-31)") from None
            overrides[name] = value
    return overrides


def _summary(args: argparse.Namespace) -> int:
    from .corpus.load import load_corpus
    from .corpus.summary import write_corpus_summary

    with warnings.catch_warnings():  # (the summary says how many articles are undated)
        warnings.simplefilter("ignore", UndatedArticlesWarning)
        corpus = load_corpus(args.corpus, manifest=args.manifest, cache=not args.no_cache)
    page = write_corpus_summary(corpus, args.out)
    print(corpus)
    print(corpus.summary())
    print(f"summary written to {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
