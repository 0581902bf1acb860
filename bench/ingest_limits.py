"""A real-size compression bomb against the loader: a gzip file of a few MB that inflates to 4 GiB.

    .venv/bin/python bench/ingest_limits.py [--gib 4]

Writes the bomb (streamed: never 4 GiB in memory or on disk) and one good CSV into a temporary
folder, then loads the folder in a fresh Python process twice: with the limits as shipped, and
with the ratio check off (only ``MAX_INFLATED_BYTES`` stops it), and prints for each what was
skipped, the seconds and the peak memory (maximum resident set size of the process or of any of
its worker processes).
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=4.0, help="how many GiB the bomb inflates to")
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


if __name__ == "__main__":
    main()
