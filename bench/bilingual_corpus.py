"""Write a two-language corpus from the shared corpora, for notebook 04 (the same story in two languages).

    .venv/bin/python bench/bilingual_corpus.py OUT_DIR

The HKMA Annual Report 2024 in English and Traditional Chinese (13 chapters each, the same text in
both languages, ``../shared/corpora/chinese/hkma-annual-report-en-zh/full_data_2024.jsonl``)
become ``OUT_DIR/hkma_2024.csv``: one row per chapter and language, with ``title`` (the chapter's
heading), ``text``, ``outlet`` (``HKMA (English)``, ``HKMA (中文)``) and ``language``. The texts
belong to their publisher: OUT_DIR must be outside the repository. Then, for instance::

    .venv/bin/hkanalysis render --config reports/across-languages.yaml --corpus OUT_DIR
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from hkanalysis import paths

SOURCE = paths.CORPORA / "chinese" / "hkma-annual-report-en-zh" / "full_data_2024.jsonl"


def rows() -> list[dict[str, str]]:
    """One row per chapter and language."""
    found = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for language, outlet in (("en", "HKMA (English)"), ("zh", "HKMA (中文)")):
            text = record[language].strip()
            heading, _, body = text.partition("\n")
            found.append(
                {"title": heading.lstrip("# ").strip(), "text": body.strip(), "outlet": outlet, "language": language}
            )
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    if not SOURCE.is_file():
        print(f"skipped: {SOURCE} is not on this machine")
        return 0
    out = Path(argv[0]).resolve()
    if paths.PROJECT_ROOT.resolve() in (out, *out.parents):
        print(f"{out} is inside the repository: the report's texts must not go there")
        return 2
    out.mkdir(parents=True, exist_ok=True)
    found = rows()
    with (out / "hkma_2024.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["title", "text", "outlet", "language"])
        writer.writeheader()
        writer.writerows(found)
    print(f"wrote {len(found)} chapters to {out / 'hkma_2024.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
