"""Charts and tables into slides: figures saved at 16:9 slide size, and PowerPoint decks.

From a notebook cell or from the report renderer alike::

    save_figure(fig, "reports/charts/theme_trends")           # theme_trends.png + .svg
    deck = Deck(title="Hong Kong monitor")
    deck.add_chart(fig, title="EV coverage", notes="Share of articles ...", data=wide, kind="line")
    deck.add_table(top_pairs, title="Strongest actor ties")
    deck.save("reports/deck.pptx")

A chart given its data (a wide table: one row per category, one column per series) and a kind
(``line`` or ``bar``) becomes a native PowerPoint chart with the data inside, so an analyst can
restyle it in PowerPoint, with its interval as error bars when ``low`` and ``high`` are given and a
share axis that stops at the data (never past 100%); any other figure goes in as a
high-resolution picture at its own proportions, filling the slide: its own title is the slide's
only title. python-pptx's template is laid out for 4:3; every placeholder used is placed anew for
the 16:9 slide. ``add_summary`` makes the first slide a briefer reads: the corpus, the period and
the key findings. Speaker notes take an optional line on the lexicon's audited precision.
"""

from __future__ import annotations

import io
import math
import struct
from pathlib import Path

import numpy as np
import pandas as pd
from lxml import etree
from matplotlib.figure import Figure
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..writing import without_control_characters, written_aside
from .readable import P_COLUMNS, number, p_value

SLIDE_INCHES = (13.333, 7.5)  # 16:9, PowerPoint's default widescreen size
SLIDE_DPI = 150  # 13.333 in x 150 dpi = 1,999 px wide (over the 1,920 of a full-HD projector)
MAX_TABLE_ROWS = 15  # more rows do not fit legibly on one slide
WIDE_AXIS = 12  # categories past which a native chart's legend goes below it
_COVER_LAYOUT, _TITLE_ONLY_LAYOUT, _BLANK_LAYOUT = 0, 5, 6  # "Title Slide", "Title Only", "Blank"
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.9)  # the slide title's box, placed for 16:9
_CHART_TYPES = {
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "barh": XL_CHART_TYPE.BAR_CLUSTERED,
}


def save_figure(
    figure: Figure, path: str | Path, *, formats: tuple[str, ...] = ("png", "svg"), dpi: int = SLIDE_DPI
) -> list[Path]:
    """Save ``figure`` at slide size as ``path`` + each format's suffix; returns the files written.

    The figure is resized to 16:9 first, so every exported chart has the same shape on a slide.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.set_size_inches(*SLIDE_INCHES)
    written = []
    for fmt in formats:
        target = path.with_suffix(f".{fmt}")
        with written_aside(target) as temporary:
            figure.savefig(temporary, format=fmt, dpi=dpi)
        written.append(target)
    return written


class Deck:
    """A PowerPoint deck built slide by slide; opens ``path`` to append when it already exists."""

    def __init__(
        self, path: str | Path | None = None, *, title: str | None = None, subtitle: str | None = None
    ) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None and self.path.exists():
            self.presentation = Presentation(str(self.path))
        else:
            self.presentation = Presentation()
            self.presentation.slide_width = Inches(SLIDE_INCHES[0])
            self.presentation.slide_height = Inches(SLIDE_INCHES[1])
            if title:
                cover = self.presentation.slides.add_slide(self.presentation.slide_layouts[_COVER_LAYOUT])
                width, height = self.presentation.slide_width, self.presentation.slide_height
                cover.shapes.title.text = without_control_characters(title)
                _place(cover.shapes.title, MARGIN, Emu(int(height * 0.28)), Emu(width - 2 * MARGIN), Inches(1.5))
                subtitle_box = cover.placeholders[1]
                _place(subtitle_box, MARGIN, Emu(int(height * 0.28) + Inches(1.6)), Emu(width - 2 * MARGIN), Inches(1))
                if subtitle:
                    subtitle_box.text = without_control_characters(subtitle)
                else:  # an empty placeholder shows "Click to add subtitle" in PowerPoint
                    subtitle_box.element.getparent().remove(subtitle_box.element)

    def __len__(self) -> int:
        return len(self.presentation.slides)

    def add_chart(
        self,
        figure: Figure | None = None,
        *,
        title: str,
        notes: str = "",
        data: pd.DataFrame | None = None,
        kind: str | None = None,
        percent: bool = False,
        image: str | Path | None = None,
        low: pd.DataFrame | None = None,
        high: pd.DataFrame | None = None,
        precision: str | None = None,
    ) -> None:
        """Add one chart slide: native when ``data`` and ``kind`` are given, else ``figure`` as a picture.

        ``image``: a PNG already saved, placed instead of ``figure``. A picture keeps its
        proportions and fills the slide as far as they allow; its own title is the slide's title,
        so the slide gets no second one (the title is the picture's alternative text).

        ``data``: wide table, index = categories (x axis), columns = series (their names are the
        legend: labels, not ids); ``low`` and ``high``, tables of the same shape, draw each value's
        interval as error bars. ``percent``: values are shares, the axis runs from 0 to just above
        the highest value or bound, never past 100%. ``notes`` become the speaker notes: say the
        method, the denominator and where the data comes from; ``precision`` (e.g. the lexicon
        audit's statement) is added as its own line.
        """
        if precision:
            notes = f"{notes}\n\nAudited precision: {precision}".strip()
        if data is not None and kind is not None:
            if kind not in _CHART_TYPES:
                raise ValueError(f"kind must be one of {sorted(_CHART_TYPES)}, not {kind!r}")
            if kind == "line" and len(data.index) == 1:  # one period: a line of one point is a dot on an axis
                kind = "bar"
            slide = self._slide(title, notes)
            left, top, width, height = self._body_box()
            chart_data = CategoryChartData()
            chart_data.categories = [_category(label) for label in data.index]
            for column in data.columns:
                chart_data.add_series(
                    without_control_characters(str(column)), [None if pd.isna(v) else float(v) for v in data[column]]
                )
            chart = slide.shapes.add_chart(_CHART_TYPES[kind], left, top, width, height, chart_data).chart
            chart.has_legend = len(data.columns) > 1
            if chart.has_legend:
                # a long time axis needs the slide's width: its legend goes below it, not beside
                wide = len(data.index) > WIDE_AXIS
                chart.legend.position = XL_LEGEND_POSITION.BOTTOM if wide else XL_LEGEND_POSITION.RIGHT
                chart.legend.include_in_layout = False
                chart.legend.font.size = Pt(14)
            chart.category_axis.tick_labels.font.size = Pt(12)
            chart.value_axis.tick_labels.font.size = Pt(12)
            if low is not None and high is not None:
                for series, column in zip(chart.plots[0].series, data.columns):
                    _error_bars(series, data[column], low[column], high[column], line=kind == "line")
            if percent:
                chart.value_axis.tick_labels.number_format = "0%"
                chart.value_axis.tick_labels.number_format_is_linked = False
                chart.value_axis.minimum_scale = 0
                chart.value_axis.maximum_scale = share_axis_top(data, high)
            return
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[_BLANK_LAYOUT])
        if notes:
            slide.notes_slide.notes_text_frame.text = without_control_characters(notes)
        if image is not None:
            source = str(image)
            size = png_size(Path(image).read_bytes())
        elif figure is not None:
            picture = io.BytesIO()
            figure.set_size_inches(*SLIDE_INCHES)
            figure.savefig(picture, format="png", dpi=SLIDE_DPI)
            size = png_size(picture.getvalue())
            picture.seek(0)
            source = picture
        else:
            raise ValueError("add_chart needs a figure, an image, or data and a kind")
        left, top, width, height = _fit(size, self.presentation.slide_width, self.presentation.slide_height)
        shape = slide.shapes.add_picture(source, left, top, width=width, height=height)
        shape.name = without_control_characters(title)[:100]
        shape._element.nvPicPr.cNvPr.set("descr", without_control_characters(title))

    def add_summary(self, *, title: str, facts: list[str], findings: list[str], notes: str = "") -> None:
        """Add the slide a briefer reads first: ``facts`` on the corpus and period, then the key ``findings``."""
        slide = self._slide(title, notes)
        left, top, width, height = self._body_box()
        box = slide.shapes.add_textbox(left, top, width, height).text_frame
        box.word_wrap = True
        lines = [(fact, False) for fact in facts] + [("Key findings", True)] + [(f"• {f}", False) for f in findings]
        for i, (text, heading) in enumerate(lines):
            paragraph = box.paragraphs[0] if i == 0 else box.add_paragraph()
            paragraph.text = without_control_characters(text)
            paragraph.font.size = Pt(20 if heading else 16)
            paragraph.font.bold = heading
            paragraph.space_before = Pt(14 if heading else 4)

    def add_table(self, table: pd.DataFrame, *, title: str, notes: str = "", max_rows: int = MAX_TABLE_ROWS) -> None:
        """Add a slide with ``table`` (its first ``max_rows`` rows; the notes say when rows were left out)."""
        shown = table.head(max_rows)
        if len(table) > max_rows:
            notes = f"{notes}\n\nShowing the first {max_rows} of {len(table)} rows.".strip()
        slide = self._slide(title, notes)
        left, top, width, _ = self._body_box()
        rows, columns = len(shown) + 1, len(shown.columns)
        frame = slide.shapes.add_table(rows, columns, left, top, width, Emu(Inches(0.4) * rows)).table
        for j, column in enumerate(shown.columns):
            frame.cell(0, j).text = without_control_characters(str(column))
        for i, row in enumerate(shown.itertuples(index=False), start=1):
            for j, value in enumerate(row):
                frame.cell(i, j).text = _cell(value, str(shown.columns[j]))
        for cell in (frame.cell(i, j) for i in range(rows) for j in range(columns)):
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(12)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the deck (to ``path``, or where it was opened from); returns the file."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("Deck.save needs a path: the deck was not opened from a file")
        target.parent.mkdir(parents=True, exist_ok=True)
        with written_aside(target) as temporary:  # a deck open in PowerPoint, or a full disk, keeps the old one
            self.presentation.save(str(temporary))
        return target

    def _slide(self, title: str, notes: str):
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[_TITLE_ONLY_LAYOUT])
        # (a control character in a label or a note would make the slide's XML invalid)
        slide.shapes.title.text = without_control_characters(title)
        _place(slide.shapes.title, MARGIN, TITLE_TOP, Emu(self.presentation.slide_width - 2 * MARGIN), TITLE_HEIGHT)
        paragraph = slide.shapes.title.text_frame.paragraphs[0]
        paragraph.font.size = Pt(30)
        paragraph.alignment = PP_ALIGN.LEFT
        if notes:
            slide.notes_slide.notes_text_frame.text = without_control_characters(notes)
        return slide

    def _body_box(self) -> tuple[Emu, Emu, Emu, Emu]:
        width, height = self.presentation.slide_width, self.presentation.slide_height
        top = TITLE_TOP + TITLE_HEIGHT + Inches(0.2)
        return MARGIN, top, Emu(width - 2 * MARGIN), Emu(height - top - Inches(0.3))


def append_to_deck(path: str | Path, figure: Figure | None = None, **slide) -> Path:
    """Append one chart slide to the deck at ``path`` (created if missing); returns the file."""
    deck = Deck(path)
    deck.add_chart(figure, **slide)
    return deck.save()


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG, from its header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", png[16:24])


def share_axis_top(data: pd.DataFrame, high: pd.DataFrame | None = None) -> float:
    """The top of a share axis: the next tenth above the highest value or bound (hundredth under 10%), at most 1.

    >>> share_axis_top(pd.DataFrame({"a": [0.12, 0.31]})), share_axis_top(pd.DataFrame({"a": [0.95, 1.0]}))
    (0.4, 1.0)
    >>> share_axis_top(pd.DataFrame({"a": [0.02, 0.043]}))
    0.05
    """
    values = pd.concat([data, high]) if high is not None else data
    top = float(values.max(numeric_only=True).max()) if values.size else 0.0
    if not math.isfinite(top) or top <= 0:
        return 1.0
    step = 0.01 if top < 0.1 else 0.1
    return min(1.0, round(math.floor(top / step + 1e-9) * step + step, 2))


def _fit(size: tuple[int, int], width: int, height: int) -> tuple[Emu, Emu, Emu, Emu]:
    """The largest box of the picture's proportions inside the slide, centred: left, top, width, height."""
    ratio = size[0] / size[1]
    if ratio >= width / height:
        box_width, box_height = width, int(round(width / ratio))
    else:
        box_width, box_height = int(round(height * ratio)), height
    return Emu((width - box_width) // 2), Emu((height - box_height) // 2), Emu(box_width), Emu(box_height)


def _place(shape, left: int, top: int, width: int, height: int) -> None:
    """Give a placeholder its own position (python-pptx's template places them for a 4:3 slide)."""
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _error_bars(series, values: pd.Series, low: pd.Series, high: pd.Series, *, line: bool = True) -> None:
    """Give a chart series custom error bars: from each value down to ``low`` and up to ``high``.

    A line chart's bars say their direction (y); a bar chart's run along its values (Office writes no direction).
    """
    plus = [max(0.0, float(h) - float(v)) if pd.notna(v) and pd.notna(h) else 0.0 for v, h in zip(values, high)]
    minus = [max(0.0, float(v) - float(lo)) if pd.notna(v) and pd.notna(lo) else 0.0 for v, lo in zip(values, low)]
    bars = etree.SubElement(series._element, qn("c:errBars"))
    settings = (("c:errDir", "y"),) if line else ()
    settings += (("c:errBarType", "both"), ("c:errValType", "cust"), ("c:noEndCap", "0"))
    for tag, value in settings:
        etree.SubElement(bars, qn(tag)).set("val", value)
    for tag, numbers in (("c:plus", plus), ("c:minus", minus)):
        literal = etree.SubElement(etree.SubElement(bars, qn(tag)), qn("c:numLit"))
        etree.SubElement(literal, qn("c:formatCode")).text = "General"
        etree.SubElement(literal, qn("c:ptCount")).set("val", str(len(numbers)))
        for i, amount in enumerate(numbers):
            point = etree.SubElement(literal, qn("c:pt"))
            point.set("idx", str(i))
            etree.SubElement(point, qn("c:v")).text = repr(amount)
    line = etree.SubElement(etree.SubElement(bars, qn("c:spPr")), qn("a:ln"))
    line.set("w", "9525")
    # the schema orders a series' children: error bars come before its categories and values
    series._element.find(qn("c:cat")).addprevious(bars)


def _category(label: object) -> str:
    if isinstance(label, pd.Timestamp):
        return label.strftime("%Y-%m-%d") if (label.hour, label.minute) == (0, 0) else label.isoformat()
    return without_control_characters(str(label))


def _cell(value: object, column: str = "") -> str:
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return f"{int(value):,}"  # 5,056 articles, as the page's tables say it
    if isinstance(value, float) and not math.isnan(value):
        if P_COLUMNS.search(column):
            return p_value(value)
        return number(value)
    if isinstance(value, list):
        return without_control_characters(", ".join(map(str, value)))
    return (
        ""
        if value is None or (not isinstance(value, str) and pd.isna(value))
        else without_control_characters(str(value))
    )
