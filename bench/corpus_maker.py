"""Synthetic corpora of any size for bench/scale.py, made from the real trade-war articles.

    .venv/bin/python bench/corpus_maker.py 100000    # builds the corpus (or finds it built) and says where

An article takes the shape of a random real one (its outlet and its number of sentences) and is
filled with sentences drawn from all of that outlet's articles, in paragraphs of 1 to 4 sentences,
with a date anywhere in 2015-2024. Drawn as they are, the 18,751 real sentences would each recur
in dozens of articles at 100k: the loader's copy detection (shared word 5-grams, see
hkanalysis/stories.py) would call many articles copies, and would pair them at a cost that grows
with the square of the corpus, which real news does not do. So every drawn sentence is perturbed:
``SWAP_SHARE`` of its words outside lexicon mentions are swapped for other words of the corpus
vocabulary, and its numbers are varied. The vocabulary holds no word of any lexicon term, so no
mention is made up; mentions are kept as written, so tagging finds about as many per article as
in the real corpus. ``DUPLICATE_SHARE`` of the articles are planted copies (an earlier article of
the same file, shortened, published up to two days later), as syndication makes them.

Files are JSON Lines of ``FILE_ARTICLES`` articles with the fields the loader maps (title, text,
published, outlet, url). File k is made from a seed of its own, so the 10k corpus is the first 100
files of the 100k one, and extra files continue the same stream. Corpora live in the project's
cache (``paths.cache_dir() / "bench-scale"``), never in data/raw, and are reused once built.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "corpora" / "trade-war"
OUTLETS = {
    "nyt_us_china.csv": ("The New York Times", "nyt"),
    "peoples_daily_tariff.csv": ("People's Daily", "people"),
}
FILE_ARTICLES = 100
SWAP_SHARE = 0.35  # a 5-gram of unprotected words survives a draw intact with p = 0.65**5 = 12%
DUPLICATE_SHARE = 0.02  # planted copies: what `is_duplicate` should come close to
FIRST_DAY, DAYS = (
    pd.Timestamp("2015-01-01", tz="UTC"),
    3653,
)  # dates spread over 2015-2024
SEED = 20250601
VERSION = "1"  # bump when the recipe changes, so corpora built by an older one are rebuilt

# A text in runs of letters, of digits, and of anything else; joined back they give the text.
_PIECES = re.compile(r"[^\W\d_]+|\d+|[\W_]+")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass
class Sentence:
    pieces: list[str]
    swappable: np.ndarray  # indices of the words outside any lexicon mention
    numbers: np.ndarray  # indices of digit runs


@dataclass
class Material:
    """What articles are made of: real shapes, sentences and titles per outlet, and a vocabulary."""

    outlets: np.ndarray  # per real article: its outlet
    lengths: np.ndarray  # per real article: its number of sentences
    sentences: dict[str, list[Sentence]]
    titles: dict[str, list[Sentence]]
    vocabulary: np.ndarray
    reference: dict  # the real corpus's figures, to compare the synthetic ones with


# --- building and finding corpora ------------------------------------------------------------------


def corpus_folder(n: int, *, first_file: int = 0) -> Path:
    """Where the corpus of ``n`` articles lives (``first_file`` > 0: extra files that continue it)."""
    from hkanalysis import paths

    name = str(n) if first_file == 0 else f"files-{first_file}-plus-{n}"
    return paths.cache_dir() / "bench-scale" / name


def build(n: int, *, first_file: int = 0, source: Path = SOURCE) -> tuple[Path, dict]:
    """The folder of a corpus of ``n`` articles (built unless already there), and the real corpus's figures.

    Its files are numbered from ``first_file``, so ``build(10_000, first_file=1000)`` gives the 100
    files that would follow the 100k corpus.
    """
    folder = corpus_folder(n, first_file=first_file)
    # the marker sits beside the folder: a file inside it would be read as an input
    marker = folder.with_name(folder.name + ".built.json")
    if marker.exists():
        built = json.loads(marker.read_text())
        if built.get("version") == VERSION and built.get("articles") == n:
            return folder, built["reference"]
    material = gather(source)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [min(FILE_ARTICLES, n - start) for start in range(0, n, FILE_ARTICLES)]
    for offset, size in enumerate(sizes):
        index = first_file + offset
        rows = make_file(material, index, size)
        lines = (json.dumps(row, ensure_ascii=False) for row in rows)
        (folder / f"part-{index:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    marker.write_text(json.dumps({"version": VERSION, "articles": n, "reference": material.reference}))
    return folder, material.reference


def gather(source: Path = SOURCE) -> Material:
    """The real corpus cut into what synthetic articles are made of."""
    import hkanalysis as hk

    corpus = hk.load_corpus(source, manifest=False)
    mentions = hk.tag(corpus)
    articles, sentences = corpus.articles, corpus.sentences
    outlet_of = articles.set_index("article_id")["source_path"].map(lambda p: OUTLETS[p][0])
    protected = _mention_spans(mentions)
    lexicon_words = _lexicon_words()

    pools: dict[str, list[Sentence]] = {name: [] for name, _ in OUTLETS.values()}
    words: Counter[str] = Counter()
    for row in sentences.itertuples(index=False):
        spans = protected.get(row.article_id, [])
        inside = [(s - row.start, e - row.start) for s, e in spans if s < row.end and e > row.start]
        sentence = _cut(row.text, inside)
        pools[outlet_of[row.article_id]].append(sentence)
        words.update(sentence.pieces[i].lower() for i in sentence.swappable)
    # Words seen twice or more (no typos), of three letters or more, that no lexicon term uses.
    vocabulary = sorted(w for w, c in words.items() if c >= 2 and len(w) >= 3 and w not in lexicon_words)

    titles = {name: [] for name in pools}
    for outlet, title in zip(articles["source_path"].map(lambda p: OUTLETS[p][0]), articles["title"].fillna("")):
        titles[outlet].append(_cut(title, []))
    counts = sentences.groupby("article_id").size()
    outlets = articles["source_path"].map(lambda p: OUTLETS[p][0]).to_numpy()
    lengths = articles["article_id"].map(counts).fillna(0).astype(int).to_numpy()
    reference = {
        "articles": len(articles),
        "mentions_per_article": len(mentions) / len(articles),
        "duplicate_share": float(articles["is_duplicate"].mean()),
        "words_per_article": float(articles["n_words"].mean()),
    }
    return Material(outlets, lengths, pools, titles, np.array(vocabulary, dtype=object), reference)


def _mention_spans(mentions: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for article_id, start, end in zip(mentions["article_id"], mentions["start"], mentions["end"]):
        spans.setdefault(article_id, []).append((start, end))
    return spans


def _lexicon_words() -> set[str]:
    """Every word of every lexicon term (regex terms included, roughly), lowercased."""
    from hkanalysis import load_actors, load_themes

    words = set()
    for lexicon in (load_themes(), load_actors()):
        for term in lexicon.table["term"]:
            words.update(w.lower() for w in _LETTERS.findall(term))
    return words


def _cut(text: str, protected: list[tuple[int, int]]) -> Sentence:
    """``text`` in pieces, with which words may be swapped (those outside ``protected`` spans)."""
    pieces, swappable, numbers = [], [], []
    for match in _PIECES.finditer(text):
        piece, start, end = match.group(), match.start(), match.end()
        if piece[0].isdigit():
            numbers.append(len(pieces))
        # single letters and capitals ("U.S.", "BEIJING --") keep a text's look; words are what vary
        elif len(piece) > 1 and not piece.isupper() and not any(s < end and e > start for s, e in protected):
            swappable.append(len(pieces))
        pieces.append(piece)
    return Sentence(pieces, np.array(swappable, dtype=np.int64), np.array(numbers, dtype=np.int64))


# --- making articles --------------------------------------------------------------------------------


def make_file(material: Material, index: int, size: int = FILE_ARTICLES) -> list[dict]:
    """The ``size`` articles of file ``index``: the same every time, whatever else is built."""
    rng = np.random.default_rng([SEED, index])
    rows: list[dict] = []
    for part in range(size):
        url = f"https://bench.example/{index:05d}/{part:03d}"
        if rows and rng.random() < DUPLICATE_SHARE:
            rows.append(_copy_of(rows[rng.integers(len(rows))], rng, url))
        else:
            rows.append(_article(material, rng, url))
    return rows


def _article(material: Material, rng: np.random.Generator, url: str) -> dict:
    real = rng.integers(len(material.outlets))
    outlet = material.outlets[real]
    pool = material.sentences[outlet]
    drawn = [_perturb(pool[i], rng, material.vocabulary) for i in rng.integers(len(pool), size=material.lengths[real])]
    paragraphs, at = [], 0
    while at < len(drawn):
        take = int(rng.integers(1, 5))
        paragraphs.append(" ".join(drawn[at : at + take]))
        at += take
    titles = material.titles[outlet]
    published = FIRST_DAY + pd.Timedelta(seconds=int(rng.integers(DAYS * 86400)))
    return {
        "title": _perturb(titles[rng.integers(len(titles))], rng, material.vocabulary),
        "text": "\n\n".join(paragraphs),
        "published": published.isoformat(),
        "outlet": outlet,
        "url": url,
    }


def _copy_of(original: dict, rng: np.random.Generator, url: str) -> dict:
    """A shortened copy, a day or two later: what a syndicated or paywalled version looks like."""
    paragraphs = original["text"].split("\n\n")
    keep = max(1, int(np.ceil(len(paragraphs) * rng.uniform(0.5, 1.0))))
    published = pd.Timestamp(original["published"]) + pd.Timedelta(hours=int(rng.integers(48)))
    return {
        **original,
        "text": "\n\n".join(paragraphs[:keep]),
        "published": published.isoformat(),
        "url": url,
    }


def _perturb(sentence: Sentence, rng: np.random.Generator, vocabulary: np.ndarray) -> str:
    pieces = list(sentence.pieces)
    chosen = sentence.swappable[rng.random(len(sentence.swappable)) < SWAP_SHARE]
    for i, word in zip(chosen, vocabulary[rng.integers(len(vocabulary), size=len(chosen))]):
        pieces[i] = _same_case(word, pieces[i])
    for i in sentence.numbers:
        pieces[i] = _other_number(pieces[i], rng)
    return "".join(pieces)


def _same_case(word: str, like: str) -> str:
    return word.capitalize() if like[0].isupper() else word


def _other_number(digits: str, rng: np.random.Generator) -> str:
    if len(digits) == 4 and digits[:2] in ("19", "20"):  # a year stays a plausible year
        return str(rng.integers(2000, 2025))
    low = 10 ** (len(digits) - 1) if len(digits) > 1 else 0
    return str(rng.integers(low, 10 ** len(digits)))


if __name__ == "__main__":
    if not SOURCE.exists():
        print(f"skipped: no corpus at {SOURCE} (needs ../shared/corpora/trade-war)")
        sys.exit(0)
    sys.path.insert(0, str(ROOT))
    for size in map(int, sys.argv[1:] or ["1000"]):
        print(build(size)[0])
