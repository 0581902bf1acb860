import pandas as pd
import pytest

from hkanalysis.ingest.dates import date_from_url, day_order, parse_date, parse_dates, resolve_date, search_dates

UTC = "UTC"


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        # 9:04 India time (UTC+5:30) is 03:34 UTC
        ("Sep 13 2025 | 9:04 AM IST", "2025-09-13 03:34", "exact"),
        ("Last Updated : Sep 13 2025 | 9:04 AM IST", "2025-09-13 03:34", "exact"),
        ("September 12, 2025 at 11:00 PM UTC", "2025-09-12 23:00", "exact"),
        # 3:47 PM US Eastern daylight time (UTC-4) is 19:47 UTC
        ("3:47 PM EDT, Thu April 27, 2023", "2023-04-27 19:47", "exact"),
        # British dotted time, BST is UTC+1
        ("Friday 24 May 2024 10.13 BST", "2024-05-24 09:13", "exact"),
        ("December 15, 2018", "2018-12-15", "day"),
        ("2019-01-01T05:00:00+0000", "2019-01-01 05:00", "exact"),
        ("2021-01-02T00:30:00-05:00", "2021-01-02 05:30", "exact"),
        ("2024-01-07", "2024-01-07", "day"),
        ("March 2019", "2019-03-01", "month"),
        ("2018", "2018-01-01", "year"),
    ],
)
def test_parse_date_gives_utc_and_precision(text, expected, precision):
    stamp, got_precision = parse_date(text)
    assert stamp == pd.Timestamp(expected, tz=UTC)
    assert got_precision == precision


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Oct. 20", "no_year"),
        ("2 hours ago", "relative"),
        ("3 hours ago", "relative"),
        ("garbage", "unknown"),
        ("", "unknown"),
        (None, "unknown"),
    ],
)
def test_dates_without_a_year_are_not_guessed(text, precision):
    stamp, got = parse_date(text)
    assert pd.isna(stamp)
    assert got == precision


def test_search_dates_finds_glued_dates_and_skips_words():
    glued = "By Shirley Zhao and Linda LewSeptember 12, 2025 at 11:00 PM UTCBookmarkSave"
    assert search_dates(glued) == ["September 12, 2025 at 11:00 PM UTC"]
    assert search_dates("(Yicai) Oct. 20 -- Alibaba said on Oct. 17.") == ["Oct. 20", "Oct. 17"]
    assert search_dates("innovation 12 times and Omar 5 votes") == []


def test_parse_dates_keeps_index_and_missing_values():
    values = pd.Series(["December 15, 2018", None, "December 15, 2018", "Oct. 20"], index=[10, 11, 12, 13])
    parsed = parse_dates(values)
    assert list(parsed.index) == [10, 11, 12, 13]
    assert parsed.loc[10, "published"] == pd.Timestamp("2018-12-15", tz=UTC)
    assert pd.isna(parsed.loc[11, "published"]) and parsed.loc[11, "date_precision"] == "unknown"
    assert parsed.loc[13, "date_precision"] == "no_year"
    assert str(parsed["published"].dt.tz) == "UTC"


def test_capitalised_datelines_are_found_and_parsed():
    assert search_dates("WASHINGTON, APRIL 25, 2024 — The deal") == ["APRIL 25, 2024"]
    assert parse_date("AUGUST 26, 2024") == (pd.Timestamp("2024-08-26", tz=UTC), "day")


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("20260114T233000Z", "2026-01-14 23:30:00", "exact"),  # GDELT's seendate
        ("20250101", "2025-01-01", "day"),  # an integer column, never read as 1970
        ("1736899200", "2025-01-15", "exact"),  # epoch seconds
        ("1736899200123", "2025-01-15 00:00:00.123", "exact"),  # epoch milliseconds
        ("By Fu Jing | China Daily | Updated: 2018-10-30 07:50", "2018-10-30 07:50", "exact"),  # in a byline
        ("2012年7月1日", "2012-07-01", "day"),
        ("２０１２年７月１日", "2012-07-01", "day"),  # full-width digits
        ("二○○四年三月四日", "2004-03-04", "day"),  # Chinese numerals
        ("二〇一九年十二月二十三日", "2019-12-23", "day"),
        ("2017年7月1日 香港時間20時16分", "2017-07-01 12:16", "exact"),  # Hong Kong time is UTC+8
    ],
)
def test_dates_as_exports_write_them(text, expected, precision):
    assert parse_date(text) == (pd.Timestamp(expected, tz="UTC"), precision)


@pytest.mark.parametrize(
    "url, expected, said",
    [
        ("https://www.theguardian.com/world/2025/oct/24/china-ev", "2025-10-24", "2025/oct/24"),
        ("https://example.com/news/2025/10/24/story", "2025-10-24", "2025/10/24"),
        ("http://www.news.cn/202607/04/c_1.htm", "2026-07-04", "202607/04"),
        ("https://example.com/2019-12-31-story", "2019-12-31", "2019-12-31"),
    ],
)
def test_a_date_in_the_address(url, expected, said):
    assert date_from_url(url) == (pd.Timestamp(expected, tz="UTC"), "day", said)
    assert date_from_url("https://example.com/section/12345") == (pd.NaT, "unknown", None)


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected", "precision"),
    [
        ("12/15/18", False, "2018-12-15", "day"),  # two-digit years before 70 are 20xx
        ("03/04/2025", False, "2025-03-04", "day"),
        ("03/04/2025", True, "2025-04-03", "day"),
        ("1/2/99", True, "1999-02-01", "day"),
        ("3/4/2025 10:30 PM", False, "2025-03-04 22:30", "exact"),
        ("25.12.2019 08:00 +08:00", True, "2019-12-25 00:00", "exact"),
        ("December 15, 2018", False, "2018-12-15", "day"),
        ("2025-03-05 01:02:03.456780", False, "2025-03-05 01:02:03.45678", "exact"),  # microseconds kept
    ],
)
def test_numeric_dates_in_either_order(text, dayfirst, expected, precision):
    assert parse_date(text, dayfirst=dayfirst) == (pd.Timestamp(expected, tz="UTC"), precision)


def test_the_day_order_is_decided_by_a_value_only_one_order_reads():
    assert day_order(pd.Series(["03/04/2025", "25/12/2019"])) == (True, "day first ('25/12/2019' has a day above 12)")
    assert day_order(pd.Series(["03/04/2025", "12/25/2019"])) == (
        False,
        "month first ('12/25/2019' has a day above 12)",
    )
    dayfirst, note = day_order(pd.Series(["03/04/2025", None]))
    assert dayfirst is False and note.startswith("month first (assumed")
    assert day_order(pd.Series(["2025-03-04"])) == (False, None)  # no numeric dates: nothing to say
    assert day_order(pd.Series(["13/01/2025", "01/13/2025"]))[1].startswith("month first, but the column mixes")


def test_relative_and_yearless_dates_counted_from_the_collection_day():
    collected = pd.Timestamp("2025-01-02 12:00", tz="UTC")
    assert resolve_date("2 hours ago", collected) == (pd.Timestamp("2025-01-02 10:00", tz="UTC"), "relative")
    assert resolve_date("yesterday", collected) == (pd.Timestamp("2025-01-01 12:00", tz="UTC"), "relative")
    assert resolve_date("3 weeks ago", collected) == (pd.Timestamp("2024-12-12 12:00", tz="UTC"), "relative")
    assert resolve_date("Oct. 20", collected) == (pd.Timestamp("2024-10-20", tz="UTC"), "no_year")  # not in the future
    assert resolve_date("Jan 2", collected) == (pd.Timestamp("2025-01-02", tz="UTC"), "no_year")
    assert resolve_date("2025-01-01", collected) == (pd.Timestamp("2025-01-01", tz="UTC"), "day")
    assert resolve_date("2 hours ago", pd.NaT) == (pd.NaT, "relative")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("14. März 2025, 09:12 Uhr", "2025-03-14 09:12", "exact"),
        ("Publié le 3 février 2025 à 11h20", "2025-02-03 11:20", "exact"),
        ("5 de marzo de 2025", "2025-03-05", "day"),
        ("12 MEI 2024", "2024-05-12", "day"),
        ("12 April 2025 10:30 PM EST", "2025-04-13 03:30", "exact"),  # English's own month: its zone kept
    ],
)
def test_month_names_of_other_languages(text, expected, precision):
    assert parse_date(text) == (pd.Timestamp(expected, tz="UTC"), precision)
    assert len(search_dates(f"Stand: {text}")) == 1


def test_dates_in_asian_page_headers_are_found():
    assert search_dates("发布时间：2025.04.11 08:30 来源：本网") == ["2025.04.11 08:30"]
    assert search_dates("2012年7月1日（星期日）香港時間20時16分") == ["2012年7月1日（星期日）香港時間20時16分"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01-02 10:00 GMT+8", "2025-01-02 02:00"),  # eight hours ahead, as Hong Kong sites mean it
        ("Jan 2, 2025 10:00 UTC+05:30", "2025-01-02 04:30"),
        ("Jan 2, 2025 10:00 GMT-05:00", "2025-01-02 15:00"),
        ("Thu, 02 Jan 2025 10:00:00 +0800", "2025-01-02 02:00"),  # RSS (RFC 822)
        ("2025-01-02T10:00:00.123Z", "2025-01-02 10:00:00.123"),
    ],
)
def test_offsets_as_sites_write_them(text, expected):
    assert parse_date(text) == (pd.Timestamp(expected, tz="UTC"), "exact")
