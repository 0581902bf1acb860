import pandas as pd
import pytest
from matplotlib.figure import Figure
from pptx import Presentation
from pptx.util import Emu

from hkanalysis.outputs.slides import Deck, append_to_deck, png_size, save_figure, share_axis_top


def slide_titles(slide) -> list[str]:
    """Every title a slide shows: its title placeholder's text, and a picture's (its alternative text)."""
    titles = [slide.shapes.title.text] if slide.shapes.title is not None else []
    return titles + [shape._element.nvPicPr.cNvPr.get("descr") for shape in slide.shapes if shape.shape_type == 13]


def small_figure() -> Figure:
    figure = Figure(figsize=(4, 3))
    figure.add_subplot().plot([1, 2, 3], [2, 1, 3])
    return figure


def test_save_figure_writes_slide_sized_png_and_svg(tmp_path):
    written = save_figure(small_figure(), tmp_path / "charts" / "trend")
    assert [p.name for p in written] == ["trend.png", "trend.svg"]
    png = written[0].read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 1920  # 13.333 in at 150 dpi
    assert width / height == pytest.approx(16 / 9, rel=0.01)
    assert written[1].read_text().lstrip().startswith("<?xml")


def test_deck_with_native_chart_table_and_picture(tmp_path):
    data = pd.DataFrame(
        {"EVs": [0.1, 0.25], "Tariffs": [0.3, None]}, index=pd.to_datetime(["2025-01-01", "2025-02-01"])
    )
    deck = Deck(title="Monitor", subtitle="Bundled corpus")
    deck.add_chart(title="Theme shares", notes="Share of articles per month.", data=data, kind="line", percent=True)
    deck.add_chart(small_figure(), title="A picture", notes="Drawn with matplotlib.")
    deck.add_table(pd.DataFrame({"pair": [f"A-{i}" for i in range(20)], "npmi": [0.5] * 20}), title="Ties")
    path = deck.save(tmp_path / "deck.pptx")

    slides = list(Presentation(str(path)).slides)
    assert [slide_titles(s) for s in slides] == [["Monitor"], ["Theme shares"], ["A picture"], ["Ties"]]
    chart = next(shape for shape in slides[1].shapes if shape.has_chart).chart
    assert [series.name for series in chart.plots[0].series] == ["EVs", "Tariffs"]
    assert list(chart.plots[0].categories) == ["2025-01-01", "2025-02-01"]
    assert list(chart.plots[0].series[0].values) == [0.1, 0.25]
    assert slides[1].notes_slide.notes_text_frame.text == "Share of articles per month."
    assert any(shape.shape_type == 13 for shape in slides[2].shapes)  # 13: picture
    table = next(shape for shape in slides[3].shapes if shape.has_table).table
    assert len(table.rows) == 16  # header + the first 15 of 20 rows
    assert "first 15 of 20 rows" in slides[3].notes_slide.notes_text_frame.text
    assert Presentation(str(path)).slide_width == Emu(12191695)  # 13.333 in


def test_append_to_an_existing_deck(tmp_path):
    path = tmp_path / "saved.pptx"
    append_to_deck(path, small_figure(), title="First")
    append_to_deck(path, small_figure(), title="Second")
    assert [slide_titles(s) for s in Presentation(str(path)).slides] == [["First"], ["Second"]]


def test_chart_without_figure_or_data_is_an_error():
    with pytest.raises(ValueError, match="needs a figure"):
        Deck().add_chart(title="Nothing")


def test_a_saved_png_goes_into_the_deck_unchanged(tmp_path):
    png, _ = save_figure(small_figure(), tmp_path / "chart")
    deck = Deck()
    deck.add_chart(title="Saved", image=png)
    path = deck.save(tmp_path / "deck.pptx")
    (slide,) = Presentation(str(path)).slides
    picture = next(shape for shape in slide.shapes if shape.shape_type == 13)
    assert picture.image.blob == png.read_bytes()  # placed as it is, not drawn again


def test_pictures_keep_their_proportions_and_fill_the_slide(tmp_path):
    square = Figure(figsize=(4, 4))
    square.add_subplot().plot([1, 2], [1, 2])
    png, _ = save_figure(small_figure(), tmp_path / "wide")  # resized to 16:9
    deck = Deck()
    deck.add_chart(title="Wide", image=png)
    deck.add_chart(square, title="Square")  # drawn at slide size, 16:9 too
    tall = tmp_path / "tall.png"
    Figure(figsize=(3, 6)).savefig(tall, dpi=50)  # 150 x 300 px
    deck.add_chart(title="Tall", image=tall)
    path = deck.save(tmp_path / "deck.pptx")
    presentation = Presentation(str(path))
    width, height = presentation.slide_width, presentation.slide_height
    for slide in presentation.slides:
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]
        image_width, image_height = png_size(picture.image.blob)
        assert picture.width / picture.height == pytest.approx(image_width / image_height, rel=0.01)
        assert picture.left >= 0 and picture.left + picture.width <= width
        assert picture.top >= 0 and picture.top + picture.height <= height
    wide, _, tall_picture = (next(s for s in slide.shapes) for slide in presentation.slides)
    # 16:9 (1,999 x 1,125 px) on a 16:9 slide: the whole slide, give or take a pixel's worth
    assert wide.width == pytest.approx(width, rel=0.001) and wide.height == pytest.approx(height, rel=0.001)
    assert tall_picture.height == height and tall_picture.width == pytest.approx(height / 2, rel=0.01)
    assert tall_picture.left == pytest.approx((width - tall_picture.width) / 2, abs=1)  # centred


def test_titles_are_placed_for_the_16_9_slide(tmp_path):
    deck = Deck(title="Monitor", subtitle="Bundled corpus")
    deck.add_table(pd.DataFrame({"a": [1]}), title="A table")
    presentation = Presentation(str(deck.save(tmp_path / "deck.pptx")))
    width = presentation.slide_width
    for slide in presentation.slides:
        for shape in slide.placeholders:
            assert shape.left + shape.width <= width
            # centred on the 16:9 slide: as much room left of it as right (the 4:3 template left 3.3 in)
            assert shape.left == pytest.approx(width - shape.left - shape.width, abs=Emu(5000))


def test_native_chart_has_intervals_an_axis_that_fits_and_the_precision_in_its_notes(tmp_path):
    data = pd.DataFrame({"EVs": [0.1, 0.25], "Tariffs": [0.3, 0.32]}, index=["2025 Q1", "2025 Q2"])
    low, high = data - 0.05, data + 0.1
    deck = Deck()
    deck.add_chart(
        title="Shares", notes="Method.", data=data, kind="line", percent=True, low=low, high=high, precision="0.93"
    )
    (slide,) = Presentation(str(deck.save(tmp_path / "deck.pptx"))).slides
    chart = next(shape for shape in slide.shapes if shape.has_chart).chart
    assert chart.value_axis.maximum_scale == pytest.approx(0.5)  # highest bound 0.42 -> 0.5
    assert chart.value_axis.minimum_scale == 0
    bars = chart.plots[0].series[0]._element.findall("{http://schemas.openxmlformats.org/drawingml/2006/chart}errBars")
    assert len(bars) == 1
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    plus = [float(v) for v in bars[0].xpath("c:plus/c:numLit/c:pt/c:v/text()", namespaces=ns)]
    assert plus == pytest.approx([0.1, 0.1])
    assert slide.notes_slide.notes_text_frame.text == "Method.\n\nAudited precision: 0.93"


@pytest.mark.parametrize(
    ("values", "top"), [([0.12, 0.31], 0.4), ([0.95, 1.0], 1.0), ([0.02, 0.043], 0.05), ([0.3, 0.4], 0.5)]
)
def test_a_share_axis_stops_above_the_data_and_never_past_100_percent(values, top):
    assert share_axis_top(pd.DataFrame({"a": values})) == pytest.approx(top)


def test_the_summary_slide_lists_facts_then_findings(tmp_path):
    deck = Deck()
    deck.add_summary(title="In brief", facts=["7 articles", "Mar to Oct 2025"], findings=["Tariffs rose"])
    (slide,) = Presentation(str(deck.save(tmp_path / "deck.pptx"))).slides
    assert slide_titles(slide) == ["In brief"]
    text = [
        p.text
        for shape in slide.shapes
        if shape.has_text_frame and shape != slide.shapes.title
        for p in shape.text_frame.paragraphs
    ]
    assert text == ["7 articles", "Mar to Oct 2025", "Key findings", "• Tariffs rose"]


def test_table_slides_write_counts_and_p_values_for_reading(tmp_path):
    deck = Deck()
    table = pd.DataFrame({"term": ["biden"], "latest": [14], "baseline_total": [5056], "q": [0.00002], "flag": [True]})
    deck.add_table(table, title="What is new")
    (slide,) = Presentation(str(deck.save(tmp_path / "deck.pptx"))).slides
    cells = next(shape for shape in slide.shapes if shape.has_table).table.rows[1].cells
    assert [cell.text for cell in cells] == ["biden", "14", "5,056", "<0.001", "True"]


def test_a_long_time_axis_gets_its_legend_below_and_a_short_one_beside(tmp_path):
    from pptx.enum.chart import XL_LEGEND_POSITION

    deck = Deck()
    for periods in (12, 13):  # WIDE_AXIS is 12
        shares = {"EVs": [0.1] * periods, "Tariffs": [0.2] * periods}
        data = pd.DataFrame(shares, index=[f"p{i}" for i in range(periods)])
        deck.add_chart(title=f"{periods} periods", data=data, kind="line", percent=True)
    slides = Presentation(str(deck.save(tmp_path / "deck.pptx"))).slides
    positions = [next(s for s in slide.shapes if s.has_chart).chart.legend.position for slide in slides]
    assert positions == [XL_LEGEND_POSITION.RIGHT, XL_LEGEND_POSITION.BOTTOM]


def test_a_trend_of_one_period_is_drawn_as_columns(tmp_path):
    from pptx.enum.chart import XL_CHART_TYPE

    deck = Deck()
    one = pd.DataFrame({"EVs": [0.5], "Tariffs": [0.25]}, index=["wk 08 Sep 2025"])
    two = pd.DataFrame({"EVs": [0.5, 0.4], "Tariffs": [0.25, 0.3]}, index=["2025 Q1", "2025 Q2"])
    deck.add_chart(title="one period", data=one, kind="line", percent=True)
    deck.add_chart(title="two periods", data=two, kind="line", percent=True)
    charts = [next(s for s in slide.shapes if s.has_chart).chart for slide in deck.presentation.slides]
    assert [chart.chart_type for chart in charts] == [XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.LINE_MARKERS]
    # each series keeps its one value as a column
    assert [list(series.values) for series in charts[0].plots[0].series] == [[0.5], [0.25]]
