"""Command line: ``hkanalysis render`` and ``hkanalysis summary`` (also ``python -m hkanalysis ...``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths


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

    # a path on the command line is the user's, relative to where they typed it (not the project)
    overrides = {"corpus": str(Path(args.corpus).resolve())} if args.corpus else None
    try:
        folder, runs = render(args.config, reports_dir=args.reports_dir, only=args.only, overrides=overrides)
    except HKAnalysisError as error:  # a parameter, a manifest or a lexicon: named, before anything ran
        print(f"hkanalysis render: {error}", file=sys.stderr)
        return 2
    for run in runs:
        status = "ok" if run.status == "ok" else f"FAILED ({run.error})"
        print(f"{run.name:<28} {run.seconds:6.1f} s  {status}")
    failed = [run.name for run in runs if run.status != "ok"]
    print(f"report: {folder / 'index.html'}")
    if failed:
        print(
            f"{len(failed)} notebook(s) failed: {', '.join(failed)}; reports/latest still points to the last good run",
            file=sys.stderr,
        )
        return 1
    return 0


def _summary(args: argparse.Namespace) -> int:
    from .corpus.load import load_corpus
    from .corpus.summary import write_corpus_summary

    corpus = load_corpus(args.corpus, manifest=args.manifest, cache=not args.no_cache)
    page = write_corpus_summary(corpus, args.out)
    print(corpus)
    print(corpus.summary())
    print(f"summary written to {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
