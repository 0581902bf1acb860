"""What the report notebooks call: their shared setup, the decisions their parameters ask for, and records.

A report notebook holds prose, one ``parameters`` cell of literals, calls and charts (STYLE.md,
rule 2). Its parameters use ``""`` and ``[]`` for "not set", so papermill and ``reports/*.yaml``
can pass them; what such a value means is decided here, once, with tests:

- ``setup``: load the corpus, select the date range, tag (the cell all report notebooks share);
- ``none_if_empty``: a parameter left empty as the None an analysis takes for "all" or "none";
- ``chosen_freq``: the trend notebook's period, "auto" chosen from the corpus's span;
- ``one_group``, ``trend_chart_data`` and ``trend_chart_interval``: what the trend notebook charts
  (one group in the heatmap when the shares are split by group; the native slide's series);
- ``pairs_naming``, ``tie_evidence`` and ``ties_changed``: the co-occurrence notebook's choices;
- ``groups_to_compare``, ``compared_terms``, ``word_counting``, ``story_to_compare`` and
  ``story_versions``: the narrative notebook's choices (a one-outlet corpus compares periods);
- ``record`` and ``read_records``: a notebook keeps its key values in its outputs, under
  ``RECORD_MIME_TYPE``, and a test (or any reader) gets them back as values, not printed text.
"""

from __future__ import annotations

import dataclasses
import io
import json
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from ..corpus import Corpus, load_corpus, stories
from ..engine import compute, is_dask
from ..errors import ParameterError, UndatedArticlesWarning
from ..tagging import tag

# The analyses are imported in the functions that use them: each report notebook's kernel then
# imports only the libraries of its own analyses (scikit-learn, statsmodels, networkx take
# seconds each on a loaded machine).

# A MIME type no front end renders: JupyterLab shows an empty output for it, and nbconvert an
# empty box and a warning, so render.py leaves these outputs out of the report pages.
RECORD_MIME_TYPE = "application/vnd.hkanalysis.record+json"
NO_SPLIT_DATE = "No split_date given: set it to compare two periods."
# compare_periods counts each period from its first day (included) to its last (excluded); the
# corpus is already cut to the notebook's start and end, so the periods need no other bounds.
EARLIEST, LATEST = "1900-01-01", "2100-01-01"


def setup(*, corpus: str = "", manifest: str = "", start: str = "", end: str = "", scheduler: str = "") -> Corpus:
    """The corpus a report notebook reads: loaded, cut to the date range, and tagged.

    In: the notebook's parameters: ``corpus`` folder (empty: the bundled ``data/raw``),
    ``manifest`` CSV (empty: the one beside the corpus), ``start`` and ``end`` days, both
    included (empty: from the first / to the last article), ``scheduler`` a Dask scheduler
    address (empty: pandas, in memory; else the corpus is loaded and counted on that cluster).
    Out: the Corpus of the selected articles with their sentences and mentions (bundled lexicons).
    It also stops ``UndatedArticlesWarning`` for the session: the charts' captions count them.
    """
    warnings.simplefilter("ignore", UndatedArticlesWarning)
    engine = "dask" if scheduler else "pandas"
    loaded = load_corpus(
        none_if_empty(corpus), manifest=none_if_empty(manifest), engine=engine, scheduler=none_if_empty(scheduler)
    )
    selected = loaded.select(start=start, end=end)
    # tag() gives the mentions tagged as the corpus loaded; a corpus loaded without them is tagged now
    return dataclasses.replace(selected, mentions=tag(selected))


def none_if_empty(value: Any) -> Any:
    """A parameter's value, or None when it was left empty (``""``, ``[]``, ``{}``): "all", "no split", "default".

    >>> none_if_empty(""), none_if_empty([]), none_if_empty("outlet"), none_if_empty(0)
    (None, None, 'outlet', 0)
    """
    if isinstance(value, (str, list, tuple, dict)) and len(value) == 0:
        return None
    return value


def one_group(trend: pd.DataFrame, group: str = "") -> pd.DataFrame:
    """The rows of one group of a ``themes.trends`` table, as a heatmap of periods × themes takes them.

    In: a trends table, split by a group column (``attrs["by"]``) or not; ``group`` the value to
    keep (empty: the first group, in the table's sorted order). Out: the table itself when it is
    not split; else that group's rows without the group column, ``attrs`` kept and the caption
    ending with the group shown ("Shown: outlet Wire."). A ParameterError names the groups
    when ``group`` is not one of them.
    """
    by = trend.attrs.get("by")
    if not by:
        return trend
    groups = list(dict.fromkeys(trend[by]))
    if not groups:
        return trend.drop(columns=by)
    chosen = group or groups[0]
    if chosen not in groups:
        raise ParameterError(f"{by} {chosen!r} is not in the trends table; its groups: {', '.join(map(str, groups))}")
    rows = trend.loc[trend[by] == chosen].drop(columns=by).reset_index(drop=True)
    rows.attrs = {**trend.attrs, "caption": f"{trend.attrs.get('caption', '')} Shown: {by} {chosen}.".strip()}
    return rows


def chosen_freq(corpus: Corpus, freq: str) -> str:
    """The trend notebook's period: ``freq`` itself, or for "auto" the one the corpus's span reads best in.

    "auto" gives ``novelty.span_freq`` of the dates: weeks up to 120 days, months up to three
    years, quarters up to ten, years beyond (ten years of months is a spaghetti of 120 points).
    """
    from ..analyses import novelty

    if freq != "auto":
        return freq
    return novelty.span_freq(compute(corpus.articles["published"]))


def trend_chart_data(trend: pd.DataFrame, value: str = "share") -> pd.DataFrame | None:
    """The data of the trend chart's native slide: ``themes.theme_matrix`` of the table, one series per theme.

    In: a ``themes.trends`` table; ``value`` the column (``ci_low`` and ``ci_high`` for the
    interval). Out: the wide period × theme table, its columns the themes' labels (the slide's
    legend names them, never by id), or None when the table is split by a group: a native chart
    would need a series per theme and group, so that slide shows the chart's picture instead
    (``publish_chart`` with ``data=None``).
    """
    from ..analyses.themes import theme_matrix
    from ..plots.trends import period_labels

    if trend.attrs.get("by"):
        return None
    matrix = theme_matrix(trend, value=value)
    labels = dict(zip(trend["theme"], trend["label"])) if "label" in trend else {}
    matrix = matrix.rename(columns=labels)
    # the slide's categories as the analyst says them ('2018 Q3'), not as timestamps
    matrix.index = period_labels(matrix.index, trend.attrs.get("freq"))
    return matrix


def trend_chart_interval(trend: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The low and high bounds of each share, shaped as ``trend_chart_data``; None when it is None."""
    if trend.attrs.get("by"):
        return None
    return trend_chart_data(trend, "ci_low"), trend_chart_data(trend, "ci_high")


def pairs_naming(pairs: pd.DataFrame, actors: list[str]) -> pd.DataFrame:
    """The rows of a ``cooccurrence.pairs`` table that name at least one of ``actors``; all of them when empty.

    In: a pairs table (``actor_a``, ``actor_b``, ...) and actor keys. Out: the same columns and
    ``attrs``, rows in their order (the measures are those of the whole corpus, not recomputed).

    >>> table = pd.DataFrame({"actor_a": ["A", "A", "B"], "actor_b": ["B", "C", "C"]})
    >>> pairs_naming(table, ["C"]).index.tolist(), len(pairs_naming(table, []))
    ([1, 2], 3)
    """
    if not actors:
        return pairs
    return pairs.loc[pairs["actor_a"].isin(actors) | pairs["actor_b"].isin(actors)]


def tie_evidence(corpus: Corpus, pairs: pd.DataFrame, *, unit: str) -> pd.DataFrame:
    """The sentences (or paragraphs) that name the first pair of ``pairs``, its strongest tie, together.

    In: a Corpus, its pairs table (strongest first, as ``cooccurrence.pairs`` sorts it), the unit
    the pairs were counted in. Out: ``cooccurrence.evidence``'s table, by paragraph for the
    'paragraph' unit and by sentence for the others (an article or a window of words is too long
    to read as evidence); with no pair, the empty pairs table, which says there is none.
    """
    from ..analyses import cooccurrence

    if pairs.empty:
        return pairs
    actor_a, actor_b = pairs[["actor_a", "actor_b"]].iloc[0]
    found = cooccurrence.evidence(corpus, actor_a, actor_b, unit="paragraph" if unit == "paragraph" else "sentence")
    found.attrs["highlight"] = [actor_a, actor_b]  # what ``readable`` marks in the text
    return found


def ties_changed(corpus: Corpus, split_date: str, *, unit: str, min_count: int) -> pd.DataFrame | str:
    """How the actor ties changed from before ``split_date`` to from it on; a sentence saying so when it is empty.

    In: a Corpus (already cut to the notebook's dates), the day the second period starts, the
    notebook's unit and min_count. Out: ``cooccurrence.compare_periods``'s table, counted by
    sentence for the 'window' unit (the notebook's ``window`` is not passed on), with
    ``min_count`` at least 2: one shared unit is too few to call a tie new or gone. Without
    ``split_date``: ``NO_SPLIT_DATE``.
    """
    from ..analyses import cooccurrence

    if not split_date:
        return NO_SPLIT_DATE
    return cooccurrence.compare_periods(
        corpus,
        before=(EARLIEST, split_date),
        after=(split_date, LATEST),
        unit="sentence" if unit == "window" else unit,
        min_count=max(min_count, 2),
    )


PERIOD_GROUP = "period"  # the column groups_to_compare adds when there is only one group to compare


def groups_to_compare(corpus: Corpus, group_by: str) -> tuple[Corpus, str, str]:
    """What the narrative notebook compares: ``group_by``'s groups, or, when the corpus has only one
    (a one-outlet export, the usual case), its earlier and later half; and a sentence saying so.

    In: a Corpus (pandas or Dask tables) and the articles column to group by. Out: the corpus (with
    a ``PERIOD_GROUP`` column on its articles when the halves are compared), the column to compare
    by, and the sentence. The halves split the dated articles at their median day (an article on
    that day goes to the later half); undated articles are in neither. With fewer than two
    groups either way, the column is returned as it is and the comparison tables come out empty.
    """
    articles = corpus.articles
    if group_by not in articles.columns:
        raise ParameterError(f"group_by={group_by!r} is not a column of the articles")
    groups = compute(articles[group_by].dropna().drop_duplicates())
    if len(groups) >= 2:
        return corpus, group_by, f"Compared: the {len(groups)} values of {group_by}."
    days = compute(articles["published"].dropna().dt.normalize())
    alone = f"one {group_by} ({groups.iloc[0]})" if len(groups) else f"no {group_by}"
    if days.nunique() < 2:
        return corpus, group_by, f"Nothing to compare: the articles have {alone} and no two dates."
    split = days.median().normalize()
    halves = (
        articles.map_partitions(_halves, split=split, meta=(PERIOD_GROUP, "object"))
        if is_dask(articles)
        else _halves(articles, split=split)
    )
    sentence = (
        f"The articles have {alone}, so the comparison is between periods: before {split:%Y-%m-%d} and "
        f"from {split:%Y-%m-%d} (the median day of the dated articles)."
    )
    return dataclasses.replace(corpus, articles=articles.assign(**{PERIOD_GROUP: halves})), PERIOD_GROUP, sentence


def _halves(articles: pd.DataFrame, *, split: pd.Timestamp) -> pd.Series:
    """Each article's half: "before <day>", "from <day>", or missing when it has no date."""
    halves = pd.Series(pd.NA, index=articles.index, dtype="object")
    halves[articles["published"].notna()] = f"before {split:%Y-%m-%d}"
    halves[articles["published"] >= split] = f"from {split:%Y-%m-%d}"
    return halves


#: Terms kept per group by ``compared_terms``, the most distinctive first: all of them, for the 235
#: outlets of the exports corpus, made a 200 MB CSV and a 470 MB notebook of a report.
KEPT_TERMS = 100


def compared_terms(corpus: Corpus, group_by: str, *, keep: int | None = KEPT_TERMS, **options) -> pd.DataFrame:
    """``narratives.distinctive_terms`` of the groups, the ``keep`` most distinctive terms of each
    (None: all); an empty table (its columns) when there are fewer than two groups."""
    from ..analyses import narratives

    if len(compute(corpus.articles[group_by].dropna().drop_duplicates())) < 2:
        return pd.DataFrame(columns=narratives.TERM_COLUMNS)
    return narratives.distinctive_terms(corpus, group_by, top=keep, **options)


def word_counting(by_documents: bool) -> str:
    """How ``narratives.distinctive_terms`` counted words, in words for a chart's notes.

    >>> word_counting(True), word_counting(False)
    ('each word counted once per article', 'every use counted')
    """
    if by_documents:
        return "each word counted once per article"
    return "every use counted"


def story_to_compare(corpus: Corpus, story: str = "") -> str | None:
    """The story whose versions the narrative notebook compares: ``story``, else the one with most versions.

    In: a Corpus and a story id (empty: ``stories.most_copied``'s first). Out: a story id, or
    None when the corpus has no story.
    """
    if story:
        return story
    return next(iter(stories.most_copied(corpus)), None)


def story_versions(corpus: Corpus, story_id: str | None) -> dict[str, pd.DataFrame]:
    """``narratives.compare_story`` of one story, or an empty dict when there is none (``story_id`` None)."""
    from ..analyses import narratives

    if story_id is None:
        return {}
    return narratives.compare_story(corpus, story_id=story_id)


def record(name: str, value: pd.DataFrame | Any) -> None:
    """Keep ``value`` in the running cell's outputs under ``name``, for ``read_records`` (papermill/scrapbook-style).

    In: a name and a pandas DataFrame or a JSON-serialisable value (numbers, text, bools, None,
    lists and dicts of them; numpy scalars too). Out: nothing; the cell gets one display output
    of ``RECORD_MIME_TYPE`` (see ``record_output``), which no front end shows.
    """
    from IPython.display import display

    display(record_output(name, value), raw=True)


def record_output(name: str, value: pd.DataFrame | Any) -> dict[str, dict]:
    """The MIME bundle ``record`` displays: ``{RECORD_MIME_TYPE: {"name", "kind", "value"}}``.

    A DataFrame is kept as the text of pandas' "table" JSON (columns, index and rows; floats to 15
    significant digits, the most ``to_json`` writes; ``attrs`` are not kept) with its columns'
    dtypes (``dtypes``, which the JSON schema alone does not pin down: a date's unit, ``str``),
    ``kind`` "table"; any other value as itself, ``kind`` "json". A TypeError names the record
    when the value is not JSON.
    """
    if isinstance(value, pd.DataFrame):
        table = value.to_json(orient="table", date_format="iso", date_unit="us", double_precision=15)
        dtypes = {str(column): str(dtype) for column, dtype in value.dtypes.items()}
        # the table's JSON kept as one string: as nested JSON, every save of the notebook (papermill
        # saves after each cell) validated it node by node, seconds for a few thousand rows
        return {RECORD_MIME_TYPE: {"name": name, "kind": "table", "value": table, "dtypes": dtypes}}
    try:
        plain = json.loads(json.dumps(value, default=_numpy_scalar))
    except (TypeError, ValueError) as error:
        raise TypeError(f"record {name!r}: {type(value).__name__} is not JSON-serialisable ({error})") from error
    return {RECORD_MIME_TYPE: {"name": name, "kind": "json", "value": plain}}


def read_records(notebook: str | Path) -> dict[str, Any]:
    """The values an executed notebook recorded with ``record``: name -> DataFrame or JSON value.

    In: the path of an executed notebook (papermill's output). Out: the records in the order the
    cells made them; a name recorded twice keeps its last value, as a re-run cell would.
    """
    import nbformat

    book = nbformat.read(str(notebook), as_version=4)
    records: dict[str, Any] = {}
    for cell in book.cells:
        for output in cell.get("outputs", []):
            found = output.get("data", {}).get(RECORD_MIME_TYPE)
            if found is not None:
                records[found["name"]] = _value(found)
    return records


def is_record(output: dict) -> bool:
    """True for a cell output that ``record`` made (and nothing else), which a rendered page leaves out."""
    return list(output.get("data", {})) == [RECORD_MIME_TYPE]


def _value(found: dict) -> Any:
    if found["kind"] == "table":
        text = found["value"] if isinstance(found["value"], str) else json.dumps(found["value"])
        table = pd.read_json(io.StringIO(text), orient="table", precise_float=True)
        return table.astype({column: found["dtypes"][str(column)] for column in table.columns})
    return found["value"]


def _numpy_scalar(value: Any) -> Any:
    if hasattr(value, "item") and getattr(value, "ndim", None) == 0:
        return value.item()  # numpy and pandas scalars (len() and sums give them)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")
