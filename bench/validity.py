"""Numbers an analyst can defend: the lexicons' precision and recall from the judged samples.

Prints, for every theme and the most frequent actors on the trade-war corpus (the held-out half:
articles whose id is odd, see data/audits/README.md):

- hit precision before (the lexicons at main's e61af7e, no dateline rule) and after (the
  lexicons and tagger of this tree), each from its own judged sample, weighted back to its hits,
  with a 95% Wilson interval;
- article recall of both on the same judged article sample;
- how many Washington, D.C. and Beijing (city) hits were datelines before;
- the Fightin' Words calibration: the share of terms past |z| > 1.96 on random splits of each
  trade-war outlet (about 5% expected).

    .venv/bin/python bench/validity.py

Needs ../shared/corpora/trade-war and git (for the lexicons at e61af7e).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import hkanalysis as hk
from hkanalysis import narratives, paths
from hkanalysis.analyses import audit
from hkanalysis.tagging import load_actors, load_themes, tag

BEFORE = "e61af7e"
AUDITS = paths.DATA / "audits"
CORPUS = paths.CORPORA / "trade-war"


def held_out(ids: pd.Series) -> np.ndarray:
    """The half the figures are reported on: articles whose id (a hex hash) is odd."""
    return ids.map(lambda a: int(a[1:], 16) % 2 == 1).to_numpy()


def lexicons_at(commit: str, folder: Path):
    """The bundled lexicons as they were at ``commit``."""
    found = []
    for name, load in (("themes", load_themes), ("actors", load_actors)):
        path = folder / f"{name}.yaml"
        text = subprocess.run(
            ["git", "-C", str(paths.PROJECT_ROOT), "show", f"{commit}:data/lexicons/{name}.yaml"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        path.write_text(text, encoding="utf-8")
        found.append(load(path))
    return found


def precision_table(hits: pd.DataFrame) -> pd.DataFrame:
    """Precision per key, before and after, side by side."""
    rows = []
    for version in ("before", "after"):
        table = audit.precision(hits.loc[hits["version"] == version]).set_index("key")
        rows.append(
            table[["precision", "low", "high", "judged"]].add_prefix(f"{version}_") if len(table) else pd.DataFrame()
        )
    return pd.concat(rows, axis=1)


def calibration(articles: pd.DataFrame, seeds: int = 5) -> list[tuple[str, str, float]]:
    """Share of terms past |z| > 1.96 on random halves of one outlet's articles."""
    rng = np.random.default_rng(0)
    rows = []
    for outlet, group in articles.groupby("outlet"):
        for by_documents in (False, True):
            shares = []
            for _ in range(seeds):
                halves = group.assign(half=np.where(rng.random(len(group)) < 0.5, "x", "y"))
                table = narratives.distinctive_terms(halves, "half", by_documents=by_documents)
                z = table.loc[table["group"] == "x", "z"]
                shares.append(float((z.abs() > 1.96).mean()))
            rows.append((outlet, "articles" if by_documents else "uses", float(np.mean(shares))))
    return rows


def main() -> int:
    if not CORPUS.exists():
        print(f"needs {CORPUS}")
        return 1
    corpus = hk.load_corpus(CORPUS, manifest=paths.DATA / "manifests" / "trade-war.csv")
    articles = corpus.articles.loc[held_out(corpus.articles["article_id"])]
    sentences = corpus.sentences.loc[corpus.sentences["article_id"].isin(articles["article_id"])]
    with tempfile.TemporaryDirectory() as folder:
        themes, actors = lexicons_at(BEFORE, Path(folder))
        before = tag(articles.assign(dateline_end=0), sentences=sentences, themes=themes, actors=actors)
    after = corpus.mentions.loc[corpus.mentions["article_id"].isin(articles["article_id"])]

    all_hits = audit.read_audit(AUDITS / "hits.csv")
    hits = all_hits.loc[all_hits["corpus"] == "trade-war"]
    judged = audit.read_audit(AUDITS / "trade-war-articles.csv")
    table = precision_table(hits)
    recall = {
        version: audit.recall(judged, mentions).set_index("key")
        for version, mentions in (("before", before), ("after", after))
    }
    theme_keys = sorted(load_themes().entries["key"])
    print(f"trade-war, held-out half ({len(articles):,} articles); before = lexicons at {BEFORE}, no dateline rule\n")
    print(f"{'theme':22} {'precision before':>24} {'precision after':>24} {'recall before':>22} {'recall after':>22}")
    for key in theme_keys:
        row = table.loc[key] if key in table.index else None
        cells = [
            _interval(row, version, "precision", "judged") if row is not None else "-"
            for version in ("before", "after")
        ]
        for version in ("before", "after"):
            r = recall[version]
            cells.append(_interval(r.loc[key], "", "recall", "relevant") if key in r.index else "-")
        print(f"{key:22} {cells[0]:>24} {cells[1]:>24} {cells[2]:>22} {cells[3]:>22}")
    print(f"\n{'actor':22} {'precision before':>24} {'precision after':>24}")
    for key in [k for k in table.index if k not in theme_keys]:
        row = table.loc[key]
        print(
            f"{key:22} {_interval(row, 'before', 'precision', 'judged'):>24} "
            f"{_interval(row, 'after', 'precision', 'judged'):>24}"
        )

    others = all_hits.loc[all_hits["corpus"] != "trade-war"]
    print("\nOther corpora (exports, chinese: all of them held out), hit precision where a key has hits")
    print(f"{'key':22} {'precision before':>24} {'precision after':>24}")
    other = precision_table(others)
    for key in other.index:
        row = other.loc[key]
        print(
            f"{key:22} {_interval(row, 'before', 'precision', 'judged'):>24} "
            f"{_interval(row, 'after', 'precision', 'judged'):>24}"
        )

    ends = articles.set_index("article_id")["dateline_end"]
    print("\nDatelines (held-out half): hits inside the dateline before the dateline rule")
    for key in ("Washington, D.C.", "Beijing (city)"):
        rows = before.loc[before["key"] == key]
        inside = int((rows["start"] < rows["article_id"].map(ends)).sum())
        print(
            f"  {key}: {inside} of {len(rows)} ({inside / max(len(rows), 1):.0%}); after the rule: "
            f"{int((after['key'] == key).sum())} hits"
        )

    print("\nFightin' Words calibration: share of terms with |z| > 1.96 on random halves of one outlet (5 splits)")
    for outlet, counted, share in calibration(corpus.articles):
        print(f"  {outlet:22} counting {counted:8} {share:.1%}")
    return 0


def _interval(row, version: str, name: str, count: str) -> str:
    prefix = f"{version}_" if version else ""
    value = row[f"{prefix}{name}"]
    if pd.isna(value):
        return "-"
    return f"{value:.2f} [{row[f'{prefix}low']:.2f}, {row[f'{prefix}high']:.2f}] n={int(row[f'{prefix}{count}'])}"


if __name__ == "__main__":
    sys.exit(main())
