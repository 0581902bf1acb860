"""Time loading the trade-war corpus (about 5,300 articles), cold and from the cache.

    .venv/bin/python bench/load.py [--corpus ../shared/corpora/trade-war]

Each phase runs in a fresh Python process, so its peak memory (maximum resident set size) is its
own and the cached load pays for its imports like a real session does. The cache lives in a
temporary folder, so a run never reads a developer's cache.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "trade-war"


def phase(corpus: Path) -> dict:
    started = time.perf_counter()
    from hkanalysis import load_corpus  # imports are part of what a load costs

    loaded = load_corpus(corpus, manifest=False)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "articles": len(loaded.articles),
        "sentences": len(loaded.sentences),
        "skipped": len(loaded.skipped),
        "seconds": seconds,
        "peak_mib": peak_kib / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--phase", choices=["cold", "cached"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}: this benchmark needs ../shared/corpora/trade-war", file=sys.stderr)
        return 1
    if args.phase:
        print(json.dumps(phase(args.corpus)))
        return 0

    with tempfile.TemporaryDirectory(prefix="hkanalysis-bench-cache-") as cache:
        env = {**os.environ, "HKANALYSIS_CACHE": cache}
        results = {}
        for name in ("cold", "cached"):
            out = subprocess.run(
                [sys.executable, __file__, "--corpus", str(args.corpus), "--phase", name],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            results[name] = json.loads(out.stdout.strip().splitlines()[-1])

    first = results["cold"]
    print(f"corpus: {args.corpus}")
    print(f"{first['articles']} articles, {first['sentences']} sentences, {first['skipped']} skipped-input rows\n")
    print(f"{'load':<8}{'seconds':>10}{'articles/s':>14}{'peak MiB':>11}")
    for name, result in results.items():
        rate = result["articles"] / result["seconds"]
        print(f"{name:<8}{result['seconds']:>10.2f}{rate:>14,.0f}{result['peak_mib']:>11,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
