"""Time the explorer's audit view (✓/✗ beside the keyword-in-context lines) on the trade-war corpus.

    .venv/bin/python bench/audit_view.py [--corpus ../shared/corpora/trade-war] [--theme tariffs]

Times, for one theme: turning "Mark ✓/✗" on (the first 60 lines and their toggles), a filter
change that keeps the same lines (period: the toggles are set again from the file) and one that
changes them (outlet: the lines are made anew), "Draw audit sample" (``audit.sample_hits`` of the
corpus's hits, written to the audit file) and each of 60 clicks on a sample line (the file written
and read back, the precision line remade). Prints the median and the slowest against the 1-second
target. The audit files go to a temporary folder. Skips cleanly (exit 0) without the corpus.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "trade-war"
TARGET = 1.0  # seconds


def timed(action) -> float:
    """Seconds ``action()`` takes."""
    clock = time.perf_counter()
    action()
    return time.perf_counter() - clock


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--theme", default="tariffs")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: no corpus at {args.corpus} (this benchmark needs ../shared/corpora/trade-war)")
        return 0

    import hkanalysis as hk
    from hkanalysis import paths
    from hkanalysis.explorer import Explorer

    corpus = hk.load_corpus(args.corpus, manifest=paths.MANIFESTS / "trade-war.csv")
    with tempfile.TemporaryDirectory() as folder:
        explorer = Explorer(corpus, export_dir=Path(folder))
        explorer.set_filters(theme=args.theme)
        explorer.wait()
        switch, draw = explorer.widgets["hk-audit-switch"], explorer.widgets["hk-audit-draw"]
        figures = {"Mark ✓/✗ on (first lines)": timed(lambda: setattr(switch, "value", True))}
        figures["period change (same lines)"] = timed(lambda: explorer.set_filters(period="Q"))
        figures["outlet change (new lines)"] = timed(lambda: explorer.set_filters(outlet="People's Daily"))
        explorer.set_filters(outlet="")
        figures["Draw audit sample"] = timed(draw.click)
        clicks = []
        for line in range(len(explorer.audit.lines)):
            button = explorer.widgets["hk-audit-lines"].children[line].children[line % 2]
            clicks.append(timed(lambda b=button: setattr(b, "value", True)))
        explorer.wait()
        print(f"{len(corpus.articles):,} articles; theme {args.theme}; {len(explorer.audit.lines)} sample lines")
        for name, seconds in figures.items():
            print(f"  {name:<30} {seconds:6.3f} s")
        print(f"  {'one click (median of ' + str(len(clicks)) + ')':<30} {statistics.median(clicks):6.3f} s")
        print(f"  {'one click (slowest)':<30} {max(clicks):6.3f} s   (target {TARGET:.0f} s)")
        print(f"  precision line: {explorer.audit.summary[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
