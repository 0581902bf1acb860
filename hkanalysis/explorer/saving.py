"""The explorer's filters in words, the notes of its slides, and the names of the files it saves.

A saved file is named after the corpus (its folder and fingerprint) and every filter of the chart,
so charts, tables and decks saved from different corpora or filters never overwrite each other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import paths
from ..corpus import Corpus
from ..corpus.stories import counting_rule
from ..tagging.lexicons import Lexicon

PERIOD_NAMES = {"M": "Month", "Q": "Quarter", "Y": "Year"}


def corpus_name(corpus: Corpus) -> str:
    """The corpus in a file name: its folder's name and the start of its fingerprint ('corpus-1a2b3c4d')."""
    return f"{_slug(Path(corpus.root).name) or 'corpus'}-{corpus.fingerprint[:8]}"


def file_stem(kind: str, corpus: Corpus, filters: Mapping[str, Any]) -> str:
    """A file name without suffix for ``kind`` ('theme-trend', ...) of ``corpus`` under ``filters``.

    In: the filters a chart was made with (``Explorer.trend.attrs["filters"]``). Out: e.g.
    'theme-trend_corpus-1a2b3c4d_month_wire_all-themes_from-2025-01-01_search-ev-maker_every-copy'.
    """
    parts = [
        PERIOD_NAMES.get(filters.get("period", ""), filters.get("period", "")),
        filters.get("outlet") or "all-outlets",
        filters.get("theme") or "all-themes",
        filters.get("actor", ""),
        filters.get("start") and f"from-{filters['start']}",
        filters.get("end") and f"to-{filters['end']}",
        filters.get("search") and f"search-{filters['search']}",
        "" if filters.get("dedupe", True) else "every-copy",
    ]
    return "_".join([kind, corpus_name(corpus), *(_slug(part) for part in parts if part)])


def deck_name(corpus: Corpus) -> str:
    """The default deck's file name for ``corpus``: its slides accumulate there, apart from other corpora's."""
    return f"deck_{corpus_name(corpus)}.pptx"


def audit_name(corpus: Corpus, kind: str, key: str, *, size: int = 60, seed: int | None = None) -> str:
    """The audit file's name for the hits of a theme or actor of ``corpus``: marked lines, or a drawn sample.

    'audit_corpus-1a2b3c4d_theme-ev.csv' for lines marked as they come; with ``seed``, a sample of
    ``size``: 'audit-sample_corpus-1a2b3c4d_actor-john-lee_60-seed-0.csv'.
    """
    name = f"{corpus_name(corpus)}_{_slug(kind)}-{_slug(key)}"
    return f"audit_{name}.csv" if seed is None else f"audit-sample_{name}_{size}-seed-{seed}.csv"


def describe_filters(filters: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """Filters in words: 'published 2025-04-01 to (open); outlet: Wire; ...; copies: one per story'.

    ``labels`` names the themes. A search is said to filter the sentences only when ``filters``
    holds ``search_charts`` False (the explorer's state); a chart's own filters hold a search only
    when it filtered the chart.
    """
    parts = []
    if filters.get("start") or filters.get("end"):
        parts.append(f"published {filters.get('start') or '(open)'} to {filters.get('end') or '(open)'}")
    elif "start" in filters:
        parts.append("all dates")
    if "outlet" in filters:
        parts.append(f"outlet: {filters['outlet'] or 'all'}")
    if "theme" in filters:
        parts.append(f"theme: {labels.get(filters['theme'], filters['theme']) or 'all'}")
    if "actor" in filters:
        parts.append(f"actor: {filters['actor'] or 'all'}")
    if "period" in filters:
        parts.append(f"period: {PERIOD_NAMES.get(filters['period'], filters['period']).lower()}")
    if filters.get("search"):
        only_text = "search_charts" in filters and not filters["search_charts"]
        parts.append(f"search: “{filters['search']}”" + (" (the sentences only, not the charts)" if only_text else ""))
    if "dedupe" in filters:
        parts.append(f"copies: {'one per story' if filters['dedupe'] else 'every copy counted'}")
    return "; ".join(parts) or "none"


def slide_notes(trend: Any, *, status: str, corpus: Corpus, themes: Lexicon, labels: Mapping[str, str]) -> str:
    """Speaker notes for a trend chart: its filters, the selection (``status``), the method and the denominator.

    In: the explorer's trend table (``attrs`` with ``filters``, ``dedupe``, ``denominator``, ``caption``).
    """
    filters = trend.attrs["filters"]
    return "\n".join(
        [
            f"Filters: {describe_filters(filters, labels)}.",
            f"Selection: {status}.",
            "Method: an article is about a theme when it mentions any of the theme's terms at least once "
            f"(lexicon {themes.path.name}, version {themes.version}); {counting_rule(trend.attrs['dedupe'])}.",
            f"Denominator: {trend.attrs.get('denominator', '')}, among the articles the filters keep"
            + (
                " (the theme filter only picks the line: the share is out of all articles)."
                if filters["theme"]
                else "."
            ),
            f"{trend.attrs.get('caption', '')}",
            f"Corpus: {corpus.root} (fingerprint {corpus.fingerprint[:12]}). Made with the hkanalysis explorer.",
        ]
    )


def shown_path(path: Path) -> str:
    """A path as the analyst knows it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(paths.PROJECT_ROOT))
    except ValueError:
        return str(path)


def _slug(text: str) -> str:
    # letters of any script are kept: two searches in Chinese must not share a name
    return re.sub(r"[\W_]+", "-", str(text).lower()).strip("-")
