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

    args = parser.parse_args(argv)
    if args.command == "render":
        return _render(args)
    return _summary(args)


def _render(args: argparse.Namespace) -> int:
    from .outputs.render import ParameterError, render

    overrides = {"corpus": args.corpus} if args.corpus else None
    try:
        folder, runs = render(args.config, reports_dir=args.reports_dir, only=args.only, overrides=overrides)
    except ParameterError as error:
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
    print(f"summary written to {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
