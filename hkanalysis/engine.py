"""Where the work runs: in memory with pandas (the default), or on a Dask cluster.

``load_corpus(folder, engine="dask", scheduler="tcp://host:8786")`` runs the per-article steps
(read, clean, split, tag) as Dask tasks and gives a Corpus whose ``articles``, ``sentences`` and
``mentions`` are ``dask.dataframe`` frames read from a partitioned Parquet dataset. The analyses
take either kind of table and give the same pandas results; they reduce the big tables to counts
with Dask and finish the arithmetic (intervals, PMI, log-odds) in pandas.

The partitions of a Dask corpus are *aligned*: ``articles``, ``sentences`` and ``mentions`` have the
same number of partitions, and partition ``i`` of each holds the rows of the same articles. An
article's sentences and mentions never span partitions, so anything counted within an article
(sentence co-occurrence, theme presence, words per article) is counted one partition at a time
and summed.

Dask is imported only when it is used: a pandas session never pays for it.
"""

from __future__ import annotations

import sys
from typing import Any

import pandas as pd

ENGINES = ("pandas", "dask")


def check_engine(engine: str) -> str:
    """``engine`` if it is one of ``ENGINES``, else a ValueError that names the choices."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))}, got {engine!r}")
    return engine


def is_dask(frame: Any) -> bool:
    """True for a dask DataFrame or Series (without importing Dask when no one has)."""
    if "dask.dataframe" not in sys.modules:
        return False
    import dask.dataframe as dd

    return isinstance(frame, (dd.DataFrame, dd.Series))


def compute(frame: Any) -> Any:
    """A pandas object: a Dask one computed, anything else as it is."""
    return frame.compute() if is_dask(frame) else frame


def client(scheduler: Any = None):
    """A ``distributed.Client``: for ``scheduler`` (an address like ``"tcp://10.0.0.5:8786"`` or a
    Client), else the one this session already has, else a new local cluster of one worker per core.
    """
    from distributed import Client, LocalCluster, default_client

    if isinstance(scheduler, Client):
        return scheduler
    if scheduler:
        return Client(scheduler)
    try:
        return default_client()
    except ValueError:  # no client yet in this session
        return Client(LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None))


def aligned(tables: dict[str, pd.DataFrame], npartitions: int) -> dict[str, Any]:
    """pandas corpus tables as aligned Dask frames of ``npartitions`` partitions (see the module docstring).

    ``tables`` maps names to frames that all have an ``article_id`` column; the first is the one
    whose articles are split (in its row order) into ``npartitions`` runs of about equal length.
    Used by the tests, and to run the Dask code paths on a corpus already in memory.
    """
    import dask.dataframe as dd
    import numpy as np

    names = list(tables)
    ids = tables[names[0]]["article_id"].to_numpy()
    bounds = np.linspace(0, len(ids), max(1, npartitions) + 1).round().astype(int)
    part_of = pd.Series(np.repeat(np.arange(len(bounds) - 1), np.diff(bounds)), index=ids)
    frames = {}
    for name in names:
        table = tables[name].reset_index(drop=True)
        part = part_of.reindex(table["article_id"].to_numpy()).to_numpy()
        if np.isnan(part.astype(float)).any():
            raise ValueError(f"{name} has rows whose article_id is not in {names[0]}")
        pieces = [table[part == i] for i in range(len(bounds) - 1)]
        frames[name] = dd.from_delayed([_delayed(piece) for piece in pieces], meta=table.iloc[:0], verify_meta=False)
    return frames


def _delayed(piece: pd.DataFrame):
    from dask import delayed

    return delayed(piece.reset_index(drop=True), pure=True)
