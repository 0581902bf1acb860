"""Charts and tables into slides: figures saved at 16:9 slide size, and PowerPoint decks.

From a notebook cell or from the report renderer alike::

    save_figure(fig, "reports/charts/theme_trends")           # theme_trends.png + .svg
    deck = Deck(title="Hong Kong monitor")
    deck.add_chart(fig, title="EV coverage", notes="Share of articles ...", data=wide, kind="line")
    deck.add_table(top_pairs, title="Strongest actor ties")
    deck.save("reports/deck.pptx")

A chart given its data (a wide table: one row per category, one column per series) and a kind
(``line`` or ``bar``) becomes a native PowerPoint chart with the data inside, so an analyst can
restyle it in PowerPoint; any other figure goes in as a high-resolution picture.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from ..writing import without_control_characters, written_aside

SLIDE_INCHES = (13.333, 7.5)  # 16:9, PowerPoint's default widescreen size
SLIDE_DPI = 150  # 13.333 in x 150 dpi = 1,999 px wide (over the 1,920 of a full-HD projector)
MAX_TABLE_ROWS = 15  # more rows do not fit legibly on one slide
_COVER_LAYOUT, _TITLE_ONLY_LAYOUT = 0, 5  # "Title Slide" and "Title Only" in python-pptx's template
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
                cover.shapes.title.text = title
                if subtitle and len(cover.placeholders) > 1:
                    cover.placeholders[1].text = subtitle

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
    ) -> None:
        """Add one chart slide: native when ``data`` and ``kind`` are given, else ``figure`` as a picture.

        ``image``: a PNG already saved at slide size, placed as it is instead of ``figure``.

        ``data``: wide table, index = categories (x axis), columns = series. ``notes`` become the
        speaker notes: say the method, the denominator and where the data comes from.
        """
        slide = self._slide(title, notes)
        left, top, width, height = self._body_box()
        if data is not None and kind is not None:
            if kind not in _CHART_TYPES:
                raise ValueError(f"kind must be one of {sorted(_CHART_TYPES)}, not {kind!r}")
            chart_data = CategoryChartData()
            chart_data.categories = [_category(label) for label in data.index]
            for column in data.columns:
                chart_data.add_series(str(column), [None if pd.isna(v) else float(v) for v in data[column]])
            chart = slide.shapes.add_chart(_CHART_TYPES[kind], left, top, width, height, chart_data).chart
            chart.has_legend = len(data.columns) > 1
            if chart.has_legend:
                chart.legend.position = XL_LEGEND_POSITION.BOTTOM
                chart.legend.include_in_layout = False
            if percent:
                chart.value_axis.tick_labels.number_format = "0%"
                chart.value_axis.tick_labels.number_format_is_linked = False
        elif image is not None:
            slide.shapes.add_picture(str(image), left, top, width=width, height=height)
        elif figure is not None:
            picture = io.BytesIO()
            figure.set_size_inches(*SLIDE_INCHES)
            figure.savefig(picture, format="png", dpi=SLIDE_DPI)
            picture.seek(0)
            slide.shapes.add_picture(picture, left, top, width=width, height=height)
        else:
            raise ValueError("add_chart needs a figure, an image, or data and a kind")

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
                frame.cell(i, j).text = _cell(value)
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
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
        if notes:
            slide.notes_slide.notes_text_frame.text = without_control_characters(notes)
        return slide

    def _body_box(self) -> tuple[Emu, Emu, Emu, Emu]:
        width, height = self.presentation.slide_width, self.presentation.slide_height
        margin, top = Inches(0.5), Inches(1.4)
        return margin, top, Emu(width - 2 * margin), Emu(height - top - Inches(0.3))


def append_to_deck(path: str | Path, figure: Figure | None = None, **slide) -> Path:
    """Append one chart slide to the deck at ``path`` (created if missing); returns the file."""
    deck = Deck(path)
    deck.add_chart(figure, **slide)
    return deck.save()


def _category(label: object) -> str:
    if isinstance(label, pd.Timestamp):
        return label.strftime("%Y-%m-%d") if (label.hour, label.minute) == (0, 0) else label.isoformat()
    return without_control_characters(str(label))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, list):
        return without_control_characters(", ".join(map(str, value)))
    return (
        ""
        if value is None or (not isinstance(value, str) and pd.isna(value))
        else without_control_characters(str(value))
    )
