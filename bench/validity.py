"""Numbers an analyst can defend: the lexicons' precision and recall from the judged samples.

Prints, for every theme and the most frequent actors on the trade-war corpus (the held-out half:
articles whose id is odd, see data/audits/README.md):

- hit precision before (the lexicons at main's e61af7e, no dateline rule) and after (the
  lexicons and tagger of this tree), each from its own judged sample, weighted back to its hits,
  with a 95% Wilson interval;
- article recall of both on the same judged article sample;
- ``after2``: the lexicons after the second round of edits (issue 13 item 4), each changed theme
  and actor from a new sample (seed 15) of the held-out half, and recall from new, larger article
  samples (rows whose note starts with "after2");
- ``after3``: the third round (Chinese terms for the cross-border projects, developed on the even
  half of the chinese corpus): hq_relocation and mainland_integration again on trade-war (every
  held-out hit), the other corpora's themes on their odd halves (seed 17), and article recall of
  hq_relocation and mainland_integration on the chinese corpus's odd half
  (``data/audits/chinese-articles.csv``), where they occur (trade-war has about one relevant
  article for each);
- ``after4``: the fourth round, on the exports corpus's headlines (developed on its even half):
  every theme and the 15 actors with most hits in exports, on its odd half (seed 18; supply_chains
  and hq_relocation drawn again with seed 19 after edits that followed errors in that sample), and
  article recall there (``data/audits/exports-articles.csv``);
- ``after5``: the fifth round, exports' recall (developed on its even half: AI companies, chip
  firms, electric two-wheelers and battery makers by name, share-price headlines, FTAs; India,
  Europe and Vietnam inside longer names): each changed theme (30 hits) and actor (15) on the odd
  half (seed 20), and a new article sample there (seed 20, rows whose note starts with "after5"),
  reported beside the after4 sample's recall with today's lexicons;
- ``after6``: the sixth round, hq_relocation (developed on the even halves of every corpus): every
  held-out hit on trade-war, exports, chinese and page-text, judged by two judges apart, and article
  recall of hq_relocation and mainland_integration on trade-war (every tagged article and every
  article using a broad word, a census, and 30 of the rest) and of hq_relocation on exports;
- the latest audited precision of every theme, each corpus's latest round pooled, as charts and
  notes state it;
- how many Washington, D.C. and Beijing (city) hits were datelines before;
- the Fightin' Words calibration: the share of terms past |z| > 1.96 on random splits of each
  trade-war outlet (about 5% expected).

    .venv/bin/python bench/validity.py [--extra NAME=PATH ...]

Needs ../shared/corpora/trade-war and git (for the lexicons at e61af7e); the chinese and exports corpora and
each ``--extra`` corpus (judged rows under ``corpus`` NAME in hits.csv, articles in
``data/audits/NAME-articles.csv``) are skipped when absent.
"""

from __future__ import annotations

import argparse
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
VERSIONS = ("before", "after", "after2", "after3", "after4", "after5", "after6")
RECALLS = ("before", "after", "after2", "after6")  # the rounds with an article sample on trade-war
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
    for version in VERSIONS:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[], metavar="NAME=PATH", help="another judged corpus")
    args = parser.parse_args(argv)
    extras = {name: paths.CORPORA / name for name in ("chinese", "exports", "page-text")}
    for item in args.extra:
        name, _, path = item.partition("=")
        if not name or not path:
            parser.error(f"--extra wants NAME=PATH, not {item!r}")
        extras[name] = Path(path)
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
    articles_judged = audit.read_audit(AUDITS / "trade-war-articles.csv")
    second = articles_judged["note"].str.startswith("after2")
    sixth = articles_judged["note"].str.startswith("after6")
    judged = articles_judged.loc[~second & ~sixth]
    table = precision_table(hits)
    recall = {
        version: audit.recall(judged, mentions).set_index("key")
        for version, mentions in (("before", before), ("after", after))
    }
    recall["after2"] = audit.recall(articles_judged.loc[second], after).set_index("key")
    recall["after6"] = audit.recall(articles_judged.loc[sixth], after).set_index("key")
    theme_keys = sorted(load_themes().entries["key"])
    print(f"trade-war, held-out half ({len(articles):,} articles); before = lexicons at {BEFORE}, no dateline rule\n")
    print(
        f"{'theme':22} "
        + " ".join(f"{'precision ' + v:>24}" for v in VERSIONS)
        + " "
        + " ".join(f"{'recall ' + v:>22}" for v in RECALLS)
    )
    for key in theme_keys:
        row = table.loc[key] if key in table.index else None
        cells = [_interval(row, version, "precision", "judged") if row is not None else "-" for version in VERSIONS]
        for version in RECALLS:
            r = recall[version]
            cells.append(_interval(r.loc[key], "", "recall", "relevant") if key in r.index else "-")
        print(
            f"{key:22} "
            + " ".join(f"{cell:>24}" for cell in cells[: len(VERSIONS)])
            + " "
            + " ".join(f"{c:>22}" for c in cells[len(VERSIONS) :])
        )
    print(f"\n{'actor':22} " + " ".join(f"{'precision ' + v:>24}" for v in VERSIONS))
    for key in [k for k in table.index if k not in theme_keys]:
        row = table.loc[key]
        print(f"{key:22} " + " ".join(f"{_interval(row, v, 'precision', 'judged'):>24}" for v in VERSIONS))

    others = all_hits.loc[all_hits["corpus"] != "trade-war"]
    print(
        "\nOther corpora (exports' odd half; chinese: all of it until after2, its odd half in after3), "
        "hit precision where a key has hits, each round's corpora pooled"
    )
    print(f"{'key':22} " + " ".join(f"{'precision ' + v:>24}" for v in VERSIONS))
    other = precision_table(others)
    for key in other.index:
        row = other.loc[key]
        print(f"{key:22} " + " ".join(f"{_interval(row, v, 'precision', 'judged'):>24}" for v in VERSIONS))

    print("\nLatest audited precision, each corpus's latest round pooled (as charts, notes and reports state it)")
    for key in theme_keys:
        print(f"  {audit.lexicon_statement(key)}")

    for name, folder in extras.items():
        _extra_corpus(name, folder, all_hits)

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


def _extra_corpus(name: str, folder: Path, all_hits: pd.DataFrame) -> None:
    """Recall (and precision) on another corpus from its judged articles, with today's tagging."""
    judged_articles = AUDITS / f"{name}-articles.csv"
    if not folder.exists():
        print(f"\n{name}: skipped, no corpus at {folder}")
        return
    print(f"\n{name} ({folder}), held-out (odd-id) half")
    hits = all_hits.loc[all_hits["corpus"] == name]
    # each key from the latest round that judged it on this corpus (a round judges the keys it changed)
    for key, rows in hits.groupby("key", sort=True):
        latest = max((v for v in set(rows["version"]) if v in VERSIONS), key=VERSIONS.index)
        row = audit.precision(rows.loc[rows["version"] == latest]).iloc[0]
        print(f"  {key:22} precision {latest:6} {_interval(row, '', 'precision', 'judged')}")
    if judged_articles.is_file():
        corpus = hk.load_corpus(folder)
        judged = audit.read_audit(judged_articles)
        # each round's sample apart: its strata were drawn with that round's tags and broad words
        rounds = judged["note"].str.extract(r"^(after\d*)", expand=False).fillna("")
        for version in sorted(set(rounds), key=lambda v: (len(v), v)):
            recall = audit.recall(judged.loc[rounds == version], corpus.mentions).set_index("key")
            for key, row in recall.iterrows():
                label = f"article recall ({version or 'first'} sample, today's lexicons)"
                print(f"  {key:22} {label} {_interval(row, '', 'recall', 'relevant')}")


def _interval(row, version: str, name: str, count: str) -> str:
    prefix = f"{version}_" if version else ""
    if f"{prefix}{name}" not in row.index:
        return "-"
    value = row[f"{prefix}{name}"]
    if pd.isna(value):
        return "-"
    return f"{value:.2f} [{row[f'{prefix}low']:.2f}, {row[f'{prefix}high']:.2f}] n={int(row[f'{prefix}{count}'])}"


if __name__ == "__main__":
    sys.exit(main())
