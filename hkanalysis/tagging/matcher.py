"""Every lexicon term compiled to be matched in one pass over many texts joined together.

The texts are joined (NUL between articles) in batches of about ``BATCH_CHARS`` characters, put
once in the compared form (``lexicons.match_form``), and run through one Aho-Corasick automaton
for the case-insensitive phrases, one for the case-sensitive ones and one combined pattern for
the regexes. Cost grows with the corpus, not with corpus x terms. ``tagger.tag`` turns the hits
into the mentions table.

Chinese: terms with Han characters go in automata of their own, folded to Simplified characters
(``scripts.fold``), and a batch with Han characters is folded the same way before they run, so
習近平 finds 习近平 and 特區 finds 特区 (folding keeps every offset). Chinese has no spaces between
words, so a Chinese term matches wherever its characters stand (美国 inside 美国人, "Americans",
is a mention of the United States); where it must not, a longer term or an ``exclude`` decides,
as in English (中国银行 is Bank of China, not China). An English term next to a Han character
(``在Nvidia的``) is a whole word: for English terms Han characters count as spaces, and so they do
at the English edge of a mixed term (AI芯片 in 談AI芯片, not in BAI芯片). ``cjk_pattern`` and
``cjk_bounded`` are that rule, which ``kwic.find`` follows too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ahocorasick
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from ..ingest.datelines import dateline_ends
from ..ingest.scripts import fold, fold_table, has_cjk
from .context_rules import beside_another_name, neighbours_allowed, requirements_met
from .lexicons import ROLES, Lexicon, as_text, match_form, phrase_forms, tagged_with
from .regex_checks import first_characters

KINDS = ("theme", "actor")
BATCH_CHARS = 8_000_000  # texts matched per pass: bounds memory (about 50 bytes a character)
_SEPARATOR = " \x00 "  # between articles: NUL is never part of a term, so no hit spans two articles
_ROLE_CODES = {role: code for code, role in enumerate(ROLES)}
_TERM, _SHORT, _EXCLUDE, _CONTEXT = (_ROLE_CODES[role] for role in ("term", "short_form", "exclude", "context"))


@dataclass
class Batch:
    """Some articles' texts joined into one string, with where each starts."""

    article_ids: list[str]
    texts: list[str]  # as given: a NUL inside an article is a space in ``text``
    text: str
    starts: np.ndarray  # offset of each article's text in ``text``
    #: where each article's dateline ends (0 for none): hits before it are metadata, not mentions
    skip: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    #: offsets in ``text`` of the articles' sentences, in order (None: unknown, rules use articles)
    sentence_starts: np.ndarray | None = None
    lowered: str = ""  # ``text`` in the compared lower-case form, once ``Matcher.hits`` has made it


def batches(articles: pd.DataFrame, *, progress: bool | None, sentences: pd.DataFrame | None = None):
    """The articles in order, in batches of about ``BATCH_CHARS`` characters."""
    ids = articles["article_id"].tolist()
    texts = articles["text"].fillna("").astype(str).tolist()
    if "dateline_end" in articles.columns:
        skip = articles["dateline_end"].fillna(0).to_numpy(dtype=np.int64)
    else:
        skip = np.array(dateline_ends(texts), dtype=np.int64)
    if sentences is not None and len(sentences):
        sentence_article = pd.Index(ids).get_indexer(sentences["article_id"])
        sentence_start = sentences["start"].to_numpy(dtype=np.int64)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    bounds = np.searchsorted(np.cumsum(lengths), np.arange(BATCH_CHARS, int(lengths.sum()), BATCH_CHARS), side="right")
    cuts = [0, *sorted(set(bounds.tolist()) - {0, len(texts)}), len(texts)]
    show = progress if progress is not None else len(cuts) > 2
    with tqdm(total=len(texts), desc="Tagging", unit="article", disable=not show) as bar:
        for lo, hi in zip(cuts[:-1], cuts[1:]):
            if lo == hi:
                continue
            # A space before and after each text (and three after the last) so every phrase,
            # padded with spaces, finds its boundaries, and a possessive check can look 2 past the end.
            starts = 1 + np.concatenate([[0], np.cumsum(lengths[lo:hi] + len(_SEPARATOR))[:-1]])
            joined = " " + _SEPARATOR.join(t.replace("\x00", " ") if "\x00" in t else t for t in texts[lo:hi]) + "   "
            sentence_starts = None
            if sentences is not None and len(sentences):
                inside = (sentence_article >= lo) & (sentence_article < hi)
                sentence_starts = np.sort(starts[sentence_article[inside] - lo] + sentence_start[inside])
            yield Batch(ids[lo:hi], texts[lo:hi], joined, starts, skip[lo:hi], sentence_starts)
            bar.update(hi - lo)


_MATCHERS: dict[str, Matcher] = {}


def matcher_for(themes: Lexicon, actors: Lexicon) -> Matcher:
    """The compiled matcher for two lexicons, built once per process (a corpus is tagged file by file)."""
    key = tagged_with(themes, actors)
    if key not in _MATCHERS:
        if len(_MATCHERS) >= 4:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        _MATCHERS[key] = Matcher([themes, actors])
    return _MATCHERS[key]


class Matcher:
    """Every term of some lexicons, compiled to match all of them in one pass over a text."""

    def __init__(self, lexicons: list[Lexicon]) -> None:
        table = pd.concat([lexicon.table.assign(kind=lexicon.kind) for lexicon in lexicons], ignore_index=True)
        table, self.requirements = _with_context_phrases(table, lexicons)
        self.keys = table["key"].to_numpy(dtype=object)
        self.terms = table["term"].to_numpy(dtype=object)
        self.roles = table["role"].map(_ROLE_CODES).to_numpy(dtype=np.int8)
        self.kinds = table["kind"].map(KINDS.index).to_numpy(dtype=np.int8)
        codes, uniques = pd.factorize(table["kind"] + "\x00" + table["key"])
        self.key_codes = codes.astype(np.int64)
        self.requirements = [
            (np.array([uniques.get_loc(k) for k in keys if k in uniques], dtype=np.int64), within)
            for keys, within in self.requirements
        ]
        sensitive = (table["case"] == "sensitive").to_numpy()
        phrase = (table["match"] == "phrase").to_numpy()
        self._context_rules(table)

        # (form, variant) for each phrase, then for each theme phrase's plural; a plural comes
        # second so that a term written out in a lexicon wins over another term's plural
        forms: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}  # case-sensitive? -> form -> variants
        for is_plural in (False, True):
            variants, texts = [], []
            for variant in np.flatnonzero(phrase).tolist():
                written = self.terms[variant]
                if not is_plural:
                    variants.append(variant), texts.append(written)
                elif self.kinds[variant] == KINDS.index("theme"):
                    for plural in _plurals(written):
                        variants.append(variant), texts.append(plural)
            for case in (False, True):
                chosen = [i for i, v in enumerate(variants) if sensitive[v] == case]
                found = phrase_forms([texts[i] for i in chosen], lower=not case)
                for i, form in zip(chosen, found):
                    variant, rivals = variants[i], forms[case].setdefault(form, [])
                    if not is_plural or not any(
                        self.kinds[v] == self.kinds[variant] and self.roles[v] != _EXCLUDE for v in rivals
                    ):
                        rivals.append(variant)
        _caseless_together(forms)
        # (first: it takes the forms with Han characters out of ``forms``)
        self.cjk_automata = {case: _cjk_automaton(found) for case, found in forms.items()}
        self.automata = {case: _automaton(found) for case, found in forms.items()}

        # one pattern for every regex term (a regex two entries share, as an alias and an
        # exclusion, once); a hit, like a phrase's, cannot start inside a word, and saying so up
        # front lets the engine skip most positions (3x faster)
        regexes: dict[tuple[str, bool], list[int]] = {}
        for variant in np.flatnonzero(~phrase).tolist():
            regexes.setdefault((self.terms[variant], bool(sensitive[variant])), []).append(variant)
        self.regex_variants = list(regexes.values())
        self.regex = _joint_regex(list(regexes)) if regexes else None

    def hits(self, batch: Batch) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every raw hit in ``batch.text``: ``(start, end, variant)`` arrays, before any rule."""
        form = match_form(batch.text)
        found: list[tuple[int, int, int]] = []
        batch.lowered = as_text(form.insensitive)
        han = han_mask(form.sensitive) if has_cjk(batch.text) else None
        for sensitive, codes in ((False, form.insensitive), (True, form.sensitive)):
            automaton = self.automata[sensitive]
            if automaton is not None:
                # a pattern is " form ": its match runs from the space before to the space after
                found.extend(
                    (last - size + 2, last, v)
                    for last, (size, variants) in automaton.iter(
                        batch.lowered if not sensitive and han is None else as_text(latin_view(codes, han))
                    )
                    for v in variants
                )
            if han is not None:
                found.extend(_cjk_hits(self.cjk_automata[sensitive], codes, han))
        if self.regex is not None:
            is_word, text = form.is_word, batch.text
            for m in self.regex.finditer(text):
                start, end = m.span()
                # (the text ends in padding, so a hit that reaches the very end is only padding)
                inside = start < end < len(text) and "\x00" not in text[start:end]
                if inside and not (is_word[start] and is_word[start - 1]) and not (is_word[end - 1] and is_word[end]):
                    found.extend((start, end, v) for v in self.regex_variants[regex_index(m.lastgroup)])
        if not found:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
        start, end, variant = np.array(found, dtype=np.int64).T
        end = end + 2 * form.possessive[end]  # the possessive 's joins the hit
        return start, end, variant

    def select(self, batch: Batch, start: np.ndarray, end: np.ndarray, variant: np.ndarray) -> np.ndarray:
        """Indices of the hits that count: exclusions, context rules, datelines, short forms,
        requirements, then leftmost-longest per kind."""
        role, key = self.roles[variant], self.key_codes[variant]
        article = np.searchsorted(batch.starts, start, side="right") - 1
        live = (role != _EXCLUDE) & (role != _CONTEXT)
        live &= ~_inside_exclusions(start, end, key, role == _EXCLUDE)
        live &= self._neighbours_allowed(batch, start, end, variant)
        if len(batch.skip):
            live &= start >= batch.starts[article] + batch.skip[article]  # not in the dateline
        live &= _short_forms_allowed(start, end, key, role, article, batch.starts, live)
        if self.requirements:
            sentence = article
            if batch.sentence_starts is not None and len(batch.sentence_starts):
                sentence = np.searchsorted(batch.sentence_starts, start, side="right") - 1
            units = {"article": article, "sentence": sentence}
            live &= requirements_met(units, self.needs[variant], self.requirements, key, live, self.serves[variant])
        chosen = []
        for kind in range(len(KINDS)):
            candidates = np.flatnonzero(live & (self.kinds[variant] == kind))
            order = candidates[np.lexsort((variant[candidates], -end[candidates], start[candidates]))]
            last_end = -1
            for i, s, e in zip(order.tolist(), start[order].tolist(), end[order].tolist()):
                if s >= last_end:  # leftmost first, longest first at one start
                    chosen.append(i)
                    last_end = e
        chosen = np.array(chosen, dtype=np.int64)
        return chosen[np.lexsort((end[chosen], self.kinds[variant[chosen]], start[chosen]))]

    def mentions(self, batch: Batch) -> pd.DataFrame:
        """The batch's mentions, without their sentences."""
        start, end, variant = self.hits(batch)
        keep = self.select(batch, start, end, variant)
        start, end, variant = start[keep], end[keep], variant[keep]
        article = np.searchsorted(batch.starts, start, side="right") - 1
        offset = batch.starts[article]
        start, end = start - offset, end - offset
        return pd.DataFrame(
            {
                "article_id": np.array(batch.article_ids, dtype=object)[article],
                "kind": np.array(KINDS, dtype=object)[self.kinds[variant]],
                "key": self.keys[variant],
                "term": self.terms[variant],
                "surface": [batch.texts[a][s:e] for a, s, e in zip(article.tolist(), start.tolist(), end.tolist())],
                "start": start,
                "end": end,
            }
        ).astype({"article_id": "str", "kind": "str", "key": "str", "term": "str", "surface": "str"})

    def _context_rules(self, table: pd.DataFrame) -> None:
        """The rules of ``context_rules`` per variant: neighbour words in compared form, whether a
        one-word person name, the requirement group a hit needs and the one a context phrase serves."""
        words = [list(table[name]) for name in ("not_followed_by", "not_preceded_by")]
        flat = [word for column in words for row in column for word in row]
        forms = iter(form.strip() for form in phrase_forms(flat, lower=True))
        self.follows, self.precedes = ([tuple(next(forms) for _ in row) for row in column] for column in words)
        self.has_neighbour_rule = np.array([bool(a or b) for a, b in zip(self.follows, self.precedes)], bool)
        self.person_word = (
            (table["kind"] == "actor")
            & ((table["type"] == "person") if "type" in table else False)
            & (table["match"] == "phrase")
            & table["role"].isin(["term", "short_form"])
            & ~table["term"].str.strip().str.contains(r"[\s\-]", regex=True)
        ).to_numpy()
        self.needs = table["needs"].to_numpy(dtype=np.int64)
        self.serves = table["serves"].to_numpy(dtype=np.int64)

    def _neighbours_allowed(self, batch: Batch, start, end, variant) -> np.ndarray:
        """False for hits a neighbour rule or the one-word person rule rules out."""
        allowed = np.ones(len(start), bool)
        ruled = np.flatnonzero(self.has_neighbour_rule[variant])
        if len(ruled):
            after = [self.follows[v] for v in variant[ruled].tolist()]
            before = [self.precedes[v] for v in variant[ruled].tolist()]
            allowed[ruled] = neighbours_allowed(batch.lowered, start[ruled], end[ruled], after, before)
        person = np.flatnonzero(self.person_word[variant])
        if len(person):
            allowed[person] &= ~beside_another_name(batch.text, start[person], end[person])
        return allowed


def _joint_regex(regexes: list[tuple[str, bool]]) -> re.Pattern:
    """One pattern for ``regexes`` (pattern, case-sensitive): a hit's group is ``_r{i}`` or
    ``_r{i}_{branch}``, ``i`` the regex's place in the list (``regex_index``).

    Where every regex says which characters it can begin with (``first_characters``), the
    alternatives are sorted by that character: one branch per character, holding in their order
    the regexes that can begin with it, so a word is tried against those few and not against
    all (about twice as fast on trade-war's 35). Each position's character opens one branch (a
    digit: its own and then the ``\\d`` branch, which retries the same regexes), and within it
    the first regex that matches wins, as in a plain alternation: the hits are the same.
    """

    def alternative(i: int, name: str) -> str:
        pattern, case = regexes[i]
        return f"(?P<{name}>(?{'-i' if case else 'i'}:{pattern}))"

    firsts = [first_characters(pattern) for pattern, _ in regexes]
    # (a character whose lower case is two, as İ's, could not open its own branch)
    if any(found is None or any(len(char.lower()) != 1 for char in found[0]) for found in firsts):
        return re.compile(r"(?<!\w)(?:" + "|".join(alternative(i, f"_r{i}") for i in range(len(regexes))) + ")")
    # a branch per character, folded to lower case: a case-sensitive regex sits in the branch of
    # its character's lower case and fails there on the other case by itself
    keys: dict[str, list[int]] = {}
    digits = [i for i, (_, digit) in enumerate(firsts) if digit]
    for i, (chars, _) in enumerate(firsts):
        for char in sorted({char.lower() for char in chars}):
            keys.setdefault(char, []).append(i)
    branches = []
    for n, (char, members) in enumerate(sorted(keys.items())):
        # a digit's branch holds the regexes that begin with any digit too, in their order
        members = sorted(set(members) | (set(digits) if char.isdigit() else set()))
        names = "|".join(alternative(i, f"_r{i}_{n}") for i in members)
        branches.append(f"(?=(?i:{re.escape(char)}))(?:{names})")
    if digits:
        branches.append(r"(?=\d)(?:" + "|".join(alternative(i, f"_r{i}_d") for i in digits) + ")")
    return re.compile(r"(?<!\w)(?:" + "|".join(branches) + ")")


def regex_index(group: str) -> int:
    """The regex a ``_joint_regex`` hit's group name stands for."""
    return int(group[2:].split("_")[0])


def _with_context_phrases(table: pd.DataFrame, lexicons: list[Lexicon]) -> tuple[pd.DataFrame, list]:
    """The term table with the phrases ``requires`` rules look for added (role ``context``), and
    per requirement group the entries whose mentions meet it and its ``within``.

    Columns ``needs`` (the group a term's hits need, -1 for none) and ``serves`` (the group a
    context phrase serves, -1 for other rows) are added. A context phrase matches as written.
    """
    codes = {}
    for lexicon in lexicons:
        for key in lexicon.entries["key"]:
            codes.setdefault(key, []).append(f"{lexicon.kind}\x00{key}")
    table = table.assign(needs=-1, serves=-1)
    wanted = table["requires"].map(len) > 0
    group_of = {}
    for row in table.index[wanted]:
        group_of.setdefault((table.at[row, "requires"], table.at[row, "within"]), len(group_of))
        table.at[row, "needs"] = group_of[(table.at[row, "requires"], table.at[row, "within"])]
    context_rows, groups = [], []
    for (items, within), group in group_of.items():
        keys = [code for item in items for code in codes.get(item, [])]
        groups.append((keys, within))
        for item in items:
            if item not in codes:
                context_rows.append(
                    {
                        "key": "\x00context",
                        "term": item,
                        "role": "context",
                        "match": "phrase",
                        "case": "sensitive",
                        "kind": "actor",
                        "not_followed_by": (),
                        "not_preceded_by": (),
                        "requires": (),
                        "within": "sentence",
                        "needs": -1,
                        "serves": group,
                    }
                )
    if context_rows:
        table = pd.concat([table, pd.DataFrame(context_rows, columns=table.columns)], ignore_index=True)
    return table, groups


def _automaton(forms: dict[str, list[int]]):
    if not forms:
        return None
    automaton = ahocorasick.Automaton()
    for form, variants in forms.items():
        automaton.add_word(form, (len(form), tuple(variants)))
    automaton.make_automaton()
    return automaton


# --- Chinese terms -------------------------------------------------------------------------------

_HAN_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
_FOLDS: list[np.ndarray] = []


def _cjk_automaton(forms: dict[str, list[int]]):
    """Automaton of the forms with Han characters, taken out of ``forms``: each as ``cjk_pattern`` gives it.

    A pattern's value is ``(size, lead, trail, variants)``: its length and whether a word boundary
    is needed before and after it.
    """
    chinese = [form for form in forms if has_cjk(form)]
    if not chinese:
        return None
    patterns: dict[str, list[int]] = {}
    edges: dict[str, tuple[int, int]] = {}
    for form in chinese:
        core, lead, trail = cjk_pattern(form)
        edges[core] = (lead, trail)
        merged = patterns.setdefault(core, [])  # 特區 and 特区 fold to one pattern
        merged.extend(v for v in forms.pop(form) if v not in merged)
    automaton = ahocorasick.Automaton()
    for core, variants in patterns.items():
        automaton.add_word(core, (len(core), *edges[core], tuple(variants)))
    automaton.make_automaton()
    return automaton


def cjk_pattern(form: str) -> tuple[str, int, int]:
    """How a term with Han characters is looked for: its phrase form (``lexicons.phrase_form``, padded)
    unpadded and folded to Simplified, and whether it needs a word boundary before and after it
    (1 or 0): only at an edge that is not a Han character, as Chinese has no spaces between words.

    It is looked for in the compared form folded (``folded_codes``), and a hit is kept where
    ``cjk_bounded`` says: the tagger's rule and the search's (``kwic.find``).
    """
    core = fold(form[1:-1])
    return core, int(not has_cjk(core[0])), int(not has_cjk(core[-1]))


def cjk_bounded(codes: np.ndarray, han: np.ndarray, start, end, lead, trail) -> np.ndarray:
    """Which hits of Chinese patterns (``start``, ``end`` in a compared form ``codes`` with space
    padding at both ends; ``lead``, ``trail`` from ``cjk_pattern``) have the word boundaries they need.

    A boundary is a space (any mark, in the compared form) or a Han character, as for an English
    term: "AI芯片" is found in "談AI芯片" and "AI-芯片" but not in "BAI芯片".
    """
    start, end = np.asarray(start, dtype=np.int64), np.asarray(end, dtype=np.int64)
    edge = (codes == 32) | han
    return (~np.asarray(lead, bool) | edge[start - 1]) & (~np.asarray(trail, bool) | edge[end])


def _caseless_together(forms: dict[bool, dict[str, list[int]]]) -> None:
    """Move the case-sensitive forms that have no case (李家超) to the insensitive ones: one
    automaton pass over a Chinese text instead of two."""
    for form in [form for form in forms[True] if has_cjk(form) and form.lower() == form.upper()]:
        merged = forms[False].setdefault(form, [])
        merged.extend(v for v in forms[True].pop(form) if v not in merged)


def han_mask(codes: np.ndarray) -> np.ndarray:
    """Which code points are Han characters or kana."""
    mask = np.zeros(len(codes), bool)
    for low, high in _HAN_RANGES:
        mask |= (codes >= low) & (codes <= high)
    return mask


def latin_view(codes: np.ndarray, han: np.ndarray | None) -> np.ndarray:
    """The compared form with Han characters as spaces, so an English term beside one is a whole word."""
    return codes if han is None or not han.any() else np.where(han, np.uint32(32), codes)


def _cjk_hits(automaton, codes: np.ndarray, han: np.ndarray) -> list[tuple[int, int, int]]:
    """``(start, end, variant)`` of every Chinese term in the compared form, folded to Simplified first."""
    if automaton is None:
        return []
    found = [
        (last - size + 1, last + 1, lead, trail, variants)
        for last, (size, lead, trail, variants) in automaton.iter(as_text(folded_codes(codes)))
    ]
    if not found:
        return []
    start, end, lead, trail, _ = zip(*found)
    kept = cjk_bounded(codes, han, start, end, lead, trail)
    return [(s, e, v) for (s, e, _, _, variants), keep in zip(found, kept.tolist()) if keep for v in variants]


def folded_codes(codes: np.ndarray) -> np.ndarray:
    """Code points with each Traditional Han character replaced by its Simplified one (``scripts.fold``)."""
    if not _FOLDS:
        table = np.arange(0xFB00, dtype=np.uint32)
        for code, simplified in fold_table().items():
            table[code] = simplified
        _FOLDS.append(table)
    table = _FOLDS[0]
    return np.where(codes < len(table), table[np.minimum(codes, len(table) - 1)], codes)


def _plurals(term: str) -> list[str]:
    """The regular English plural of a phrase's last word: tariff -> tariffs, tax -> taxes, duty -> duties."""
    last = term[-1]
    if not last.isalpha() or last in "sS" or has_cjk(last):
        return []
    if term.lower().endswith(("x", "z", "ch", "sh")):
        return [term + "es"]
    if last in "yY" and len(term) > 1 and term[-2].lower() not in "aeiouy":
        return [term[:-1] + ("ies" if last == "y" else "IES")]
    return [term + "s"]


def _inside_exclusions(start, end, key, is_exclusion) -> np.ndarray:
    """Which hits lie inside an exclusion hit of the same entry."""
    inside = np.zeros(len(start), bool)
    for k in np.unique(key[is_exclusion]):
        these = is_exclusion & (key == k)
        order = np.argsort(start[these], kind="stable")
        x_start = start[these][order]
        x_end = np.maximum.accumulate(end[these][order])  # furthest reach of any exclusion starting by here
        candidates = np.flatnonzero(~is_exclusion & (key == k))
        j = np.searchsorted(x_start, start[candidates], side="right") - 1
        inside[candidates] = (j >= 0) & (x_end[np.maximum(j, 0)] >= end[candidates])
    return inside


def _short_forms_allowed(start, end, key, role, article, article_starts, live) -> np.ndarray:
    """False for short-form hits with no full mention of their actor before them in the article.

    A short form several actors share (``Lee``) goes to the one mentioned in full most recently.
    """
    allowed = np.ones(len(start), bool)
    short = np.flatnonzero(role == _SHORT)
    if len(short) == 0:
        return allowed
    full = np.flatnonzero((role == _TERM) & live)
    if len(full) == 0:
        allowed[short] = False
        return allowed
    span = int(end.max()) + 1
    full_at = np.sort(key[full] * span + end[full])  # full mentions by actor, then by where they end
    j = np.searchsorted(full_at, key[short] * span + start[short], side="right") - 1
    previous = full_at[np.maximum(j, 0)]
    recent_end = previous - key[short] * span  # end of the latest full mention before the short form
    valid = (j >= 0) & (previous // span == key[short]) & (recent_end >= article_starts[article[short]])
    allowed[short] = False
    # among actors sharing the short form at one place, the most recently mentioned in full wins
    order = np.lexsort((-np.where(valid, recent_end, -1), end[short], start[short]))
    first = np.r_[True, (np.diff(start[short][order]) != 0) | (np.diff(end[short][order]) != 0)]
    winners = short[order][first & valid[order]]
    allowed[winners] = True
    return allowed
