"""Command line: ``hkanalysis summary`` (also ``python -m hkanalysis summary``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .corpus import load_corpus
from .report import write_corpus_summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hkanalysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summary", help="load a corpus and write its summary to reports/")
    summary.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the bundled data/raw)")
    summary.add_argument("--manifest", type=Path, default=None, help="manifest CSV (default: found next to the corpus)")
    summary.add_argument("--out", type=Path, default=paths.REPORTS / "corpus", help="output folder")
    summary.add_argument("--no-cache", action="store_true", help="read every input again")
    args = parser.parse_args(argv)

    corpus = load_corpus(args.corpus, manifest=args.manifest, cache=not args.no_cache)
    page = write_corpus_summary(corpus, args.out)
    print(corpus)
    print(f"summary written to {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
