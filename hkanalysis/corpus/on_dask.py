"""Loading a corpus on a Dask cluster: ``load_corpus(folder, engine="dask", scheduler=...)``.

The files are cut into partitions of about ``PARTITION_BYTES`` of input, in path order. Two
rounds of tasks run on the cluster:

1. each task reads its partition's files (``reading.load_file``: read, clean, split sentences,
   shingle, tag), which leaves each file's tables in the shared cache, and hands back only what
   recognising copies needs: each article's id, file, role, length and date, and its shingles;
2. the client recognises copies across the whole corpus (``stories.assign_stories``), then each
   task writes its partition of the final tables, manifest applied and stories joined, as
   ``dataset/<fingerprint>/<table>/part-00000.parquet``.

The Corpus's ``articles``, ``sentences`` and ``mentions`` are Dask DataFrames over those files,
one partition per part file, aligned (see ``hkanalysis.engine``). A dataset that is complete
(``done`` written last) is opened without running anything. The cache must be a folder that the
client and every worker can reach, such as a shared file system (``HKANALYSIS_CACHE``).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..engine import client as dask_client
from ..ingest.manifest import apply_manifest, unmatched_files
from ..tables import ARTICLE_COLUMNS, SCHEMAS, STORY_SCHEMA
from .model import TABLES, Corpus, as_pandas, in_article_order
from .reading import ReadJob, load_file
from .stories import assign_stories

log = logging.getLogger(__name__)

PARTITION_BYTES = 64_000_000  # input read by one Dask task: big enough to be worth a task, small enough to spread
# what each task hands back of its articles (all but the text): the client applies the manifest to
# them and recognises copies of a story across the corpus
GATHERED_ARTICLE_COLUMNS = [c for c in ARTICLE_COLUMNS if c not in ("text", *STORY_SCHEMA.names)]
PARTITIONED = ("articles", "sentences", "mentions")


def load(
    job: ReadJob,
    files: list[Path],
    keys: dict[Path, str],
    *,
    ignored: pa.Table,
    manifest_table: pd.DataFrame | None,
    root: Path,
    fingerprint: str,
    tagged_with: str,
    scheduler: Any,
    progress: bool,
) -> Corpus:
    """The Corpus of ``files`` (``keys``: each file's key) as Dask tables (see the module docstring)."""
    dataset = job.cache_root / "dataset" / fingerprint
    if not dataset_done(dataset):
        _build(
            job,
            files,
            keys,
            ignored=ignored,
            manifest_table=manifest_table,
            dataset=dataset,
            scheduler=scheduler,
            progress=progress,
        )
    return open_dataset(
        dataset, root=root, fingerprint=fingerprint, tagged_with=tagged_with, manifest_table=manifest_table
    )


def dataset_done(dataset: Path) -> bool:
    """True when the dataset was written to the end: its ``done`` file names how many partitions, and
    each partition's files are there. A damaged one is written again (with a warning)."""
    if not (dataset / "done").exists():
        return False
    try:
        parts = json.loads((dataset / "done").read_text())["partitions"]
        return all((dataset / name / f"part-{i:05d}.parquet").is_file() for name in PARTITIONED for i in range(parts))
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("the Dask dataset %s cannot be read (%s): it is written again", dataset, error)
        return False


def open_dataset(
    dataset: Path, *, root: Path, fingerprint: str, tagged_with: str, manifest_table: pd.DataFrame | None = None
) -> Corpus:
    """A Corpus over a dataset written by ``load`` (nothing is read until something is computed)."""
    import dask
    import dask.dataframe as dd

    parts = json.loads((dataset / "done").read_text())["partitions"]  # (checked by dataset_done)
    tables = {}
    for name in PARTITIONED:
        files = [str(dataset / name / f"part-{i:05d}.parquet") for i in range(parts)]
        meta = as_pandas(name, SCHEMAS[name].empty_table() if name != "articles" else _articles_schema().empty_table())
        with dask.config.set({"dataframe.convert-string": False}):  # the same string type as the pandas engine
            tables[name] = dd.from_map(_read_part, files, [name] * parts, meta=meta, enforce_metadata=False)
    skipped = as_pandas("skipped", pq.read_table(dataset / "skipped.parquet"))
    unmatched = []
    if manifest_table is not None:
        sources = pq.read_table(dataset / "sources.parquet").column("source_path").to_pylist()
        unmatched = unmatched_files(manifest_table, pd.Series(sources + skipped["source_path"].tolist(), dtype=object))
    return Corpus(
        tables["articles"],
        tables["sentences"],
        skipped,
        root=root,
        fingerprint=fingerprint,
        manifest_unmatched=unmatched,
        mentions=tables["mentions"],
        tagged_with=tagged_with,
        engine="dask",
        columns=pq.read_table(dataset / "columns.parquet").to_pandas(),
    )


def _build(
    job: ReadJob, files, keys, *, ignored, manifest_table, dataset: Path, scheduler: Any, progress: bool
) -> None:
    from distributed import progress as show_progress

    client = dask_client(scheduler)
    partitions = _partitions(sorted(files, key=lambda file: file.relative_to(job.folder).as_posix()))
    read = client.map(
        _read_partition, [job] * len(partitions), [[(f, keys[f]) for f in p] for p in partitions], pure=False
    )
    if progress:
        show_progress(read)
    found = client.gather(read)

    articles = pd.concat([part["articles"] for part in found], ignore_index=True)
    if manifest_table is not None:
        articles = apply_manifest(articles, manifest_table)
    story = assign_stories(articles, shingles=pd.concat([part["shingles"] for part in found], ignore_index=True))
    story["article_id"] = articles["article_id"]
    story_parts = [story.iloc[a:b] for a, b in _bounds([len(part["articles"]) for part in found])]

    for name in PARTITIONED:
        (dataset / name).mkdir(parents=True, exist_ok=True)
    written = client.map(
        _write_partition,
        [job] * len(partitions),
        [[(f, keys[f]) for f in p] for p in partitions],
        story_parts,
        range(len(partitions)),
        dataset=dataset,
        manifest_table=manifest_table,
        pure=False,
    )
    skipped = pa.concat_tables([*client.gather(written), ignored])
    pq.write_table(skipped, dataset / "skipped.parquet")
    columns = pd.concat([part["columns"] for part in found], ignore_index=True)
    pq.write_table(
        pa.Table.from_pandas(columns, schema=SCHEMAS["columns"], preserve_index=False), dataset / "columns.parquet"
    )
    pq.write_table(
        pa.table(
            {"source_path": articles["source_path"].drop_duplicates().tolist()},
            schema=pa.schema([("source_path", pa.string())]),
        ),
        dataset / "sources.parquet",
    )
    (dataset / "done").write_text(json.dumps({"partitions": len(partitions), "articles": len(articles)}))


def _partitions(files: list[Path]) -> list[list[Path]]:
    """Runs of consecutive files with about ``PARTITION_BYTES`` of input each (at least one file each)."""
    partitions: list[list[Path]] = [[]]
    size = 0
    for file in files:
        if partitions[-1] and size >= PARTITION_BYTES:
            partitions.append([])
            size = 0
        partitions[-1].append(file)
        size += file.stat().st_size
    return partitions if partitions[0] else []


def _bounds(lengths: list[int]) -> list[tuple[int, int]]:
    ends = pd.Series(lengths, dtype="int64").cumsum().tolist()
    return list(zip([0, *ends[:-1]], ends))


def _read_partition(job: ReadJob, files: list[tuple[Path, str]]) -> dict[str, pd.DataFrame]:
    tables = [load_file(job, file, key) for file, key in files]
    articles = as_pandas("articles", pa.concat_tables([t["articles"] for t in tables]).drop_columns("text"))
    order = articles.sort_values(["source_path", "part"]).index
    return {
        "articles": articles.loc[order, GATHERED_ARTICLE_COLUMNS].reset_index(drop=True),
        "shingles": pa.concat_tables([t["shingles"] for t in tables]).to_pandas(),
        "columns": pa.concat_tables([t["columns"] for t in tables]).to_pandas(),
    }


def _write_partition(
    job: ReadJob, files, stories: pd.DataFrame, index: int, *, dataset: Path, manifest_table
) -> pa.Table:
    """Write partition ``index`` of the final tables; give back its rows of ``skipped``."""
    tables = [load_file(job, file, key) for file, key in files]
    articles, sentences, skipped, mentions = (
        as_pandas(name, pa.concat_tables([t[name] for t in tables])) for name in TABLES
    )
    if manifest_table is not None:
        articles = apply_manifest(articles, manifest_table)
    articles = articles.sort_values(["source_path", "part"], ignore_index=True)
    articles = articles.merge(stories, on="article_id", how="left", validate="one_to_one")[ARTICLE_COLUMNS]
    sentences, mentions = (in_article_order(table, articles) for table in (sentences, mentions))
    for name, table in (("articles", articles), ("sentences", sentences), ("mentions", mentions)):
        table.to_parquet(dataset / name / f"part-{index:05d}.parquet", index=False)
    return pa.Table.from_pandas(skipped, schema=SCHEMAS["skipped"], preserve_index=False)


def _read_part(path: str, name: str) -> pd.DataFrame:
    return as_pandas(name, pq.read_table(path))


def _articles_schema() -> pa.Schema:
    return pa.schema([*SCHEMAS["articles"], *STORY_SCHEMA])
