"""A real-size compression bomb against the loader, and the progress bar through one large file.

    .venv/bin/python bench/ingest_limits.py [--gib 4] [--jsonl-mb 32]

Writes the bomb (streamed: never 4 GiB in memory or on disk) and one good CSV into a temporary
folder, then loads the folder in a fresh Python process twice: with the limits as shipped, and
with the ratio check off (only ``MAX_INFLATED_BYTES`` stops it), and prints for each what was
skipped, the seconds and the peak memory (maximum resident set size of the process or of any of
its worker processes).

Then it loads one JSON Lines file of ``--jsonl-mb`` MB (made-up articles) with progress on, in
blocks (``readers.BLOCK_CHARS``) and in one piece, and prints how often the bar moved, when it
first did, and what the blocks cost.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, resource, sys, time
from hkanalysis import load_corpus
from hkanalysis.ingest import files
if sys.argv[2] == "cap-only":
    files.MAX_INFLATE_RATIO = float("inf")
started = time.perf_counter()
corpus = load_corpus(sys.argv[1], manifest=False, cache=False, progress=False)
print(json.dumps({
    "articles": len(corpus.articles),
    "skipped": corpus.skipped["reason"].tolist(),
    "seconds": time.perf_counter() - started,
    # (the loader may read in worker processes: the largest of them counts too)
    "peak_mib": max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    / 1024,
}))
"""


def write_bomb(path: Path, gib: float) -> None:
    """A gzip file inflating to ``gib`` GiB of zeros, written a MiB at a time."""
    zeros = bytes(1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as stream:
        for _ in range(int(gib * 1024)):
            stream.write(zeros)


PROGRESS = """
import json, sys, time
from hkanalysis import load_corpus
from hkanalysis.corpus import reading
from hkanalysis.ingest import readers
if sys.argv[2] == "one-piece":
    readers.BLOCK_CHARS = 1 << 62
moves = []
class Bar:
    def __init__(self, total, **options): pass
    def __enter__(self): return self
    def __exit__(self, *exc): return False
    def update(self, n):
        if n: moves.append(time.perf_counter())
reading.tqdm = Bar
started = time.perf_counter()
corpus = load_corpus(sys.argv[1], manifest=False, cache=False, progress=True)
print(json.dumps({"articles": len(corpus.articles), "seconds": time.perf_counter() - started,
                  "moves": len(moves), "first": moves[0] - started, "last_gap": max(
                      b - a for a, b in zip([started, *moves], moves))}))
"""
WORDS = (
    "Hong Kong tariff exports port container trade China United States chips electric vehicle maker "
    "government said officials talks market shares rose fell quarter percent assembly plant"
).split()


def write_jsonl(path: Path, megabytes: float) -> None:
    """Made-up articles of 60 to 400 words until the file holds ``megabytes`` MB."""
    import random

    rng = random.Random(12)
    with path.open("w", encoding="utf-8") as stream:
        number = 0
        while stream.tell() < megabytes * 1e6:
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 400)))
            stream.write(json.dumps({"title": f"Item {number}", "text": words.capitalize() + "."}) + "\n")
            number += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=4.0, help="how many GiB the bomb inflates to")
    parser.add_argument("--jsonl-mb", type=float, default=32.0, help="how many MB the JSON Lines file holds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        bomb = Path(folder) / "bomb.jsonl.gz"
        write_bomb(bomb, args.gib)
        (Path(folder) / "good.csv").write_text("title,text\nFerry fares rise,Fares rise by 5% from June.\n")
        print(
            f"bomb: {bomb.stat().st_size / 2**20:.1f} MiB inflating to {args.gib:g} GiB "
            f"(written in {time.perf_counter() - started:.0f} s)"
        )
        for mode in ("as-shipped", "cap-only"):
            found = subprocess.run(
                [sys.executable, "-c", CHILD, folder, mode], capture_output=True, text=True, check=True
            )
            result = json.loads(found.stdout.strip().splitlines()[-1])
            print(
                f"{mode:>10}: {result['articles']} article, skipped {result['skipped']}, "
                f"{result['seconds']:.1f} s, peak {result['peak_mib']:.0f} MiB"
            )
    with tempfile.TemporaryDirectory() as folder:
        write_jsonl(Path(folder) / "big.jsonl", args.jsonl_mb)
        for mode in ("blocks", "one-piece"):
            found = subprocess.run(
                [sys.executable, "-c", PROGRESS, folder, mode], capture_output=True, text=True, check=True
            )
            result = json.loads(found.stdout.strip().splitlines()[-1])
            print(
                f"{args.jsonl_mb:g} MB JSON Lines, {mode:>9}: {result['articles']:,} articles in "
                f"{result['seconds']:.1f} s; the bar moved {result['moves']} times, first after "
                f"{result['first']:.1f} s, longest still {result['last_gap']:.1f} s"
            )


if __name__ == "__main__":
    main()
