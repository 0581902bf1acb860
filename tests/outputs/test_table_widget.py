"""The report tables in a browser: DataTables sorts and filters them, offline; without scripts they stay plain.

A page is written the way the landing page writes one (the readable table, the widget's script
once, ``ENHANCE``) and opened from a file in Debian's Chromium through Playwright, every
request to the network refused and counted. Skips without /usr/bin/chromium.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS

from hkanalysis.outputs.readable import ENHANCE, STYLE, readable, widget_script

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian's Chromium at {CHROMIUM}"),
]


@pytest.fixture
def page_file(tmp_path) -> Path:
    # tariff's and chip's p both read "<0.001": by their text they tie (tariff stays first), by value chip's is lower
    table = pd.DataFrame(
        {
            "term": ["tariff", "battery", "chip"],
            "p": [0.0004, 0.2, 0.0001],
            "sentence": ["Tariffs <rose> again.", "Battery makers moved.", "Chip exports fell."],
            "hit_start": [0, 0, 0],
            "hit_end": [6, 7, 4],
        }
    )
    body = readable(table).to_html()
    path = tmp_path / "page.html"
    path.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{STYLE}</head><body>{body}{widget_script()}{ENHANCE}'
        "</body></html>",
        encoding="utf-8",
    )
    return path


def open_page(playwright, tmp_path: Path, path: Path, *, scripts: bool):
    browser = playwright.chromium.launch_persistent_context(
        tmp_path / f"chromium-{scripts}",
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        java_script_enabled=scripts,
    )
    fetched: list[str] = []

    def refuse(route):
        fetched.append(route.request.url)
        route.abort()

    browser.route("http*://**/*", refuse)
    page = browser.new_page()
    page.set_default_timeout(20_000)
    page.goto(path.as_uri())
    return browser, page, fetched


def column(page, index: int) -> list[str]:
    return page.locator(f"table.readable tbody tr td:nth-child({index})").all_inner_texts()


def test_datatables_sorts_on_values_filters_and_keeps_the_marks_offline(page_file, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    def cells(index: int):
        return page.locator(f"table.readable tbody tr td:nth-child({index})")

    with sync_playwright() as playwright:
        browser, page, fetched = open_page(playwright, tmp_path, page_file, scripts=True)
        try:
            page.locator("table.readable.dataTable").wait_for()
            assert column(page, 1) == ["tariff", "battery", "chip"]  # the analysis's order until a click
            page.locator("table.readable thead th", has_text="p").click()
            # (the table is drawn again after the click: expect waits for it, a read at once may not)
            expect(cells(1)).to_have_text(["chip", "tariff", "battery"])
            expect(cells(2)).to_have_text(["<0.001", "<0.001", "0.200"])
            expect(page.locator("table.readable mark")).to_have_text(["Chip", "Tariff", "Battery"])
            page.get_by_label("Filter rows:").fill("battery")
            expect(cells(1)).to_have_text(["battery"])
            assert fetched == []
        finally:
            browser.close()


def test_without_scripts_the_plain_table_is_all_there(page_file, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser, page, fetched = open_page(playwright, tmp_path, page_file, scripts=False)
        try:
            assert page.locator("table.readable.dataTable").count() == 0
            assert column(page, 1) == ["tariff", "battery", "chip"]
            assert page.locator("table.readable mark").all_inner_texts() == ["Tariff", "Battery", "Chip"]
            assert fetched == []
        finally:
            browser.close()
