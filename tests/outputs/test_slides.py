import pandas as pd
import pytest
from matplotlib.figure import Figure
from pptx import Presentation
from pptx.util import Emu

from hkanalysis.outputs.slides import Deck, append_to_deck, save_figure


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
    assert [s.shapes.title.text for s in slides] == ["Monitor", "Theme shares", "A picture", "Ties"]
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
    assert [s.shapes.title.text for s in Presentation(str(path)).slides] == ["First", "Second"]


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
