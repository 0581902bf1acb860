"""The audit of a theme's or actor's hits in the explorer: ✓ and ✗ beside each keyword-in-context line.

With a theme or an actor chosen (and no search), "Mark ✓/✗" shows the first ``MAX_AUDIT_LINES``
hits of the selection, each line with a ✓ (the hit is right) and a ✗ (it is not) toggle. "Draw
audit sample" shows instead ``audit.sample_hits`` of the corpus's hits of the key (drawn with the
seed in the Seed box, stratified by term and outlet, whatever the filters). Every mark is written at once, atomically,
to an audit CSV of ``audit.write_audit``'s format in ``export_dir``, named after the corpus and
the key (``saving.audit_name``): the analyst may edit it by hand, and the explorer reads it back.
The marks of plain lines and of a sample go to different files, since a sample's rows are weighted
back to the corpus and plain lines are not.

The precision line under the buttons is ``audit.statement`` and ``audit.precision(by="term")`` of
the file as written: the explorer counts nothing itself.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from ..analyses import audit
from ..corpus import Corpus
from ..errors import HKAnalysisError, ParameterError
from . import saving

MAX_AUDIT_LINES = 60  # two toggles a line: more lines are slow to send to the browser
SAMPLE_SIZE = 60  # hits drawn by "Draw audit sample" (audit.sample_hits' default)
MARKS = {"✓": "true", "✗": "false"}
NO_OUTLET = "(no outlet)"  # as audit.sample_hits writes it, so that lines and samples read alike
CONTEXT_CHARACTERS = 90  # of the sentence shown each side of the hit


class AuditView:
    """✓/✗ toggles beside the keyword-in-context lines of a theme or actor, kept in an audit CSV.

    In: the explorer's ``corpus`` and ``mentions``, ``export_dir`` (where the audit files go),
    ``kwic`` (the panel's keyword-in-context widget, hidden while lines are marked), and the
    ``size`` and ``seed`` of a drawn sample. ``show`` is called by the panel after each change;
    ``mark`` and ``draw_sample`` do what the buttons do. State: ``key`` and ``kind`` audited
    ("" when none), ``mode`` ('lines' or 'sample'), ``lines`` (the rows shown, ``audit.HIT_COLUMNS``),
    ``path`` (their audit file) and ``summary`` (the precision line's text).
    """

    def __init__(
        self,
        corpus: Corpus,
        mentions: pd.DataFrame,
        *,
        export_dir: Path,
        kwic: widgets.Widget,
        size: int = SAMPLE_SIZE,
        seed: int = 0,
    ) -> None:
        self.corpus, self.mentions, self.export_dir, self._kwic = corpus, mentions, Path(export_dir), kwic
        self.size, self.seed = size, seed
        self.kind = self.key = ""
        self.mode = "lines"
        self.lines = pd.DataFrame(columns=audit.HIT_COLUMNS)
        self.summary = ""
        self._rows = np.array([], dtype="int64")
        self._quiet = False  # set while the toggles are set to a verdict already made
        self._outlets = corpus.articles.set_index("article_id")["outlet"]
        self._texts = corpus.articles.set_index("article_id")["text"]
        self._shown: list[tuple[str, int, int]] = []  # the hits of the line widgets on screen

        self.switch = widgets.ToggleButton(description="Mark ✓/✗", icon="check", tooltip="Mark each hit right or wrong")
        self.draw = widgets.Button(
            description="Draw audit sample",
            icon="random",
            tooltip=f"Mark a seeded sample of {size} hits, stratified by term and outlet, instead of the first lines",
        )
        self.seed_box = widgets.BoundedIntText(
            value=seed, min=0, max=2**31 - 1, description="Seed", layout=widgets.Layout(width="9em")
        )
        self.seed_box.observe(self._seed_changed, names="value")
        self.switch.observe(lambda _: self._render(), names="value")
        self.draw.on_click(lambda _: self.draw_sample())
        self.status = widgets.HTML()
        self._box = widgets.VBox(layout=widgets.Layout(max_height="420px", overflow="auto"))
        self.widget = widgets.VBox([widgets.HBox([self.switch, self.draw, self.seed_box]), self.status, self._box])
        self.widgets = {
            "hk-audit": self.widget,
            "hk-audit-switch": self.switch,
            "hk-audit-draw": self.draw,
            "hk-audit-seed": self.seed_box,
            "hk-audit-status": self.status,
            "hk-audit-lines": self._box,
        }
        for css_class, widget in self.widgets.items():
            widget.add_class(css_class)
        self._render()

    @property
    def path(self) -> Path | None:
        """The audit file of the lines shown (None when no key is audited)."""
        return self._path(self.mode) if self.key else None

    def _path(self, mode: str) -> Path:
        seed = self.seed if mode == "sample" else None
        path = self.export_dir / saving.audit_name(self.corpus, self.kind, self.key, size=self.size, seed=seed)
        root = Path(self.corpus.root).resolve()
        if root == path.resolve() or root in path.resolve().parents:
            raise ParameterError(
                f"audit file {path} would be written inside the corpus folder {root}: choose another export_dir"
            )
        return path

    # --- what the panel calls ---------------------------------------------------------------------

    def show(self, *, theme: str = "", actor: str = "", rows: np.ndarray | None = None) -> None:
        """Audit the hits of ``theme`` or ``actor`` (one of them: with both or none, nothing is audited).

        ``rows``: the positions in ``mentions`` of the hits of the selection, in reading order.
        """
        kind, key = ("theme", theme) if theme and not actor else ("actor", actor) if actor and not theme else ("", "")
        if (kind, key) != (self.kind, self.key):
            self.mode = "lines"
        self.kind, self.key = kind, key
        self._rows = np.asarray(rows if rows is not None and key else [], dtype="int64")
        self._render()

    def mark(self, line: int, verdict: str) -> None:
        """Mark line ``line`` (0 the first shown) ``'✓'`` or ``'✗'``, or ``''`` to unmark it; written at once."""
        if verdict and verdict not in MARKS:
            raise ParameterError(f"mark: verdict must be '✓', '✗' or '' (unmarked), not {verdict!r}")
        if not 0 <= line < len(self.lines):
            raise IndexError(f"mark: there are {len(self.lines)} lines, numbered from 0; no line {line}")
        before = self.lines.loc[line, "verdict"]
        self.lines.loc[line, "verdict"] = MARKS.get(verdict, "")
        try:
            self._save()
        except Exception:
            self.lines.loc[line, "verdict"] = before  # what is shown stays what the file holds
            raise
        finally:
            self._show_marks(line)
        self._show_summary()

    def draw_sample(self) -> None:
        """Show a seeded sample of the key's hits (``audit.sample_hits``) instead of the first lines.

        An audit file of the same sample already written (and perhaps edited by hand) is read back
        instead; marks already made on the same hits as plain lines are carried over.
        """
        if not self.key:
            self.status.value = "<p><i>Choose a theme or an actor (and no search) to draw a sample of its hits.</i></p>"
            return
        self.mode = "sample"
        if self.switch.value:
            self._render()
        else:
            self.switch.value = True  # which renders

    def _seed_changed(self, change) -> None:
        """Another seed is another sample, in its own file: shown at once when a sample is shown."""
        self.seed = change["new"]
        if self.mode == "sample":
            self._render()

    # --- the lines and their file -----------------------------------------------------------------

    def _render(self) -> None:
        on = self.switch.value and bool(self.key)
        self._kwic.layout.display = "none" if on else None
        self.draw.disabled = not self.key
        if not self.switch.value:
            self.lines = pd.DataFrame(columns=audit.HIT_COLUMNS)
            self._replace_lines([])
            self.status.value, self.summary = "", ""
            return
        if not self.key:
            self.lines = pd.DataFrame(columns=audit.HIT_COLUMNS)
            self._replace_lines([])
            self.summary = ""
            self.status.value = "<p><i>Choose a theme or an actor (and no search) to mark its hits ✓ or ✗.</i></p>"
            return
        try:
            self.lines = self._sample() if self.mode == "sample" else self._first_lines()
        except (HKAnalysisError, OSError) as error:  # a hand-edited file that no longer reads: say where
            self.lines = pd.DataFrame(columns=audit.HIT_COLUMNS)
            self._replace_lines([])
            self.summary = str(error)
            self.status.value = f"<p><b>Could not read the audit:</b> {html.escape(str(error))}</p>"
            return
        if _spans(self.lines) == self._shown:  # a change of period, say: the same lines, marks read again
            for line in range(len(self.lines)):
                self._show_marks(line)
        else:
            self._replace_lines([self._line_widget(i, row) for i, row in enumerate(self.lines.itertuples(index=False))])
        self._show_summary()

    def _replace_lines(self, lines: list[widgets.HBox]) -> None:
        """Show ``lines``, closing the widgets of the lines they replace (each holds a channel to the browser)."""
        old, self._box.children = self._box.children, lines
        for row in old:
            for widget in (*row.children, row):
                widget.close()
        self._shown = _spans(self.lines) if lines else []

    def _first_lines(self) -> pd.DataFrame:
        """The first hits of the selection as audit rows (each stands for itself), marks from the file."""
        hits = self.mentions.iloc[self._rows[:MAX_AUDIT_LINES]]
        hits = hits.loc[(hits["key"] == self.key) & (hits["kind"] == self.kind)]
        lines = pd.DataFrame(
            {
                "kind": hits["kind"].to_numpy(),
                "key": hits["key"].to_numpy(),
                "term": hits["term"].to_numpy(),
                "outlet": hits["article_id"].map(self._outlets).fillna(NO_OUTLET).to_numpy(),
                "article_id": hits["article_id"].to_numpy(),
                "start": hits["start"].to_numpy(),
                "end": hits["end"].to_numpy(),
                "surface": hits["surface"].to_numpy(),
                "stratum_size": 1,
                "stratum_sampled": 1,
                "verdict": "",
                "note": "",
                "context": self._contexts(hits),
            }
        )
        return _carried(lines.astype({"start": "int64", "end": "int64"}), self._saved("lines"))

    def _sample(self) -> pd.DataFrame:
        """The drawn sample: its file when written already, else ``audit.sample_hits``, written at once."""
        saved = self._saved("sample")
        if saved is not None:
            return saved
        sample = audit.sample_hits(self.corpus, self.key, size=self.size, seed=self.seed, mentions=self.mentions)
        sample = sample.loc[sample["kind"] == self.kind].reset_index(drop=True)
        self.lines = sample = _carried(sample, self._saved("lines"))  # the plain lines' marks on the same hits
        self._save()
        return sample

    def _saved(self, mode: str) -> pd.DataFrame | None:
        """The audit file of ``mode`` as written (verdicts as text), None when there is none yet."""
        path = self._path(mode)
        if not path.is_file():
            return None
        judged = audit.read_audit(path)  # checks every verdict, naming the line of a bad one
        text = judged["verdict"].map({True: "true", False: "false"}).fillna("")
        table = judged.assign(verdict=text.astype(str))
        return table[[c for c in audit.HIT_COLUMNS if c in table]].reset_index(drop=True)

    def _save(self) -> None:
        """Write the lines' marks to the audit file: every line of a sample; marked lines otherwise,
        together with the lines marked earlier and not shown now."""
        path = self.path
        if self.mode == "sample":
            audit.write_audit(self.lines, path)
            return
        spans = set(_spans(self.lines))
        earlier = self._saved("lines")
        kept = [] if earlier is None else [earlier.loc[[span not in spans for span in _spans(earlier)]]]
        shown = self.lines.loc[self.lines["verdict"] != ""]
        audit.write_audit(pd.concat([*kept, shown], ignore_index=True), path)

    def _contexts(self, hits: pd.DataFrame) -> list[str]:
        """Each hit in its article's text, the hit in [[ ]] as ``audit.sample_hits`` writes it."""
        texts = self._texts
        contexts = []
        for article, start, end in hits[["article_id", "start", "end"]].itertuples(index=False):
            text = texts.get(article) or ""
            low, high = max(0, start - CONTEXT_CHARACTERS), min(len(text), end + CONTEXT_CHARACTERS)
            contexts.append(f"{text[low:start]}[[{text[start:end]}]]{text[end:high]}".replace("\n", " "))
        return contexts

    # --- on screen --------------------------------------------------------------------------------

    def _line_widget(self, line: int, row) -> widgets.HBox:
        buttons = []
        for symbol, verdict in MARKS.items():
            button = widgets.ToggleButton(
                value=row.verdict == verdict,
                description=symbol,
                tooltip="right: it means the theme or actor" if symbol == "✓" else "wrong: it means something else",
                layout=widgets.Layout(width="2.6em"),
            )
            button.add_class("hk-audit-right" if symbol == "✓" else "hk-audit-wrong")
            button.observe(lambda change, s=symbol: self._toggled(line, s, change["new"]), names="value")
            buttons.append(button)
        return widgets.HBox([*buttons, widgets.HTML(_line_html(row))])

    def _toggled(self, line: int, symbol: str, on: bool) -> None:
        if self._quiet:
            return
        try:
            if on:
                self.mark(line, symbol)
            elif self.lines.loc[line, "verdict"] == MARKS[symbol]:  # unticked by hand, not by the other button
                self.mark(line, "")
        except (HKAnalysisError, OSError) as error:  # in a button's callback an error would go unseen: show it
            self.status.value = f"<p><b>Could not save the mark:</b> {html.escape(str(error))}</p>"

    def _show_marks(self, line: int) -> None:
        """Set the line's two toggles to its verdict (without marking again)."""
        if line >= len(self._box.children):
            return
        verdict = self.lines.loc[line, "verdict"]
        self._quiet = True
        try:
            for button, value in zip(self._box.children[line].children[:2], MARKS.values()):
                button.value = verdict == value
        finally:
            self._quiet = False

    def _show_summary(self) -> None:
        """The precision line: ``audit.statement`` for the key and ``audit.precision`` per term, from the file."""
        path = self.path
        what = (
            f"a sample of {len(self.lines)} of the corpus's hits (seed {self.seed}, stratified by term and outlet; "
            "whatever the filters)"
            if self.mode == "sample"
            else "the lines marked (the first of the selection, not a random sample)"
        )
        judged = audit.read_audit(path) if path.is_file() else None
        if judged is None or judged["verdict"].notna().sum() == 0:
            self.summary = f"{self.key}: no hit marked yet"
        else:
            terms = audit.precision(judged, by="term")
            terms = terms.loc[terms["judged"] > 0]
            self.summary = (
                audit.statement(judged, self.key)
                + "; per term: "
                + ", ".join(
                    f"{t} {p:.2f} [{lo:.2f}, {hi:.2f}] ({n})"
                    for t, p, lo, hi, n in terms[["term", "precision", "low", "high", "judged"]].itertuples(index=False)
                )
            )
        self.status.value = (
            f"<p><b>{html.escape(self.summary)}</b><br><small>Audit of {html.escape(what)}, "
            f"kept in {html.escape(saving.shown_path(path))}</small></p>"
        )


def _line_html(row) -> str:
    """One audited hit: its outlet, then the context with the hit in bold (``context`` holds it in [[ ]])."""
    context = row.context if isinstance(row.context, str) and "[[" in row.context else f"[[{row.surface}]]"
    left, rest = context.split("[[", 1)
    match, _, right = rest.partition("]]")
    left, right = left[-CONTEXT_CHARACTERS:], right[:CONTEXT_CHARACTERS]
    where = f"<i>{html.escape(str(row.outlet))}</i> · {html.escape(str(row.term))}:"
    return (
        f'<span style="white-space:nowrap">{where}</span> '
        f"{html.escape(left)}<b>{html.escape(match)}</b>{html.escape(right)}"
    )


def _spans(table: pd.DataFrame) -> list[tuple[str, int, int]]:
    """Each row's hit: (article, start, end), which names it in every audit file."""
    return [(a, int(s), int(e)) for a, s, e in table[["article_id", "start", "end"]].itertuples(index=False)]


def _carried(lines: pd.DataFrame, marked: pd.DataFrame | None) -> pd.DataFrame:
    """``lines`` with the verdicts ``marked`` holds for the same hits (none marked: unchanged)."""
    if marked is None:
        return lines
    verdicts = dict(zip(_spans(marked), marked["verdict"]))
    return lines.assign(verdict=[verdicts.get(span, "") for span in _spans(lines)])
