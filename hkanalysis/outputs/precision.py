"""The audited precision a report states beside its theme and actor charts.

Where a render finds the analyst's marked hit audit (``analyses.audit``: ``sample_hits``, then
``write_audit``, then the ``verdict`` column marked true/false):

- the ``audit`` parameter of the notebook (``hkanalysis render -p audit=PATH``), when set;
- else ``<corpus folder>.audit.csv`` beside the corpus folder, when there is one (for
  ``../shared/corpora/trade-war``: ``../shared/corpora/trade-war.audit.csv``; for the bundled
  corpus ``data/raw``: ``data/raw.audit.csv``). Beside, not inside: a CSV inside the folder
  would be read as articles.

``precision_line`` gives the line a chart carries (``publish_chart(precision=...)``): the
audited precision of each theme or actor shown that the audit covers, with its 95% Wilson
interval, or ``NOT_AUDITED`` when there is no audit file. A render with no audit of its corpus
says so and gives the bundled lexicon's precision on its committed judged samples of other
corpora (``bundled_precision``), which is what the analyst can rely on until they audit their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import ParameterError

AUDIT_SUFFIX = ".audit.csv"
NOT_AUDITED = "not audited"
BUNDLED_SAID = "the bundled lexicon on its judged samples of other corpora (data/audits)"
LISTED_UNAUDITED = 5  # at most this many unaudited names are listed; more are counted

__all__ = ["AUDIT_SUFFIX", "NOT_AUDITED", "bundled_precision", "chart_precision", "find_audit", "precision_line"]


def find_audit(corpus: str = "", audit: str = "") -> Path | None:
    """The audit file of a render: ``audit`` when given (it must exist), else ``<corpus>.audit.csv``
    beside the corpus folder (empty ``corpus``: the bundled ``data/raw``), else None.

    Relative paths are read from the project folder, as the notebooks' parameters are.
    """
    if audit:
        path = _project_path(audit)
        if not path.is_file():
            raise ParameterError(f"parameter 'audit': no audit file at {path}")
        return path
    root = _project_path(corpus) if corpus else paths.RAW
    beside = root.parent / f"{root.name}{AUDIT_SUFFIX}"
    return beside if beside.is_file() else None


def precision_line(keys: Iterable[str], audit: str | Path | pd.DataFrame | None, *, kind: str = "theme") -> str:
    """What a chart says of its lexicon's precision, for the themes or actors it shows (``keys``).

    In: the keys shown, in the chart's order, their ``kind`` ("theme" or "actor"), and the audit (a file, a table from
    ``audit.read_audit``, or None when there is none). Out: ``NOT_AUDITED`` without an audit;
    else ``'tariffs 0.80 [0.49, 0.94] (10 hits audited); not audited: ev'`` (weighted precision,
    95% Wilson interval, judged hits), or ``'none of the 3 shown is audited'``.
    """
    from ..analyses.audit import precision, read_audit

    if audit is None:
        return NOT_AUDITED
    table = read_audit(audit) if isinstance(audit, str | Path) else audit
    shown = list(dict.fromkeys(keys))
    figures = (
        precision(table.loc[(table["kind"] == kind) & table["key"].isin(shown)]) if "kind" in table else pd.DataFrame()
    )
    figures = figures.loc[figures["judged"] > 0] if len(figures) else figures
    by_key = {row["key"]: row for _, row in figures.iterrows()}
    audited = [
        f"{key} {by_key[key]['precision']:.2f} [{by_key[key]['low']:.2f}, {by_key[key]['high']:.2f}] "
        f"({int(by_key[key]['judged'])} hits audited)"
        for key in shown
        if key in by_key
    ]
    if not audited:
        return f"none of the {len(shown)} shown is audited"
    missing = [key for key in shown if key not in by_key]
    if not missing:
        return "; ".join(audited)
    if len(missing) <= LISTED_UNAUDITED:
        return "; ".join(audited) + f"; not audited: {', '.join(missing)}"
    return "; ".join(audited) + f"; {len(missing)} others not audited"


def _project_path(value: str) -> Path:
    """A path parameter as the notebooks see it: they run in the project folder."""
    path = Path(value)
    return path if path.is_absolute() else paths.PROJECT_ROOT / path


def chart_precision(table: pd.DataFrame, *, corpus: str = "", audit: str = "", kind: str = "theme") -> str:
    """``precision_line`` for a chart drawn from ``table``, with the render's audit (``find_audit``).

    The keys shown are the table's ``theme`` column (a trend), or its ``actor_a`` and ``actor_b``
    (pairs, pair by pair in the table's order).
    """
    if "theme" in table:
        keys = table["theme"].astype(str)
    else:
        keys = [str(k) for k in table[["actor_a", "actor_b"]].to_numpy().ravel()]  # row by row, as ranked
    found = find_audit(corpus, audit)
    if found is None:
        return bundled_precision(keys, kind=kind)
    return precision_line(keys, found, kind=kind)


def bundled_precision(keys: Iterable[str], *, kind: str = "theme") -> str:
    """What a chart says of its lexicon's precision when the analyst has no audit of the corpus: so,
    and the bundled lexicon's precision on its committed judged samples of other corpora
    (``audit.bundled_latest``, ``data/audits``), for the keys shown that those samples cover.

    >>> bundled_precision(["tariffs"]).startswith("not audited on this corpus; the bundled lexicon on its judged")
    True
    """
    from ..analyses.audit import bundled_latest

    line = precision_line(keys, bundled_latest(), kind=kind)
    return f"{NOT_AUDITED} on this corpus; {BUNDLED_SAID}: {line}"
