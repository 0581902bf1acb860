"""Score extracted articles against a hand-checked gold set: titles, authors, dates and bodies.

The measures the extraction benchmarks print, and that an analyst can use to check the loader on
a sample of their own sources before trusting it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

_QUOTES = str.maketrans("‘’‚′“”„″", "''''" + '""""')
_TOKEN = re.compile(r"\w+")


def normalise_title(title: str | None) -> str:
    """A title folded for comparison: straight quotes, single spaces, casefolded."""
    return " ".join((title or "").translate(_QUOTES).split()).casefold()


def token_scores(found: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the multisets of lowercased word tokens (all 1.0 when both are empty)."""
    found_bag, gold_bag = Counter(_TOKEN.findall(found.lower())), Counter(_TOKEN.findall(gold.lower()))
    if not found_bag or not gold_bag:
        return (float(found_bag == gold_bag),) * 3
    common = sum((found_bag & gold_bag).values())
    precision, recall = common / sum(found_bag.values()), common / sum(gold_bag.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def author_f1(found: list[str], gold: list[str]) -> float:
    """F1 of two sets of author names, casefolded with whitespace collapsed (1.0 when both are empty)."""
    found_set = {" ".join(name.split()).casefold() for name in found}
    gold_set = {" ".join(name.split()).casefold() for name in gold}
    if not found_set and not gold_set:
        return 1.0
    return 2 * len(found_set & gold_set) / (len(found_set) + len(gold_set))


def date_ok(found: pd.Timestamp | None, gold: str | None) -> float | None:
    """1.0 when the UTC calendar dates are at most one day apart, 0.0 if not, None without a gold date."""
    if not gold:
        return None
    if found is None or pd.isna(found):
        return 0.0
    reference = pd.Timestamp(gold)
    reference = reference.tz_localize("UTC") if reference.tzinfo is None else reference.tz_convert("UTC")
    return float(abs((found.tz_convert("UTC").normalize() - reference.normalize()).days) <= 1)


def conllu_sentences(path) -> list[tuple[str, list[str]]]:
    """``(text, gold words)`` of each sentence of a CoNLL-U treebank (e.g. the PUD Chinese one); the
    text without the spaces the treebank puts between Chinese words."""
    sentences: list[tuple[str, list[str]]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            sentences.append((line[9:].replace(" ", ""), []))
        elif line and not line.startswith("#"):
            number, form = line.split("\t")[:2]
            if number.isdigit():  # not a multi-word token's range, not an empty node
                sentences[-1][1].append(form)
    return sentences


def segmentation_scores(pairs, segmenter) -> tuple[float, float, float]:
    """Precision, recall and F1 of the word spans ``segmenter(text)`` gives against the gold words
    of ``pairs`` (``(text, gold words)``, as ``conllu_sentences`` gives them)."""
    found = right = expected = 0
    for text, gold in pairs:
        at, spans = 0, set()
        for word in gold:
            spans.add((at, at + len(word)))
            at += len(word)
        ours = set(segmenter(text))
        found, right, expected = found + len(ours), right + len(ours & spans), expected + len(spans)
    precision, recall = right / found, right / expected
    return precision, recall, 2 * precision * recall / (precision + recall)
