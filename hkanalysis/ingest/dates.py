"""Find and parse publication dates as news pages write them, with the timezone and the precision.

``parse_date("Sep 13 2025 | 9:04 AM IST")`` gives 2025-09-13 03:34 UTC, precision ``exact``;
``parse_date("Oct. 20")`` gives NaT with precision ``no_year``: the month and day are known but the
page never says the year, and guessing the current year would put the article in the wrong period.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pandas as pd
from dateutil import parser as dateutil_parser

# Abbreviations news sites print after a time. Several are ambiguous worldwide (IST is also Israel
# and Ireland, CST also China); these are the readings English-language news uses most: IST on
# Indian outlets, CST on American ones. An analyst with other sources should pass a full offset.
TIMEZONES: dict[str, int] = {
    name: int(hours * 3600)
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "BST": 1,
        "IST": 5.5,
        "CET": 1,
        "CEST": 2,
        "EET": 2,
        "EEST": 3,
        "MSK": 3,
        "GST": 4,
        "PKT": 5,
        "ICT": 7,
        "WIB": 7,
        "HKT": 8,
        "SGT": 8,
        "MYT": 8,
        "PHT": 8,
        "AWST": 8,
        "KST": 9,
        "JST": 9,
        "ACST": 9.5,
        "AEST": 10,
        "AEDT": 11,
        "NZST": 12,
        "NZDT": 13,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "AKST": -9,
        "AKDT": -8,
        "HST": -10,
        "ET": -5,
        "PT": -8,
    }.items()
}

# Month and zone names are matched case-sensitively and without a word boundary before them, so that
# a date glued to the words around it ("Linda LewSeptember 12, 2025 at 11:00 PM UTCBookmark", as
# copied page text often is) is still found, while "innovation 12" is not read as November.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
    r"JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)\.?"
)
# Month names of other languages written in Latin letters, which all put the day first ("14. März
# 2025, 09:12 Uhr", "3 février 2025 à 11h20", "5 de marzo de 2025"): German, French, Spanish,
# Italian, Portuguese, Dutch and Indonesian/Malay.
FOREIGN_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            "januar jänner janvier enero gennaio janeiro januari",
            "februar février fevrier febrero febbraio fevereiro februari",
            "märz mars marzo março maart maret",
            "avril abril aprile",
            "mai mayo maggio maio mei",
            "juni juin junio giugno junho",
            "juli juillet julio luglio julho",
            "august août aout agosto augustus agustus",
            "september septembre septiembre setiembre settembre setembro",
            "oktober octobre octubre ottobre outubro",
            "november novembre noviembre novembro nopember",
            "dezember décembre decembre diciembre dicembre dezembro december desember",
        ],
        start=1,
    )
    for name in names.split()
    if name not in ("april", "august", "september", "november", "december")  # English's own: dateutil reads them
}
_FOREIGN = (
    r"(?<!\d)(\d{1,2})\.?\s+(?:de\s+)?(?i:(" + "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True)) + r"))"
    r",?\s+(?:de\s+)?((?:19|20)\d{2})(?:[^\d\n]{1,8}?(\d{1,2})\s*[:h]\s*(\d{2}))?"
)
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?|\d{1,2}\s*[AaPp]\.?[Mm]\.?"
_TZ = r"(?:" + "|".join(sorted(TIMEZONES, key=len, reverse=True)) + r")(?![A-Z]{2}|[a-z])|[+-]\d{2}:?\d{2}\b"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN)[a-zA-Z]*\.?,?\s+"
_SEP = r"(?:\s*[|,]\s*|\s+at\s+|\s+)"
# Each shape may carry a time and a zone after it, in any of the separators sites use.
_TAIL = rf"(?:{_SEP}(?:{_TIME})(?:\s*\(?(?:{_TZ})\)?)?)?"
_HEAD = rf"(?:(?:{_TIME})(?:\s*(?:{_TZ}))?,?\s+)?(?:{_WEEKDAY})?"
_SHAPES = [
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    rf"{_HEAD}{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TAIL}",
    rf"{_HEAD}\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}{_TAIL}",
    rf"{_MONTH}\s+\d{{4}}",
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    _FOREIGN,
    # 2025.04.11 08:30, 2025/04/11: as Korean, Japanese and Chinese sites print them
    r"\d{4}[/.](?:0?[1-9]|1[0-2])[/.](?:0?[1-9]|[12]\d|3[01])(?![\d.])(?:\s+\d{1,2}:\d{2})?",
    # a date written in Chinese or Japanese, with the time after it: 2012年7月1日 20時16分
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:[^\d\n]{0,12}\d{1,2}\s*[時时:：]\s*\d{1,2}\s*分?)?",
]
_FOREIGN_DATE = re.compile(_FOREIGN)
DATE_PATTERN = re.compile(r"(?<![\d-])(?:" + "|".join(_SHAPES) + r")")
RELATIVE_PATTERN = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|week|month|year)s?\s+ago\b|"
    r"\b(?:yesterday|today|just now)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_FILLER = re.compile(
    r"^\s*(?:(?:last\s+)?updated|published|posted|first published|date)\s*(?:on|:)?\s*"
    r"|\s+at\s+|\s*\|\s*",
    re.IGNORECASE,
)
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\b")
_DOTTED_TIME = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?![\d.])")  # "10.13 BST", a British habit
_TZINFOS = {name: offset for name, offset in TIMEZONES.items()}
_DEFAULTS = (datetime(1904, 1, 1, 0, 0), datetime(1908, 2, 2, 1, 1))


def search_dates(text: str) -> list[str]:
    """Date expressions in ``text``, left to right, as written (e.g. ``'Sep 13 2025 | 9:04 AM IST'``)."""
    return [m.group(0).strip(" ,|") for m in DATE_PATTERN.finditer(text)]


def parse_date(text: str | None, *, dayfirst: bool = False) -> tuple[pd.Timestamp, str]:
    """Parse one date expression into a UTC timestamp and its precision (see ``tables.DATE_PRECISIONS``).

    A time without a zone is read as UTC. Anything that is not a date gives ``(NaT, 'unknown')``.
    ``dayfirst``: read ``03/04/2025`` as 3 April (else 4 March); ``day_order`` decides it for a column.
    """
    if text is None or not str(text).strip():
        return pd.NaT, "unknown"
    text = str(text).strip()
    if RELATIVE_PATTERN.fullmatch(text.strip(" .")):
        return pd.NaT, "relative"
    iso = (
        _parse_iso(text)
        or _parse_compact(text)
        or _parse_numeric(text, dayfirst)
        or _parse_chinese(text)
        or _parse_foreign(text)
    )
    if iso is not None:
        return iso
    if len(text) > 40 and (found := search_dates(text)):  # a date inside a byline-like cell
        return parse_date(found[0])
    cleaned = _FILLER.sub(" ", text).strip(" ,")
    cleaned = _DOTTED_TIME.sub(r"\1:\2", cleaned)
    # "GMT+8" is eight hours ahead of Greenwich, as Asian sites mean it (dateutil reads it the POSIX
    # way round, eight hours behind): written as the offset +08:00 it is read right
    cleaned = _GMT_OFFSET.sub(lambda m: f"{m[1]}{int(m[2]):02d}:{m[3] or '00'}", cleaned)
    parsed = []
    for default in _DEFAULTS:
        try:
            parsed.append(dateutil_parser.parse(cleaned, default=default, tzinfos=_TZINFOS))
        except (ValueError, OverflowError, TypeError):
            return pd.NaT, "unknown"
    first, second = parsed
    has_year = first.year == second.year and bool(_YEAR.search(cleaned))
    has_month = first.month == second.month
    has_day = first.day == second.day
    has_time = (first.hour, first.minute) == (second.hour, second.minute)
    if not has_year:
        return pd.NaT, ("no_year" if has_month and has_day else "unknown")
    precision = "exact" if has_time and has_day else "day" if has_day else "month" if has_month else "year"
    stamp = first if has_month else first.replace(month=1)
    if precision in ("month", "year"):
        stamp = stamp.replace(day=1)
    return _to_utc(stamp), precision


def _parse_iso(text: str) -> tuple[pd.Timestamp, str] | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", text):
        return None
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    precision = "day" if len(text) == 10 else "exact"
    return _to_utc(stamp), precision


# 20260114T233000Z (GDELT), 20250101 (an integer column), epoch seconds and milliseconds
_COMPACT = re.compile(r"((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:T(\d{2})(\d{2})(\d{2})?Z?)?")
_EPOCH = re.compile(r"1\d{9}(?:\d{3})?")  # 2001-09-09 to 2033-05-18, in seconds or milliseconds
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:.*?(\d{1,2})\s*[時时:：]\s*(\d{1,2})\s*分?)?")
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


# 12/15/18, 25/12/2019, 3.4.2025, with a time after it: the order of day and month is the caller's
_NUMERIC = re.compile(
    r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})"
    r"(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?)?(?:\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5}))?"
)


def _parse_numeric(text: str, dayfirst: bool) -> tuple[pd.Timestamp, str] | None:
    """A date of numbers only, ``m/d/yy`` or ``d/m/yyyy`` as ``dayfirst`` says (a two-digit year is
    19xx from 70, else 20xx), with a time and zone when given."""
    match = _NUMERIC.fullmatch(text)
    if not match:
        return None
    first, _, second, year, hour, minute, sec, half, zone = match.groups()
    day, month = (int(first), int(second)) if dayfirst else (int(second), int(first))
    year = int(year) + (0 if len(year) == 4 else 1900 if int(year) >= 70 else 2000)
    try:
        if hour is None:
            return pd.Timestamp(year, month, day, tz="UTC"), "day"
        hours = int(hour) % 12 + (12 if half and half[0] in "Pp" else 0) if half else int(hour)
        stamp = datetime(year, month, day, hours, int(minute), int(sec or 0))
    except ValueError:
        return None
    if zone:
        offset = TIMEZONES.get(zone.upper())
        if offset is None and zone[0] in "+-":
            offset = (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 3600 + int(zone[-2:]) * 60)
        if offset is None:
            return None
        stamp = stamp.replace(tzinfo=timezone(timedelta(seconds=offset)))
    return _to_utc(stamp), "exact"


def _parse_foreign(text: str) -> tuple[pd.Timestamp, str] | None:
    """A date with a month name in German, French, Spanish, ... (``FOREIGN_MONTHS``), day first, with
    the time after it when there is one (read as UTC: such pages rarely name their zone)."""
    match = _FOREIGN_DATE.search(text)
    if not match:
        return None
    day, month, year, hour, minute = match.groups()
    try:
        stamp = datetime(int(year), FOREIGN_MONTHS[month.lower()], int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    return _to_utc(stamp), "exact" if hour is not None else "day"


def day_order(values: pd.Series) -> tuple[bool, str | None]:
    """Whether a column's numeric dates (``03/04/2025``) put the day first, and why, in words.

    Decided by the values only one order can read: a first number above 12 (``25/12/2019``) means
    day first, a second number above 12 (``12/25/2019``) month first. With neither, month first is
    assumed (as most tools write them) and the note says so; with both, the column mixes orders and
    each value is read month first where it can be. None for the note when there are no such dates.
    """
    day_first = month_first = None
    for value in values.dropna().astype(str).unique():
        match = _NUMERIC.fullmatch(value.strip())
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 and second <= 12 and day_first is None:
            day_first = value
        elif second > 12 and first <= 12 and month_first is None:
            month_first = value
        if day_first and month_first:
            break
    if day_first and not month_first:
        return True, f"day first ({day_first!r} has a day above 12)"
    if month_first and not day_first:
        return False, f"month first ({month_first!r} has a day above 12)"
    if day_first and month_first:
        return False, f"month first, but the column mixes orders ({month_first!r}, {day_first!r}): pass dayfirst="
    seen = any(_NUMERIC.fullmatch(str(v).strip()) for v in values.dropna().head(1000))
    return False, "month first (assumed: no day above 12 decides it; pass dayfirst=True if wrong)" if seen else None


def resolve_date(text: str | None, collected: pd.Timestamp) -> tuple[pd.Timestamp, str]:
    """A relative or yearless date (``2 hours ago``, ``yesterday``, ``Oct. 20``) placed against the
    day it was ``collected``; other dates as ``parse_date`` gives them. The precision stays
    ``relative`` or ``no_year``, saying the date was worked out, not written.
    """
    stamp, precision = parse_date(text)
    if precision not in ("relative", "no_year") or collected is None or pd.isna(collected):
        return stamp, precision
    collected = pd.Timestamp(collected)
    collected = collected.tz_localize("UTC") if collected.tzinfo is None else collected.tz_convert("UTC")
    words = str(text).strip(" .").lower()
    if precision == "no_year":
        cleaned = _DOTTED_TIME.sub(r"\1:\2", _FILLER.sub(" ", str(text)).strip(" ,"))
        try:
            found = dateutil_parser.parse(cleaned, default=datetime(collected.year, 1, 1), tzinfos=_TZINFOS)
        except (ValueError, OverflowError, TypeError):
            return stamp, precision
        placed = _to_utc(found)
        if placed > collected + pd.Timedelta(days=1):  # "Dec. 30" collected on 2 January: last year's
            placed = placed.replace(year=placed.year - 1)
        return placed, precision
    if words in ("today", "just now"):
        return collected, precision
    if words == "yesterday":
        return collected - pd.Timedelta(days=1), precision
    match = re.fullmatch(r"(\d+|an?|one)\s+(sec|min|hour|hr|day|week|month|year)\w*\s+ago", words)
    if not match:
        return stamp, precision
    count = 1 if match.group(1) in ("a", "an", "one") else int(match.group(1))
    unit = {"sec": "seconds", "min": "minutes", "hour": "hours", "hr": "hours", "day": "days", "week": "weeks"}
    if match.group(2) in unit:
        return collected - pd.Timedelta(**{unit[match.group(2)]: count}), precision
    months = count * (12 if match.group(2) == "year" else 1)
    return collected - pd.DateOffset(months=months), precision


def _parse_compact(text: str) -> tuple[pd.Timestamp, str] | None:
    """Dates written without separators: ``20260114T233000Z``, ``20250101``, epoch seconds or milliseconds."""
    if match := _COMPACT.fullmatch(text):
        year, month, day, hour, minute, second = match.groups()
        if hour is None:
            return pd.Timestamp(int(year), int(month), int(day), tz="UTC"), "day"
        stamp = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=UTC)
        return pd.Timestamp(stamp), "exact"
    if _EPOCH.fullmatch(text):
        return pd.Timestamp(int(text), unit="ms" if len(text) == 13 else "s", tz="UTC"), "exact"
    return None


def _parse_chinese(text: str) -> tuple[pd.Timestamp, str] | None:
    """A date written in Chinese: ``2012年7月1日``, full-width ``２０１２年７月１日``, ``二○○四年三月四日``;
    with the time after it when there is one (``香港時間20時16分``, read as UTC+8)."""
    if "年" not in text:
        return None
    normal = unicodedata.normalize("NFKC", text).translate(_CHINESE_DIGITS)
    normal = re.sub(r"(?<=[0-9])十(?=[0-9])", "", normal)  # 二十三 -> 2 3 (tens between digits)
    normal = re.sub(r"十(?=[0-9])", "1", normal)  # 十三 -> 13
    normal = re.sub(r"(?<=[0-9])十", "0", normal)  # 二十 -> 20
    normal = normal.replace("十", "10")
    match = _CHINESE.search(normal)
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    try:
        if hour is None:
            return pd.Timestamp(int(year), int(month), int(day), tz="UTC"), "day"
        # a Chinese date's time is Hong Kong's or Beijing's (UTC+8)
        local = datetime(int(year), int(month), int(day), int(hour), int(minute), tzinfo=timezone(timedelta(hours=8)))
        return _to_utc(local), "exact"
    except ValueError:
        return None


_URL_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/)"  # /2025/10/24/
    r"|/((?:19|20)\d{2})/(" + "|".join(_URL_MONTHS) + r")/(0?[1-9]|[12]\d|3[01])(?=/)"  # /2025/oct/24/
    r"|/((?:19|20)\d{2})(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?=/)"  # /202607/04/
    r"|[/_-]((?:19|20)\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)",  # 2019-12-31, /20191231/
    re.IGNORECASE,
)


def date_from_url(url: str | None) -> tuple[pd.Timestamp, str, str | None]:
    """The day an article's address gives (``/2025/oct/24/``, ``/202607/04/``, ``2019-12-31``): a UTC
    timestamp, precision ``day`` and the part of the address that said so; ``(NaT, 'unknown', None)``."""
    match = _URL_DATE.search(url or "")
    if not match:
        return pd.NaT, "unknown", None
    year, month, day = next(match.groups()[i : i + 3] for i in range(0, 12, 3) if match.groups()[i])
    month = _URL_MONTHS.index(month.lower()) + 1 if month.isalpha() else int(month)
    try:
        return pd.Timestamp(int(year), month, int(day), tz="UTC"), "day", match.group(0).strip("/_-")
    except ValueError:
        return pd.NaT, "unknown", None


def _to_utc(stamp: datetime) -> pd.Timestamp:
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return pd.Timestamp(stamp).tz_convert("UTC")


def parse_dates(values: pd.Series, *, dayfirst: bool = False) -> pd.DataFrame:
    """Parse a column of date strings; returns ``published`` (UTC) and ``date_precision``, same index.

    Repeated strings are parsed once, so a column of a few distinct styles stays fast.
    """
    distinct = pd.Series(values.dropna().astype(str).unique())
    parsed = {value: parse_date(value, dayfirst=dayfirst) for value in distinct}
    published = values.map(lambda v: parsed[str(v)][0] if pd.notna(v) else pd.NaT)
    precision = values.map(lambda v: parsed[str(v)][1] if pd.notna(v) else "unknown")
    return pd.DataFrame(
        {"published": pd.to_datetime(published, utc=True), "date_precision": precision.astype(object)},
        index=values.index,
    )


__all__ = [
    "TIMEZONES",
    "date_from_url",
    "day_order",
    "parse_date",
    "parse_dates",
    "resolve_date",
    "search_dates",
]
