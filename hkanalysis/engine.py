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
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import HKAnalysisError

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
        pass
    try:  # any free port for the dashboard: 8787 may be taken
        cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=":0")
    except RuntimeError as error:
        if not _started_from_a_script():
            raise
        # Each worker process runs the script again as it starts (multiprocessing's "spawn"), and
        # its load_corpus tries to start a cluster of its own: the message is an empty RuntimeError.
        raise HKAnalysisError(
            f"the local Dask cluster's workers could not start ({error}): they run your script "
            f"({sys.modules['__main__'].__file__}) again as they start. Put the script's code under "
            '`if __name__ == "__main__":`, or give load_corpus a scheduler= address'
        ) from error
    return Client(cluster)


def _started_from_a_script() -> bool:
    """Whether this process runs a Python file (a notebook's or an interpreter's ``__main__`` has none)."""
    return getattr(sys.modules.get("__main__"), "__file__", None) is not None


def aligned(tables: dict[str, pd.DataFrame], npartitions: int) -> dict[str, Any]:
    """pandas corpus tables as aligned Dask frames of ``npartitions`` partitions (see the module docstring).

    ``tables`` maps names to frames that all have an ``article_id`` column; the first is the one
    whose articles are split (in its row order) into ``npartitions`` runs of about equal length.
    Used by the tests, and to run the Dask code paths on a corpus already in memory.
    """
    import dask
    import dask.dataframe as dd

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
        with dask.config.set({"dataframe.convert-string": False}):  # keep pandas' own types (lists of authors too)
            frames[name] = dd.from_delayed(
                [_delayed(piece) for piece in pieces], meta=table.iloc[:0], verify_meta=False
            )
    return frames


def _delayed(piece: pd.DataFrame):
    from dask import delayed

    return delayed(piece.reset_index(drop=True), pure=True)


# --- Dask tables: counted one aligned partition at a time --------------------------------------------
# The analyses (themes, cooccurrence, narratives) count with one function on pandas tables and
# finish with the same arithmetic whichever engine counted.


def counted(count: Callable[..., dict[str, Any]], *tables: Any, **options: Any) -> Any:
    """``count(*tables, **options)``: on pandas tables at once; on Dask ones partition by partition.

    ``count`` takes pandas tables (or None) and returns a dict of sums: pandas Series of counts,
    sets, numbers, or objects that know ``+``. With any Dask table among ``tables``, the result
    is a Delayed (for ``computed``): ``count`` runs on each aligned partition (see ``engine``)
    on the workers and the results are added in a tree, so only these sums reach this process,
    never the tables.
    """
    if not any(is_dask(table) for table in tables):
        return count(*tables, **options)
    from dask import delayed

    sums = [delayed(count)(*pieces, **options) for pieces in _partitions(tables)]
    while len(sums) > 1:
        sums = [delayed(_add)(sums[i : i + 8]) for i in range(0, len(sums), 8)]
    return sums[0]


def _add(sums: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The sum of ``count`` results: Series added by index, sets joined, anything else with ``+``."""
    total = {}
    for key, first in sums[0].items():
        values = [part[key] for part in sums]
        if isinstance(first, pd.Series):
            nonempty = [value for value in values if len(value)] or values[:1]
            total[key] = pd.concat(nonempty).groupby(level=list(range(first.index.nlevels))).sum()
        elif isinstance(first, (set, frozenset)):
            total[key] = set().union(*values)
        else:
            total[key] = sum(values[1:], values[0])
    return total


def collected(table: Any, select: Callable[[pd.DataFrame], Any]) -> Any:
    """``select(table)`` for a pandas table; for a Dask one, a Delayed (for ``computed``) of
    ``select`` on each partition, concatenated.

    For small selections (one story's rows, the ids of undated articles): what reaches this
    process is only what ``select`` keeps.
    """
    if not is_dask(table):
        return select(table)
    from dask import delayed

    return delayed(_concatenated)([delayed(select)(part) for part in table.to_delayed()])


def computed(*values: Any) -> tuple:
    """``values``, with the Delayed ones (from ``counted``, ``collected``) computed together."""
    if "dask" not in sys.modules:  # a pandas session: nothing is lazy, and Dask stays unimported
        return values
    import dask
    from dask.delayed import Delayed

    lazy = [i for i, value in enumerate(values) if isinstance(value, Delayed)]
    if not lazy:
        return values
    done = dict(zip(lazy, dask.compute(*[values[i] for i in lazy])))
    return tuple(done.get(i, value) for i, value in enumerate(values))


def _concatenated(parts: list) -> Any:
    """Selections of the partitions as one pandas object. Dask turns text columns into pyarrow
    strings with ``pd.NA`` for missing values (its ``dataframe.convert-string``); they come back as
    pandas' own ``str``, as the pandas tables have them."""
    selected = pd.concat(parts)
    if isinstance(selected, pd.Series):
        return selected.astype("str") if _is_dask_string(selected.dtype) else selected
    return selected.astype({column: "str" for column, dtype in selected.dtypes.items() if _is_dask_string(dtype)})


def _is_dask_string(dtype: Any) -> bool:
    return isinstance(dtype, pd.StringDtype) and dtype.na_value is pd.NA


def _partitions(tables: Sequence[Any]) -> list[tuple]:
    """The tables as aligned partitions: one tuple of pieces per partition (None stays None).

    Dask tables give their partitions; a pandas table is split by article to match them (its
    articles that no Dask table has go to the first partition).
    """
    chunked = [table for table in tables if is_dask(table)]
    n = chunked[0].npartitions
    if any(table.npartitions != n for table in chunked):
        raise ValueError(
            "the Dask tables must have aligned partitions (see hkanalysis.engine); got "
            + ", ".join(str(table.npartitions) for table in chunked)
            + " partitions"
        )
    where = None
    columns = []
    for table in tables:
        if table is None:
            columns.append([None] * n)
        elif is_dask(table):
            columns.append(table.to_delayed())
        else:
            if where is None:
                where = _partition_of_articles(chunked)
            part = where.reindex(table["article_id"].to_numpy()).fillna(0).to_numpy(dtype="int64")
            columns.append([table.loc[part == i] for i in range(n)])
    return list(zip(*columns))


def _partition_of_articles(tables: Sequence[Any]) -> pd.Series:
    """Which partition holds each article of aligned Dask tables: article_id -> partition number."""
    import dask
    from dask import delayed

    ids = dask.compute([[delayed(_article_ids)(part) for part in table.to_delayed()] for table in tables])[0]
    found = [pd.Series(i, index=part) for per_table in ids for i, part in enumerate(per_table)]
    where = pd.concat(found) if found else pd.Series([], dtype="int64")
    return where[~where.index.duplicated()]


def _article_ids(part: pd.DataFrame) -> np.ndarray:
    return part["article_id"].unique()
