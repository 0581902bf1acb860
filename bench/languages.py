"""How often the language guess agrees with a label the source gives, and how often there is none.

Run from the repository root::

    .venv/bin/python bench/languages.py [--min-latin N]

On ``../shared/corpora/exports/gdelt-doc-artlist`` (headline-only rows, each with GDELT's own
language label) it prints, for each ``MIN_LATIN_LETTERS`` (``--min-latin``; 0 is the rule before
it existed, when the model named a language for any text of three letters or more): the titles
given a language, and of those the share that agrees with GDELT's label (its 22 language names
mapped to ISO 639-1 codes). On ``../shared/corpora/exports/news-crawler-headlines-csv`` (English
and Chinese headlines, no label) it prints the languages the titles were given, per file: a guess
other than ``en`` or ``zh`` there is almost always wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hkanalysis import paths  # noqa: E402
from hkanalysis.ingest import language  # noqa: E402
from hkanalysis.ingest.readers import read_file  # noqa: E402

GDELT = paths.CORPORA / "exports" / "gdelt-doc-artlist" / "gdelt_response.json"
HEADLINES = paths.CORPORA / "exports" / "news-crawler-headlines-csv"
#: GDELT's language names as ISO 639-1 codes (Sinhalese: si).
GDELT_CODES = {
    "English": "en", "Chinese": "zh", "Hindi": "hi", "Malayalam": "ml", "Korean": "ko", "Bengali": "bn",
    "Marathi": "mr", "Urdu": "ur", "Sinhalese": "si", "Gujarati": "gu", "Telugu": "te", "Indonesian": "id",
    "Nepali": "ne", "Ukrainian": "uk", "German": "de", "Kannada": "kn", "Hungarian": "hu", "Tamil": "ta",
    "Serbian": "sr", "Vietnamese": "vi", "Japanese": "ja", "Russian": "ru",
}  # fmt: skip


def gdelt(min_latin: int) -> str:
    """Coverage and agreement on GDELT's labelled titles with this ``MIN_LATIN_LETTERS``."""
    language.MIN_LATIN_LETTERS = min_latin
    rows = json.loads(GDELT.read_text(encoding="utf-8"))["articles"]
    labelled = [(GDELT_CODES[row["language"]], row["title"]) for row in rows if row["language"] in GDELT_CODES]
    guesses = [(code, language.detect_language(None, title)) for code, title in labelled]
    given = [(code, guess) for code, guess in guesses if guess is not None]
    agree = sum(code == guess for code, guess in given)
    wrong = Counter(f"{code}->{guess}" for code, guess in given if code != guess)
    return (
        f"gdelt-doc-artlist, min_latin {min_latin}: {len(given)} of {len(labelled)} titles given a language, "
        f"{agree} of those agree with GDELT ({agree / max(len(given), 1):.1%}; {agree / len(labelled):.1%} of all); "
        f"disagreements: {', '.join(f'{pair} {n}' for pair, n in wrong.most_common(8)) or 'none'}"
    )


def headlines(min_latin: int) -> list[str]:
    """The languages given to each headline file's titles with this ``MIN_LATIN_LETTERS``."""
    language.MIN_LATIN_LETTERS = min_latin
    lines = []
    for file in sorted(HEADLINES.glob("*.csv")):
        records = read_file(file)
        found, _ = language.language_columns([r["text"] for r in records], [r["title"] for r in records])
        counts = Counter("und" if code is None else code for code in found)
        other = sum(n for code, n in counts.items() if code not in ("en", "zh", "und"))
        top = ", ".join(f"{code} {n}" for code, n in counts.most_common(6))
        lines.append(f"  {file.name}: {len(found)} rows; other than en/zh/und: {other}; {top}")
    return [f"news-crawler-headlines-csv, min_latin {min_latin}:", *lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-latin", type=int, nargs="*", default=[0, language.MIN_LATIN_LETTERS])
    args = parser.parse_args()
    if not GDELT.is_file():
        print(f"no corpora at {paths.CORPORA}")
        return
    for min_latin in args.min_latin:
        print(gdelt(min_latin))
    for min_latin in args.min_latin:
        print("\n".join(headlines(min_latin)))


if __name__ == "__main__":
    main()
