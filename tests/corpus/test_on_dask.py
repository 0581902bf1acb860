"""Loading on Dask (``engine="dask"``) gives the same corpus as loading in memory.

Runs on a ``distributed.LocalCluster`` of two worker processes, started once for the module. Each
input file is made its own partition, so the fixture corpus (4 files) has 4 partitions and the
trade-war sample 2, and anything that crossed partitions wrongly would show.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import shared_corpus

from hkanalysis import kwic, load_corpus, tag
from hkanalysis import load_themes as hk_load_themes
from hkanalysis.corpus import on_dask as cluster
from hkanalysis.corpus import stories
from hkanalysis.paths import PROJECT_ROOT

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a two-worker cluster for the module

ORDER = {
    "articles": ["source_path", "part"],
    "sentences": ["article_id", "sentence_id"],
    "mentions": ["article_id", "start", "kind"],
}


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local,
        distributed.Client(local) as connected,
    ):
        yield connected


@pytest.fixture(autouse=True)
def one_file_per_partition(monkeypatch):
    monkeypatch.setattr(cluster, "PARTITION_BYTES", 1)


def assert_same_corpus(on_dask, in_memory) -> None:
    assert on_dask.engine == "dask" and in_memory.engine == "pandas"
    assert on_dask.fingerprint == in_memory.fingerprint
    for name, keys in ORDER.items():
        computed = getattr(on_dask, name).compute().sort_values(keys, ignore_index=True)
        pd.testing.assert_frame_equal(computed, getattr(in_memory, name).sort_values(keys, ignore_index=True), obj=name)
    pd.testing.assert_frame_equal(
        on_dask.skipped.sort_values("source_path", ignore_index=True),
        in_memory.skipped.sort_values("source_path", ignore_index=True),
    )


def test_fixture_corpus_is_the_same_on_dask(client, corpus_folder):
    (corpus_folder / "manifest.csv").write_text(
        "file,outlet,published\nhk_ev_page.txt,Harbour Daily,2025-09-13 08:00 +08:00\nwire.csv,Newswire,\n"
    )
    in_memory = load_corpus(corpus_folder)
    on_dask = load_corpus(corpus_folder, engine="dask", scheduler=client)
    assert on_dask.articles.npartitions == 4  # feed.jsonl, hk_ev_page.txt, page.html, wire.csv
    assert_same_corpus(on_dask, in_memory)
    # what became of the exports' columns, recorded by either engine
    pd.testing.assert_frame_equal(on_dask.columns, in_memory.columns)
    assert set(on_dask.columns["source_path"]) == {"feed.jsonl", "wire.csv"}
    # the manifest was applied inside the partitions: 1 page + 3 wire rows carry its outlets
    outlets = on_dask.articles["outlet"].compute().value_counts()
    assert (outlets["Harbour Daily"], outlets["Newswire"]) == (1, 3)
    # the CSV's first row copies the page's first paragraph: one story across two partitions
    stories = on_dask.articles.compute().set_index(["source_path", "part"])["story_id"]
    assert stories[("wire.csv", 0)] == stories[("hk_ev_page.txt", 0)]


def test_select_and_tag_on_dask_match_pandas(client, corpus_folder):
    in_memory = load_corpus(corpus_folder, manifest=False)
    on_dask = load_corpus(corpus_folder, manifest=False, engine="dask", scheduler=client)
    spring, spring_dask = (
        in_memory.select(start="2025-03-03", end="2025-05-14"),
        on_dask.select(start="2025-03-03", end="2025-05-14"),
    )
    for name, keys in ORDER.items():
        computed = getattr(spring_dask, name).compute().sort_values(keys, ignore_index=True)
        pd.testing.assert_frame_equal(computed, getattr(spring, name).sort_values(keys, ignore_index=True), obj=name)
    assert len(spring.articles) == 3  # 03-03, 04-25 and 05-14 (see test_corpus)
    # tagging a Dask corpus with other lexicons runs partition by partition
    themes = PROJECT_ROOT / "tests" / "fixtures" / "lexicons" / "themes.yaml"
    mine = tag(on_dask, themes=themes).compute().sort_values(ORDER["mentions"], ignore_index=True)
    pd.testing.assert_frame_equal(mine, tag(in_memory, themes=themes).sort_values(ORDER["mentions"], ignore_index=True))
    assert set(mine.loc[mine["kind"] == "theme", "key"]) <= set(hk_load_themes(themes).labels)


def test_a_built_dataset_opens_without_running_tasks(client, corpus_folder, monkeypatch):
    first = load_corpus(corpus_folder, manifest=False, engine="dask", scheduler=client)

    def fail(*args, **kwargs):
        raise AssertionError("the dataset was built again")

    monkeypatch.setattr(cluster, "_build", fail)
    again = load_corpus(corpus_folder, manifest=False, engine="dask", scheduler=client)
    pd.testing.assert_frame_equal(again.articles.compute(), first.articles.compute())


@pytest.mark.shared
def test_trade_war_sample_is_the_same_on_dask(client, tmp_path):
    source = shared_corpus("trade-war")
    folder = tmp_path / "trade-war-sample"
    folder.mkdir()
    for name in ("peoples_daily_tariff.csv", "nyt_us_china.csv"):
        pd.read_csv(source / name).iloc[::8].to_csv(folder / name, index=False)  # every 8th row: ~660 articles
    manifest = PROJECT_ROOT / "data" / "manifests" / "trade-war.csv"
    in_memory = load_corpus(folder, manifest=manifest)
    on_dask = load_corpus(folder, manifest=manifest, engine="dask", scheduler=client)
    assert on_dask.articles.npartitions == 2
    assert len(in_memory.articles) > 600
    assert_same_corpus(on_dask, in_memory)


def test_kwic_and_story_helpers_take_dask_tables(client, corpus_folder):
    in_memory = load_corpus(corpus_folder, manifest=False)
    on_dask = load_corpus(corpus_folder, manifest=False, engine="dask", scheduler=client)
    pd.testing.assert_frame_equal(kwic(on_dask, key="ev"), kwic(in_memory, key="ev"))
    pd.testing.assert_frame_equal(kwic(on_dask, term="assembly base"), kwic(in_memory, term="assembly base"))
    for dedupe in (True, False):
        searched = kwic(on_dask, term="assembly base", dedupe=dedupe)
        assert searched.attrs == kwic(in_memory, term="assembly base", dedupe=dedupe).attrs
    # the page and its copy in wire.csv say it: one copy per story shows the page's hit alone
    assert len(kwic(in_memory, term="assembly base", dedupe=False)) == 2
    assert len(kwic(in_memory, term="assembly base")) == 1
    assert kwic(in_memory, term="assembly base").attrs["copies_left_out"] == 1
    copied = stories.most_copied(on_dask.articles)
    assert copied == stories.most_copied(in_memory.articles)
    pd.testing.assert_frame_equal(
        stories.versions(on_dask.articles, copied[0]), stories.versions(in_memory.articles, copied[0])
    )


def test_a_script_without_a_main_guard_is_told_what_to_do(tmp_path, corpus_folder):
    import subprocess
    import sys

    script = tmp_path / "count.py"
    script.write_text(
        "import hkanalysis as hk\n"
        f"corpus = hk.load_corpus({str(corpus_folder)!r}, engine='dask', manifest=False)\n"
        "print(len(corpus.articles))\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=240)
    # the workers run the script again as they start and cannot start a cluster of their own:
    # the script stops with a message naming it and the fix, not an empty RuntimeError
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("hkanalysis.errors.HKAnalysisError: the local Dask cluster's workers could not start")
    assert str(script) in last and 'if __name__ == "__main__":' in last
