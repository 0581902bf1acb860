"""Hand-made texts and lexicons shared by the tagging tests: every mention can be counted by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hkanalysis.tagging import load_actors, load_themes, tag

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lexicons"

THEMES = load_themes(FIXTURES / "themes.yaml")
ACTORS = load_actors(FIXTURES / "actors.yaml")

# Each text is built so its mentions can be counted by hand; offsets are noted where they matter.
TEXTS = {
    # 0 "Ant" before any full mention; 17 "Ant Group"; 31 "Alibaba"; 46 "Antarctica"; 65 "Ant";
    # 74 "Nvidia’s"; 83 "chips"
    "longest": "Ant moved first. Ant Group and Alibaba met in Antarctica. Later, Ant said Nvidia’s chips were "
    "sold out.",
    # 0 "EVs"; 8 "ev"; 27 "EV/EBITDA"; 65 "bargaining chip"; 86 "H20"; 90 "chip"
    "rules": "EVs and ev sales rose. The EV/EBITDA ratio fell. He used it as a bargaining chip; the H20 chip is "
    "banned.",
    # 0 "Lee" before any full mention; 17 "John Lee"; 30 "Lee Hsien Loong"; 60 "Lee"
    "short": "Lee spoke first. John Lee met Lee Hsien Loong in Singapore. Lee said talks went well.",
    # 17 "Hong Kong Stock Exchange", within it 27 "Stock Exchange"; 54 "listing"
    "overlap": "It listed on the Hong Kong Stock Exchange in a record listing.",
    # a short form whose full mention is in another article does not count
    "elsewhere": "Lee arrived.",
    # 22 "EV" in paragraph 0; 41 "tariff" in paragraph 1
    "paragraphs": "First paragraph about EV.\n\nSecond one on tariff.",
}


def articles(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})


def fixture_tag(texts: dict[str, str]) -> pd.DataFrame:
    return tag(articles(texts), themes=THEMES, actors=ACTORS)


def rows(mentions: pd.DataFrame, article_id: str) -> list[tuple]:
    picked = mentions[mentions["article_id"] == article_id]
    return list(
        picked[["sentence_id", "kind", "key", "term", "surface", "start", "end"]].itertuples(index=False, name=None)
    )
