"""The landing page of a report run: one self-contained HTML file a decision-maker reads first.

``index.html`` in a run folder holds, with every image embedded (data URIs), so it can be mailed
or archived on its own: the corpus (name, articles, stories, outlets, languages, date range,
skipped inputs with their list), the key findings, what changed since the last run, what is new
in the latest period (``analyses.novelty``: bursts with the sentences behind them, themes that
moved with their intervals, ties that came or went), the key charts inline, each with a one-line
reading and the CSV of the table behind it, and links to each notebook's page.

``corpus_facts`` and ``key_findings`` are what the page and the deck's summary slide say.
"""

from __future__ import annotations

import base64
import html
from datetime import datetime
from pathlib import Path

import pandas as pd

from ..engine import compute
from ..writing import write_text
from .precision import NOT_AUDITED
from .readable import ENHANCE, STYLE, readable, widget_script

#: Column headings a reader understands, for the tables of what is new
BURST_HEADINGS = {
    "kind": "kind",
    "label": "term or actor",
    "latest": "articles now",
    "latest_total": "of",
    "baseline": "articles before",
    "baseline_total": "of ",
    "score": "burst (log2)",
    "q": "q",
}
SHIFT_HEADINGS = {
    "label": "theme",
    "latest_share": "share now",
    "latest_low": "low",
    "latest_high": "high",
    "baseline_share": "share before",
    "change": "change",
    "p": "p",
}
TIE_HEADINGS = {
    "actor_a": "actor",
    "actor_b": "with",
    "change": "change",
    "together_before": "sentences together before",
    "together_after": "sentences together now",
}
EMBED_CSV_BYTES = 2_000_000  # a bigger table behind a chart is linked, not embedded
NO_OUTLET = "no outlet named"  # an export without an outlet column (one API's, one site's)
MOSTLY_UNDATED = 0.5  # above this share of undated articles the page says so first


def corpus_facts(corpus, *, name: str, start: str = "", end: str = "") -> dict:
    """What the page says about the corpus: name, counts, languages, dates, undated and skipped inputs."""
    articles = compute(corpus.articles)
    dated = articles["published"].dropna()
    languages = (
        {str(code): int(n) for code, n in articles["language"].value_counts().items()}
        if "language" in articles.columns
        else {}
    )
    outlets = articles["outlet"].dropna()
    return {
        "name": name,
        "articles": int(len(articles)),
        "stories": int(articles["story_id"].nunique()) if "story_id" in articles.columns else int(len(articles)),
        "outlets": int(outlets.nunique()),
        "top_outlets": outlets.value_counts().head(5).to_dict(),
        "languages": languages,
        "first": dated.min().strftime("%d %b %Y") if len(dated) else None,
        "last": dated.max().strftime("%d %b %Y") if len(dated) else None,
        "undated": int(articles["published"].isna().sum()),
        "skipped": int(len(corpus.skipped)),
        "start": start or None,
        "end": end or None,
    }


#: New ties named in the key findings (a cut at 200 characters ended one mid-name: "...; Austra").
TIES_NAMED = 6
#: Languages named one by one on the page; the rest are counted together.
LANGUAGES_NAMED = 6


def languages_said(languages: dict[str, int] | list[str]) -> str:
    """The languages and their articles, the most common first, the rest in one count.

    >>> languages_said({"zh": 14832, "en": 12927, "ko": 126, "de": 4})
    'zh 14,832, en 12,927, ko 126, de 4'
    >>> languages_said({f"l{i}": 10 - i for i in range(9)})
    'l0 10, l1 9, l2 8, l3 7, l4 6, l5 5 and 3 more (9 articles)'
    """
    if not isinstance(languages, dict):  # (a run recorded before the counts were kept)
        return ", ".join(languages)
    ordered = sorted(languages.items(), key=lambda item: (-item[1], item[0]))
    named = ", ".join(f"{code} {n:,}" for code, n in ordered[:LANGUAGES_NAMED])
    rest = ordered[LANGUAGES_NAMED:]
    if rest:
        articles = sum(n for _, n in rest)
        named += f" and {len(rest)} more ({articles:,} article{'s' if articles != 1 else ''})"
    return named


def fact_lines(facts: dict) -> list[str]:
    """The corpus facts as short sentences (the summary slide's first lines)."""
    period = f"{facts['first']} to {facts['last']}" if facts["first"] else "no dated articles"
    outlets = f"{facts['outlets']:,} outlet{'s' if facts['outlets'] != 1 else ''}" if facts["outlets"] else NO_OUTLET
    lines = [
        f"Corpus: {facts['name']}: {facts['articles']:,} articles, {facts['stories']:,} stories, {outlets}",
        f"Period: {period}"
        + (f" (selected {facts['start'] or '…'} to {facts['end'] or '…'})" if facts["start"] or facts["end"] else ""),
    ]
    note = undated_note(facts)
    if note:
        lines.append(note)
    return lines


def compared_line(new: dict[str, pd.DataFrame] | None) -> str | None:
    """Which period 'what is new' and the key findings speak of, against what, and what was left out
    ('What is new: the latest complete year (2020) against the earlier articles (from 01 Jan 2009); 2021
    is left out: partial, 14 articles, 3–20 Jan 2021.'); None without 'what is new'."""
    if not new or "latest" not in new["bursts"].attrs:
        return None
    attrs = new["bursts"].attrs
    partial = f"; {attrs['partial']}" if attrs.get("partial") else ""
    return f"What is new: {attrs['latest']} against {attrs.get('baseline', 'the earlier articles')}{partial}."


def undated_note(facts: dict) -> str | None:
    """A plain note when most articles have no date: the trends and 'what is new' count only the dated ones."""
    if facts["articles"] and facts["undated"] / facts["articles"] > MOSTLY_UNDATED:
        return (
            f"Note: {facts['undated']:,} of {facts['articles']:,} articles have no date; the trends and "
            "'what is new' count only the dated ones. Dates can be given in the manifest."
        )
    return None


def key_findings(new: dict[str, pd.DataFrame] | None, charts: list[dict], *, limit: int = 5) -> list[str]:
    """The few sentences a briefer says first: the strongest bursts, the theme that moved most, new ties, readings."""
    findings = []
    if new:
        bursts = new["bursts"]
        significant = bursts.loc[bursts["significant"]] if len(bursts) else bursts
        if len(significant):
            names = ", ".join(
                f"{row.label} ({row.latest} of {row.latest_total} articles)" for row in significant.head(3).itertuples()
            )
            findings.append(f"New in {bursts.attrs['latest']}: {names}, far more than before.")
        themes = new["themes"]
        if len(themes):
            row = themes.iloc[0]
            direction = "up" if row["change"] > 0 else "down"
            when = themes.attrs.get("latest", "the latest period")
            findings.append(
                f"{row['label']}: {row['latest_share']:.0%} of articles in {when}, {direction} from "
                f"{row['baseline_share']:.0%} (interval {row['latest_low']:.0%}–{row['latest_high']:.0%})."
            )
        appeared = new["ties"].loc[new["ties"]["change"] == "appeared"] if len(new["ties"]) else new["ties"]
        if len(appeared):
            ties = [f"{a} – {b}" for a, b in zip(appeared["actor_a"], appeared["actor_b"])]
            shown = ties[:TIES_NAMED]
            findings.append(
                "New ties: "
                + "; ".join(shown)
                + (f" and {len(ties) - len(shown)} more." if len(ties) > len(shown) else ".")
            )
    findings += [chart["reading"] for chart in charts if chart.get("reading")]
    return list(dict.fromkeys(findings))[:limit]  # two charts of one table read alike: said once


def changes_since(previous: dict | None, current: dict) -> list[str]:
    """Plain sentences on what changed between two runs' records: new articles, shares, ties."""
    if previous is None:
        return ["This is the first complete run: there is nothing to compare with yet."]
    lines = []
    for corpus, now in current.get("corpora", {}).items():
        before = previous.get("corpora", {}).get(corpus)
        if before is None:
            lines.append(f"Corpus {corpus}: new in this run ({now['articles']} articles).")
            continue
        added = sorted(set(now["article_ids"]) - set(before["article_ids"]))
        removed = sorted(set(before["article_ids"]) - set(now["article_ids"]))
        lines.append(f"Corpus {corpus}: {len(added)} new articles, {len(removed)} gone ({now['articles']} in all).")
        shares_now, shares_before = (
            now.get("state", {}).get("theme_shares", {}),
            before.get("state", {}).get("theme_shares", {}),
        )
        moves = sorted(
            (
                (theme, shares_now.get(theme, 0.0) - shares_before.get(theme, 0.0))
                for theme in set(shares_now) | set(shares_before)
            ),
            key=lambda item: -abs(item[1]),
        )
        for theme, move in moves[:3]:
            if abs(move) >= 0.005:
                lines.append(
                    f"Theme {theme}: share of articles {'up' if move > 0 else 'down'} "
                    f"{abs(move) * 100:.1f} percentage points."
                )
        ties_now, ties_before = set(now.get("state", {}).get("ties", [])), set(before.get("state", {}).get("ties", []))
        new_ties = sorted(ties_now - ties_before)
        if new_ties:
            lines.append(
                f"New actor ties ({len(new_ties)}): " + "; ".join(new_ties[:10]) + ("; …" if len(new_ties) > 10 else "")
            )
        gone_ties = sorted(ties_before - ties_now)
        if gone_ties:
            lines.append(
                f"Ties no longer seen ({len(gone_ties)}): "
                + "; ".join(gone_ties[:10])
                + ("; …" if len(gone_ties) > 10 else "")
            )
    return lines or ["Nothing changed."]


def write_landing(
    folder: Path,
    *,
    record: dict,
    previous: dict | None,
    charts: list[dict],
    facts: dict | None,
    new: dict[str, pd.DataFrame] | None,
    started: datetime,
) -> Path:
    """Write ``folder/index.html``, self-contained; returns its path."""
    changes = changes_since(previous, record)
    since = f" (since {html.escape(previous['folder'])})" if previous else ""
    findings = key_findings(new, charts)
    parts = [
        f"<h1>Hong Kong news monitor{': ' + html.escape(facts['name']) if facts else ''}</h1>",
        f'<p class="sub">Report {html.escape(folder.name)}, rendered {started:%d %B %Y, %H:%M} UTC</p>',
    ]
    if facts:
        parts.append(_facts_html(facts, folder))
    failed = [run for run in record["notebooks"] if run["status"] != "ok"]
    if failed:
        parts.append(
            '<p class="warn">'
            + "; ".join(f"{html.escape(run['name'])} failed: {html.escape(str(run['error']))}" for run in failed)
            + "</p>"
        )
    if findings:
        parts.append("<h2>Key findings</h2><ul>" + "".join(f"<li>{html.escape(f)}</li>" for f in findings) + "</ul>")
    parts.append(f"<h2>What changed{since}</h2><ul>{''.join(f'<li>{html.escape(line)}</li>' for line in changes)}</ul>")
    if new is not None:
        parts.append(_new_html(new))
    if charts:
        parts.append("<h2>Charts</h2>")
        parts += [_chart_html(chart, folder) for chart in charts]
    parts.append(_notebooks_html(record))
    # the table widget, once for the page: only where there is a table to sort
    widget = widget_script() + ENHANCE if any('table class="readable"' in part for part in parts) else ""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Report {html.escape(folder.name)}</title>
<style>
body{{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:1.5rem auto;padding:0 1rem;color:#222}}
h1{{margin-bottom:0}} .sub{{color:#555;margin-top:.2rem}} h2{{border-bottom:1px solid #ddd;margin-top:2rem}}
dl.facts{{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem;background:#f7f7f7;padding:.8rem 1rem}}
dl.facts dt{{font-weight:600}} dl.facts dd{{margin:0}}
figure{{margin:1.5rem 0}} figure img{{width:100%;height:auto;border:1px solid #eee}}
.reading{{font-weight:600;margin:.2rem 0}} .precision{{margin:.2rem 0}}
.precision,.notes,.more,.links{{color:#555;font-size:14px}}
.warn{{background:#fff3cd;padding:.5rem 1rem}}
</style>{STYLE}</head>
<body>
{"".join(parts)}
<p class="links"><a href="deck.pptx">Slide deck</a> · <a href="run.json">run.json</a></p>
{widget}
</body></html>
"""
    target = folder / "index.html"
    write_text(target, page)
    return target


def _facts_html(facts: dict, folder: Path) -> str:
    """The corpus box: what was read, from when to when, what was left out."""
    period = f"{facts['first']} to {facts['last']}" if facts["first"] else "no dated articles"
    if facts["start"] or facts["end"]:
        period += f" (selected: {facts['start'] or 'the first'} to {facts['end'] or 'the last'})"
    outlets = f"{facts['outlets']:,}" if facts["outlets"] else NO_OUTLET + " (the manifest's outlet column names them)"
    if facts["top_outlets"]:
        outlets += " (" + ", ".join(f"{html.escape(str(k))} {v:,}" for k, v in facts["top_outlets"].items()) + ")"
    skipped = f"{facts['skipped']:,}"
    if facts["skipped"] and (folder / "skipped.csv").exists():
        skipped += f" ({_csv_link(folder / 'skipped.csv', 'the list', folder)})"
    rows = [
        ("Corpus", html.escape(facts["name"])),
        ("Articles", f"{facts['articles']:,} ({facts['stories']:,} stories: copies of one story count once)"),
        ("Outlets", outlets),
        ("Languages", html.escape(languages_said(facts["languages"])) or "not recorded"),
        ("Dates", html.escape(period) + (f"; {facts['undated']:,} undated" if facts["undated"] else "")),
        ("Inputs skipped", skipped),
    ]
    note = undated_note(facts)
    box = '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"
    return box + (f'<p class="warn">{html.escape(note)}</p>' if note else "")


def _new_html(new: dict[str, pd.DataFrame]) -> str:
    """The section on what is new in the latest period."""
    bursts, evidence, themes, ties = new["bursts"], new["evidence"], new["themes"], new["ties"]
    latest = bursts.attrs.get("latest", "the latest period")
    parts = [f"<h2>What is new in {html.escape(latest)}</h2>"]
    if bursts.attrs.get("partial"):  # the period left out (or kept though partial), said before anything else
        parts.append(f'<p class="warn">{html.escape(bursts.attrs["partial"])}.</p>')
    if not len(bursts) and not len(themes):
        parts.append(f"<p>Nothing to compare: {html.escape(latest)} has no earlier period before it.</p>")
        return "".join(parts)
    significant = bursts.loc[bursts["significant"]] if len(bursts) else bursts
    caption = bursts.attrs.get("caption", "")
    if bursts.attrs.get("partial"):  # said above, in the warning
        caption = caption.replace(f" {bursts.attrs['partial']}.", "")
    parts.append(f'<p class="notes">{html.escape(caption)}</p>')
    if len(significant):
        columns = ["kind", "label", "latest", "latest_total", "baseline", "baseline_total", "score", "q"]
        rising = significant[columns].head(20).rename(columns=BURST_HEADINGS)
        parts.append(readable(rising, caption="Rising terms, phrases and actors").to_html())
    else:
        parts.append(f"<p>No term rose significantly ({len(bursts):,} tested).</p>")
    if len(evidence):
        columns = ["key", "sentence", "hit_start", "hit_end", "outlet", "published", "title"]
        parts.append(readable(evidence[columns], caption="The sentences behind them").to_html())
    if len(themes):
        columns = ["label", "latest_share", "latest_low", "latest_high", "baseline_share", "change", "p"]
        moved = themes[columns].rename(columns=SHIFT_HEADINGS)
        parts.append(readable(moved, caption="Themes, largest move first (95% Wilson intervals)").to_html())
    if len(ties):
        shown = pd.concat([ties.loc[ties["change"] == c].head(10) for c in ("appeared", "vanished")])
        shown = shown[list(TIE_HEADINGS)].rename(columns=TIE_HEADINGS)
        parts.append(readable(shown, caption="Ties that appeared or vanished (first 10 of each)").to_html())
    return "".join(parts)


def _chart_html(chart: dict, folder: Path) -> str:
    """One chart: title, reading, the picture embedded, its notes and the CSV behind it."""
    png = next((f for f in chart["files"] if f.endswith(".png")), None)
    image = ""
    if png is not None:
        data = base64.b64encode((chart["folder"] / png).read_bytes()).decode("ascii")
        image = f'<img alt="{html.escape(chart["title"])}" src="data:image/png;base64,{data}">'
    links = [
        _csv_link(chart["folder"] / name, label, folder)
        for name, label in (
            (chart.get("table"), "the table behind it (CSV)"),
            (chart.get("data"), "the chart's data (CSV)"),
        )
        if name and (chart["folder"] / name).exists()
    ]
    links.append(f'<a href="{html.escape(chart["notebook"])}.html">the notebook</a>')
    reading = f'<p class="reading">{html.escape(chart["reading"])}</p>' if chart.get("reading") else ""
    precision = chart.get("precision")
    if precision and not precision.startswith(NOT_AUDITED):  # unaudited: said once, in the caption
        reading += f'<p class="precision">Audited precision: {html.escape(precision)}</p>'
    notes = chart.get("notes", "") + (f" Audited precision: {precision}." if precision else "")
    return (
        f'<figure id="{html.escape(chart["name"])}">{reading}{image}'
        f'<figcaption class="notes">{html.escape(notes.strip())}</figcaption>'
        f'<p class="links">{" · ".join(links)}</p></figure>'
    )


def _notebooks_html(record: dict) -> str:
    items = []
    for run in record["notebooks"]:
        status = "ok" if run["status"] == "ok" else f"FAILED: {run['error']}"
        links = " · ".join(
            f'<a href="{html.escape(target)}">{html.escape(label)}</a>'
            for label, target in (("page", run["outputs"].get("html")), ("notebook", run["outputs"].get("notebook")))
            if target
        )
        items.append(
            f"<li><b>{html.escape(run['name'])}</b> ({run['seconds']:.1f} s, {html.escape(status)}) {links}</li>"
        )
    return f"<h2>Notebooks</h2><ul>{''.join(items)}</ul>"


def _csv_link(path: Path, label: str, folder: Path) -> str:
    """A link to a CSV: embedded in the page (it travels with it) unless it is big."""
    if path.stat().st_size <= EMBED_CSV_BYTES:
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'<a download="{html.escape(path.name)}" href="data:text/csv;base64,{data}">{html.escape(label)}</a>'
    return f'<a href="{html.escape(path.relative_to(folder).as_posix())}">{html.escape(label)}</a>'
