"""How much of a Markdown report the page route keeps: the HKMA annual report, chapter by chapter.

Run from the repository root::

    .venv/bin/python bench/markdown.py

Each ``.md`` chapter of ``../shared/corpora/chinese/hkma-annual-report-en-zh/md_2024`` is read as
``readers`` reads it (``markdown.markdown_text``, then ``pages.split_page``, the opening heading as
title when the route finds none). Printed per half: the share of the chapter's text (its words in
English, its characters in Chinese) that ends in the article, and the chapters titled. Headings
within a chapter are not body, so 100% is out of reach. The chapters numbered 0x were looked at
while the Markdown route was written; 13 to 19 were not (held out).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hkanalysis import paths  # noqa: E402
from hkanalysis.ingest.markdown import markdown_text  # noqa: E402
from hkanalysis.ingest.readers import read_file  # noqa: E402

FOLDER = paths.CORPORA / "chinese" / "hkma-annual-report-en-zh" / "md_2024"


def size(text: str, chinese: bool) -> int:
    """Characters of a Chinese text, words of an English one."""
    return len("".join(text.split())) if chinese else len(text.split())


def main() -> None:
    files = sorted(FOLDER.glob("*.md"))
    if not files:
        print(f"no report at {FOLDER}")
        return
    developed = [path for path in files if path.name.lstrip("C").startswith("0")]
    for name, group in (("looked at", developed), ("held out", [p for p in files if p not in developed])):
        whole = kept = titled = articles = 0
        for path in group:
            chinese = path.name.startswith("C")
            text, _ = markdown_text(path.read_text(encoding="utf-8"))
            records = read_file(path, root=FOLDER)
            whole += size(text, chinese)
            kept += sum(size(record["text"], chinese) for record in records)
            titled += bool(records and records[0]["title"])
            articles += len(records)
        print(f"{name}: {len(group)} chapters -> {articles} articles; text kept {kept / whole:.1%}; titled {titled}")


if __name__ == "__main__":
    main()
