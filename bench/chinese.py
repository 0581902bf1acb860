"""Chinese text: word segmentation against gold words, sentences and mentions on real press releases, speed.

    .venv/bin/python bench/chinese.py [--only f1 speed press cost copies scale]

- **f1**: word F1 of ``words.segment`` against the gold words of the PUD treebank
  (``../shared/corpora/chinese/ud-pud-zh-en/zh_pud-ud-test.conllu``, 1,000 Traditional sentences),
  on the first 500 sentences (where the rules were set: folding to Simplified, numeral and measure
  word apart) and on the last 500 (held out), beside jieba-rs on the text as written.
- **speed**: segmentation of the Hong Kong press releases (repeated to about 6 MB), in MB of UTF-8
  per second on one core, for ``segment`` (spans), ``tokens`` (the words counted),
  ``compared_words`` (the words of story shingles) and ``word_spans`` (co-occurrence windows);
  target 2 MB/s.
- **press**: what loading the 256 Hong Kong Government press releases in Traditional Chinese
  (``hkgov-press-zh-csv``) gives: articles, sentences, how they end, mentions by kind, the actors
  and themes found most, and who is quoted.
- **cost**: cold load and tagging per million characters, Chinese (the press releases) against
  English (People's Daily, trade-war), one worker, imports and the lexicons' compilation done
  before timing, the best of three; target: Chinese at most twice English per character.
- **copies**: the groups of copies (``story_id``) found among the Chinese rows of the NewsData
  exports (``newsdata-io-csv``: scraped full texts beside the export's excerpts, one article under
  two categories), how many pairs of rows with one title are one story, and the stories among the
  256 press releases (all different).
- **scale** (``--sizes``, default 1,000 and 10,000 articles; bench/scale.py runs it after the
  English corpora): synthetic Chinese corpora whose articles are 3 to 12 sentences drawn at random
  from the press releases, in paragraphs of 1 to 4, in JSON Lines files of 1,000; cold load (all
  cores) and ``tag(articles, sentences)``, per article and per million characters, and how each
  grows between sizes (log t2/t1 / log n2/n1; 1.0 is linear).

Skips a section (with a message) when its corpus is absent.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections import Counter
from pathlib import Path

from hkanalysis import paths
from hkanalysis.ingest.evaluation import conllu_sentences, segmentation_scores

CHINESE = paths.CORPORA / "chinese"
PUD = CHINESE / "ud-pud-zh-en" / "zh_pud-ud-test.conllu"
PRESS = CHINESE / "hkgov-press-zh-csv"
EXPORTS = CHINESE / "newsdata-io-csv"
ENGLISH = paths.CORPORA / "trade-war" / "peoples_daily_tariff.csv"


def pud_sentences() -> list[tuple[str, list[str]]]:
    """``(text, gold words)`` of each PUD sentence."""
    return conllu_sentences(PUD)


def as_written(text: str) -> list[tuple[int, int]]:
    import rjieba

    spans, at = [], 0
    for word in rjieba.cut(text):
        if not word.isspace():
            spans.append((at, at + len(word)))
        at += len(word)
    return spans


def section_f1() -> None:
    from hkanalysis.tagging.words import segment

    print("\n== Word segmentation against PUD's gold words (Traditional, 1,000 sentences) ==")
    if not PUD.is_file():
        print(f"skipped: {PUD} is absent")
        return
    sentences = pud_sentences()
    parts = {"first 500 (rules set here)": sentences[:500], "last 500 (held out)": sentences[500:], "all": sentences}
    print(f"{'sentences':28} {'segmenter':34} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, part in parts.items():
        for label, segmenter in (
            ("words.segment (fold + rules)", segment),
            ("jieba-rs on the text as written", as_written),
        ):
            precision, recall, score = segmentation_scores(part, segmenter)
            print(f"{name:28} {label:34} {precision:9.3f} {recall:7.3f} {score:6.3f}")
    score = segmentation_scores(sentences[500:], segment)[2]
    print(f"target: F1 >= 0.85 on the held-out half: {score:.3f} {'met' if score >= 0.85 else 'NOT MET'}")


def press_texts() -> list[str]:
    texts = []
    for name in ("cl100.csv", "cy100.csv"):
        with (PRESS / name).open(encoding="utf-8") as stream:
            texts += [row["content"] for row in csv.DictReader(stream)]
    return texts


def section_speed() -> None:
    from hkanalysis.tagging.words import compared_words, segment, tokens, word_spans

    print("\n== Segmentation speed, one core ==")
    if not PRESS.is_dir():
        print(f"skipped: {PRESS} is absent")
        return
    texts = press_texts()
    text = "\n\n".join(texts)
    text = text * max(1, round(6e6 / len(text.encode("utf-8"))))
    megabytes = len(text.encode("utf-8")) / 1e6
    segment("预热")  # the dictionary and the lexicons' words load once per process: not timed
    for name, work in (
        ("segment (spans)", segment),
        ("tokens (words counted)", tokens),
        ("compared_words (stories)", compared_words),
        ("word_spans (windows)", word_spans),
    ):
        best = min(_seconds(work, text) for _ in range(3))
        rate = megabytes / best
        verdict = "met" if rate >= 2 else "NOT MET"
        print(f"{name:26} {megabytes:5.1f} MB in {best:5.2f} s: {rate:5.1f} MB/s  (target 2: {verdict})")


def _seconds(work, *args, **options) -> float:
    started = time.perf_counter()
    work(*args, **options)
    return time.perf_counter() - started


def section_press() -> None:
    from hkanalysis import load_corpus
    from hkanalysis.analyses import narratives

    print("\n== The Hong Kong Government press releases in Chinese (hkgov-press-zh-csv) ==")
    if not PRESS.is_dir():
        print(f"skipped: {PRESS} is absent")
        return
    corpus = load_corpus(PRESS, cache=False, progress=False)
    articles, sentences, mentions = corpus.articles, corpus.sentences, corpus.mentions
    print(f"articles {len(articles)}, skipped {len(corpus.skipped)}, dated {int(articles['published'].notna().sum())}")
    lengths = sentences["text"].str.len()
    ends = sentences["text"].str[-1]
    stop = ends.isin(list("。！？!?」』”）)"))
    print(
        f"sentences {len(sentences)} ({len(sentences) / len(articles):.1f} an article), median "
        f"{lengths.median():.0f} characters, longest {lengths.max()}; {stop.mean():.1%} end at a stop or "
        f"closing mark, the rest at a line's end (dates, '完', headings)"
    )
    print(
        f"words (n_words) {int(articles['n_words'].sum())}, {articles['n_words'].sum() / lengths.sum():.2f} a character"
    )
    kinds = mentions["kind"].value_counts()
    print(f"mentions: {int(kinds.get('actor', 0))} actor, {int(kinds.get('theme', 0))} theme")
    for kind in ("actor", "theme"):
        top = mentions.loc[mentions["kind"] == kind, "key"].value_counts().head(8)
        print(f"  {kind}s most named: " + ", ".join(f"{key} {count}" for key, count in top.items()))
    surfaces = (
        mentions.loc[mentions["kind"] == "actor"].groupby("key")["surface"].agg(lambda s: Counter(s).most_common(2))
    )
    print("  as written: " + "; ".join(f"{key}: {found}" for key, found in surfaces.head(6).items()))
    quotes = narratives.quotes(sentences, mentions)
    top = quotes["speaker"].value_counts().head(8)
    print(
        f"quotes: {len(quotes)}, {quotes['speaker_is_actor'].mean():.0%} by a lexicon actor; most quoted: "
        + ", ".join(f"{speaker} {count}" for speaker, count in top.items())
    )


def section_cost() -> None:
    from hkanalysis import load_corpus, tag

    print("\n== Load and tag per million characters: Chinese against English (one worker) ==")
    if not PRESS.is_dir() or not ENGLISH.is_file():
        print(f"skipped: needs {PRESS} and {ENGLISH}")
        return
    with tempfile.TemporaryDirectory() as scratch:
        english = Path(scratch) / "english"
        english.mkdir()
        (english / ENGLISH.name).write_bytes(ENGLISH.read_bytes())
        # imports, the lexicons' compilation and the segmenter's dictionary: once, before timing
        warm = Path(scratch) / "warm"
        warm.mkdir()
        (warm / "a.csv").write_text("title,text\n測試,香港特區政府今日表示。Hong Kong said so.\n", encoding="utf-8")
        load_corpus(warm, cache=False, progress=False, workers=1)
        rows = {}
        for name, folder in (("Chinese (press releases)", PRESS), ("English (People's Daily)", english)):
            # the best of three: one load of 0.3 million characters swings by half on a busy machine
            loaded = min(_seconds(load_corpus, folder, cache=False, progress=False, workers=1) for _ in range(3))
            corpus = load_corpus(folder, cache=False, progress=False, workers=1)
            tagged = min(_seconds(tag, corpus.articles, sentences=corpus.sentences) for _ in range(3))
            characters = int(corpus.articles["text"].str.len().sum())
            rows[name] = (characters, loaded, tagged)
    print(f"{'corpus':26} {'characters':>10} {'load s':>7} {'s/M chars':>9} {'tag s':>6} {'s/M chars':>9}")
    for name, (characters, loaded, tagged) in rows.items():
        per = 1e6 / characters
        print(f"{name:26} {characters:10d} {loaded:7.2f} {loaded * per:9.2f} {tagged:6.2f} {tagged * per:9.2f}")
    (zc, zl, zt), (ec, el, et) = rows.values()
    load_ratio, tag_ratio = (zl / zc) / (el / ec), (zt / zc) / (et / ec)
    print(
        f"Chinese / English per character: load {load_ratio:.2f}x, tag {tag_ratio:.2f}x "
        f"(target at most 2x: {'met' if max(load_ratio, tag_ratio) <= 2 else 'NOT MET'})"
    )


def section_copies() -> None:
    import warnings

    from hkanalysis import load_corpus

    print("\n== Copies of Chinese stories (story_id): NewsData exports, press releases ==")
    if not EXPORTS.is_dir() or not PRESS.is_dir():
        print(f"skipped: needs {EXPORTS} and {PRESS}")
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (undated rows, title-only rows: not what is measured here)
        exports = load_corpus(EXPORTS, cache=False, progress=False).articles
        press = load_corpus(PRESS, cache=False, progress=False).articles
    chinese = exports[exports["language"] == "zh"].copy()
    sizes = chinese.groupby("story_id").size()
    grouped = chinese[chinese["story_id"].isin(sizes[sizes > 1].index)]
    chinese["same_title"] = chinese["title"].fillna("").str.strip('" ')
    titled = chinese[chinese["same_title"] != ""]
    pairs = titled.merge(titled, on="same_title")
    pairs = pairs[pairs["article_id_x"] < pairs["article_id_y"]]
    together = int((pairs["story_id_x"] == pairs["story_id_y"]).sum())
    differ = int((grouped.assign(t=chinese["same_title"]).groupby("story_id")["t"].nunique() > 1).sum())
    print(
        f"NewsData, Chinese rows {len(chinese)}: {int((sizes > 1).sum())} groups of copies holding "
        f"{len(grouped)} rows ({differ} of them with titles that differ); pairs with one title: "
        f"{together} of {len(pairs)} in one story"
    )
    print(f"press releases: {len(press)} articles, {press['story_id'].nunique()} stories")


def synthetic_corpus(folder: Path, size: int, sentences: list[str], *, seed: int = 15) -> int:
    """Write ``size`` articles made of random press-release sentences into ``folder``; their characters."""
    import json
    import random

    chooser = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    characters = 0
    for first in range(0, size, 1000):
        lines = []
        for number in range(first, min(size, first + 1000)):
            drawn = chooser.sample(sentences, chooser.randint(3, 12))
            paragraphs, at = [], 0
            while at < len(drawn):
                step = chooser.randint(1, 4)
                paragraphs.append("".join(drawn[at : at + step]))
                at += step
            text = "\n\n".join(paragraphs)
            characters += len(text)
            day = f"2017-{1 + number % 12:02d}-{1 + number % 28:02d}"
            record = {"title": drawn[0][:30], "text": text, "published": day, "outlet": "政府新聞處"}
            lines.append(json.dumps(record, ensure_ascii=False))
        (folder / f"part-{first // 1000:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return characters


def section_scale(sizes: list[int]) -> None:
    import math

    from hkanalysis import load_corpus, tag
    from hkanalysis.ingest.sentences import sentences_table

    print("\n== Chinese corpora at scale (articles of random press-release sentences) ==")
    if not PRESS.is_dir():
        print(f"skipped: {PRESS} is absent")
        return
    import pandas as pd

    texts = press_texts()
    found = sentences_table(pd.DataFrame({"article_id": range(len(texts)), "text": texts}))
    pool = [text for text in found["text"] if 10 <= len(text) <= 300]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in sorted(sizes):
            folder = Path(scratch) / f"zh-{size}"
            characters = synthetic_corpus(folder, size, pool)
            started = time.perf_counter()
            corpus = load_corpus(folder, cache=False, progress=False)
            loaded = time.perf_counter() - started
            tagged = _seconds(tag, corpus.articles, sentences=corpus.sentences)
            rows.append((size, characters, len(corpus.sentences), len(corpus.mentions), loaded, tagged))
    heading = ("articles", "M chars", "sentences", "mentions", "load s", "art/s", "s/M chars", "tag s")
    print(" ".join(f"{name:>{width}}" for name, width in zip(heading, (9, 8, 10, 9, 7, 7, 9, 6))))
    for size, characters, sentences, mentions, loaded, tagged in rows:
        print(
            f"{size:9d} {characters / 1e6:8.2f} {sentences:10d} {mentions:9d} {loaded:7.2f} {size / loaded:7.0f} "
            f"{loaded / characters * 1e6:9.2f} {tagged:6.2f}"
        )
    for (n1, _, _, _, l1, t1), (n2, _, _, _, l2, t2) in zip(rows, rows[1:]):
        grow = math.log(n2 / n1)
        print(f"growth {n1:,} -> {n2:,}: load {math.log(l2 / l1) / grow:.2f}, tag {math.log(t2 / t1) / grow:.2f}")


SECTIONS = {
    "f1": section_f1,
    "speed": section_speed,
    "press": section_press,
    "cost": section_cost,
    "copies": section_copies,
    "scale": section_scale,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), default=list(SECTIONS))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000], help="articles, for scale")
    args = parser.parse_args()
    if not CHINESE.is_dir():
        print(f"skipped: {CHINESE} is absent (the shared corpora are not on this machine)")
        return 0
    for name in args.only:
        SECTIONS[name](args.sizes) if name == "scale" else SECTIONS[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
