"""A wire story copied across two outlets, small enough to count every analysis by hand.

    id  outlet     published   story  copy?  words  text                    themes    actors
    r1  Reuters    2025-03-10  sW     no     3      "tariff tariff trade"   tariffs   China, US
    b1  Bloomberg  2025-03-11  sW     yes    3      "tariff tariff trade"   tariffs   China, US
    b3  Bloomberg  2025-03-12  sW     yes    1      "tariff"                tariffs   China, US
    r2  Reuters    2025-03-15  sR     no     1      "talks"                 -         US, Hong Kong
    b2  Bloomberg  2025-03-20  sB     no     1      "cars"                  ev        China, Hong Kong

The wire story sW is Reuters' r1 (canonical), copied by Bloomberg twice (b1 in full, b3 an excerpt).
One copy per story: corpus-wide r1, r2, b2 count; per outlet Bloomberg counts sW once through its
fullest copy b1 (the canonical is not Bloomberg's) and Reuters through r1.
"""

from __future__ import annotations

import pandas as pd

ROWS = [
    # article_id, outlet, published, story_id, is_duplicate, text, themes, actors
    ("r1", "Reuters", "2025-03-10", "sW", False, "tariff tariff trade", ["tariffs"], ["China", "US"]),
    ("b1", "Bloomberg", "2025-03-11", "sW", True, "tariff tariff trade", ["tariffs"], ["China", "US"]),
    ("b3", "Bloomberg", "2025-03-12", "sW", True, "tariff", ["tariffs"], ["China", "US"]),
    ("r2", "Reuters", "2025-03-15", "sR", False, "talks", [], ["US", "Hong Kong"]),
    ("b2", "Bloomberg", "2025-03-20", "sB", False, "cars", ["ev"], ["China", "Hong Kong"]),
]


def articles() -> pd.DataFrame:
    """The five articles (columns as the corpus has them, those the analyses read)."""
    return pd.DataFrame(
        {
            "article_id": [r[0] for r in ROWS],
            "title": [f"Title {r[0]}" for r in ROWS],
            "outlet": [r[1] for r in ROWS],
            "published": pd.to_datetime([r[2] for r in ROWS], utc=True),
            "story_id": [r[3] for r in ROWS],
            "is_duplicate": [r[4] for r in ROWS],
            "text": [r[5] for r in ROWS],
            "n_words": [len(r[5].split()) for r in ROWS],
        }
    )


def sentences() -> pd.DataFrame:
    """One sentence (and paragraph) per article: its whole text."""
    return pd.DataFrame(
        {
            "article_id": [r[0] for r in ROWS],
            "sentence_id": 0,
            "paragraph": 0,
            "start": 0,
            "end": [len(r[5]) for r in ROWS],
            "text": [r[5] for r in ROWS],
        }
    )


def mentions() -> pd.DataFrame:
    """Each article's themes and actors, one mention each, in its one sentence."""
    hits = [(r[0], kind, key) for r in ROWS for kind, keys in (("theme", r[6]), ("actor", r[7])) for key in keys]
    return mention_table(hits, end=1)


def mention_table(hits: list[tuple[str, str, str]], *, end: int) -> pd.DataFrame:
    """A mentions table of ``(article_id, kind, key)`` hits, each the term of its key, in sentence 0 at 0..end."""
    from hkanalysis.tables import MENTION_COLUMNS

    return pd.DataFrame(
        {
            "article_id": [h[0] for h in hits],
            "sentence_id": 0,
            "paragraph": 0,
            "kind": [h[1] for h in hits],
            "key": [h[2] for h in hits],
            "term": [h[2] for h in hits],
            "surface": [h[2] for h in hits],
            "start": 0,
            "end": end,
        },
        columns=list(MENTION_COLUMNS),
    )
