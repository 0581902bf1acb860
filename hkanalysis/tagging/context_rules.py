"""Context rules of lexicon terms: what must not stand beside a hit, and what a hit needs near it.

In a lexicon, on an entry (for all its terms) or on one term (``{term: ..., <rule>: ...}``):

- ``not_followed_by: [based, time, Olympics]``: the hit does not count when the next words are
  one of these (``Beijing-based``, ``Beijing time``, ``Beijing Olympics``). Punctuation and
  hyphens between are passed over, as in any phrase. A Chinese word needs no space around it
  (``家族辦公室業務樞紐``: 家族办公室 followed by 业务枢纽), and either script matches either.
- ``not_preceded_by: [Party, People's]``: the hit does not count when the words before it are
  one of these (``Party Congress``).
- ``requires: [US, United States, American, Mnuchin]`` with ``within: article`` or
  ``within: sentence`` (the default): the hit counts only when one of these is found in the same
  sentence (or article). An item that is an actor's name or a theme's id stands for any mention
  of that entry; any other item is a phrase looked for only as context (it is never a mention).
  Unqualified ``Treasury`` is the US Treasury only beside US context.

One rule needs no configuration: a one-word name of a person (``Trump``, the short form ``Li``)
does not count when another name stands right beside it: a capitalised word right after it
(``Li Jianguo``) or right before it in mid-sentence that is not a title (``Judd Trump``; but
``President Trump``, ``Mr. Li``, ``Premier Li``, and a sentence opening ``When Trump ...``, count).
A possessive (``Trump's China policy``) ends the name.

Rules and exclusions are all evaluated on the hits of the single pass (``matcher``).
"""

from __future__ import annotations

import numpy as np

from ..ingest.scripts import fold, has_cjk

RULE_KEYS = ("not_followed_by", "not_preceded_by", "requires", "within")
WITHIN = ("sentence", "article")
#: Capitalised words that may stand right before a person's surname without being another given name.
TITLES = frozenset(
    """mr mrs ms miss dr president premier vice minister secretary chairman chairwoman chair governor
    senator sen rep representative prime chief executive leader general gen professor prof ambassador
    judge justice sir lord lady dame former candidate nominee speaker councillor councilor commissioner
    director mayor king queen prince princess chancellor comrade envoy spokesman spokeswoman spokesperson
    state party counselor councilor adviser advisor officer commander admiral colonel captain lieutenant
    sergeant father pope rev reverend bishop cardinal emir sheikh ceo cfo chairperson founder""".split()
)
_OPENERS = set(".!?\"“”'‘’:;()[]\n")  # a word after these opens a sentence or a quotation


def parse_rules(item: dict, fail, where: str, inherited: dict | None = None) -> dict:
    """The context rules of an entry or a term (a mapping from the lexicon file), checked; a term's
    lists add to its entry's (``inherited``), its ``within`` replaces it."""
    rules = {key: tuple(value) for key, value in (inherited or {}).items() if key != "within"}
    rules["within"] = (inherited or {}).get("within", "sentence")
    for key in ("not_followed_by", "not_preceded_by", "requires"):
        value = item.get(key)
        if value is None:
            rules.setdefault(key, ())
            continue
        if not isinstance(value, list) or not value:
            raise fail(where, f"'{key}' must be a non-empty list of words or names, not {value!r}")
        for word in value:
            if not isinstance(word, str) or not any(char.isalnum() for char in word):
                raise fail(where, f"'{key}': {word!r} is not a word or name (it needs a letter or digit)")
        rules[key] = (*rules.get(key, ()), *(word.strip() for word in value))
    within = item.get("within")
    if within is not None:
        if within not in WITHIN:
            raise fail(where, f"'within' must be one of {list(WITHIN)}, not {within!r}")
        rules["within"] = within
    if within is not None and not rules["requires"]:
        raise fail(where, "'within' says where a 'requires' item must be found, but there is no 'requires'")
    return rules


def neighbours_allowed(
    lowered: str, start: np.ndarray, end: np.ndarray, after: list[tuple[str, ...]], before: list[tuple[str, ...]]
) -> np.ndarray:
    """False for hits followed (``after``) or preceded (``before``) by one of their words.

    ``lowered`` is the batch in its compared, lower-case form (punctuation as spaces); ``after`` and
    ``before`` hold each hit's words in the same form, without the padding spaces.
    """
    allowed = np.ones(len(start), bool)
    for i, (s, e, follows, precedes) in enumerate(zip(start.tolist(), end.tolist(), after, before)):
        if follows:
            following = lowered[e : e + 80].lstrip(" ") + " "
            if any(_next_to(following, word, str.startswith) for word in follows):
                allowed[i] = False
                continue
        if precedes:
            preceding = " " + lowered[max(0, s - 80) : s].rstrip(" ")
            if any(_next_to(preceding, word, str.endswith) for word in precedes):
                allowed[i] = False
    return allowed


def _next_to(words: str, word: str, at) -> bool:
    """Whether ``word`` stands at the edge of ``words`` that ``at`` (``str.startswith`` or
    ``str.endswith``) looks at: a whole word, or for a Chinese word, its characters in either script."""
    if has_cjk(word):
        return at(fold(words.strip(" ")), fold(word))
    return at(words, word + " " if at is str.startswith else " " + word)


def beside_another_name(text: str, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """True for person-name hits with another name right beside them (``Li Jianguo``, ``Judd Trump``)."""
    beside = np.zeros(len(start), bool)
    for i, (s, e) in enumerate(zip(start.tolist(), end.tolist())):
        possessive = text[e - 2 : e] in ("'s", "’s")
        if not possessive and text[e : e + 1] == " " and text[e + 1 : e + 2].isupper():
            beside[i] = True  # a given name after the family name
            continue
        if text[s - 1 : s] != " ":
            continue
        word_start = s - 1
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] in "-.'’"):
            word_start -= 1
        word = text[word_start : s - 1]
        if word.endswith("."):
            continue  # "Mr." or "Dr.", or the end of a sentence: "... in Singapore. Lee said"
        if not word[:1].isupper() or not word.replace("-", "").replace(".", "").isalpha():
            continue  # lower case, or a word with digits or a possessive: not a given name
        opener = text[max(0, word_start - 20) : word_start].rstrip(" ")[-1:]  # (a bounded look: text is a batch)
        if opener == "" or opener in _OPENERS or opener == "\x00":
            continue  # the word opens a sentence: "When Trump said"
        if word.split("-")[0].strip(".").lower() in TITLES:
            continue
        beside[i] = True
    return beside


def requirements_met(
    units: dict[str, np.ndarray],
    needs: np.ndarray,
    groups: list[tuple[np.ndarray, str]],
    key: np.ndarray,
    live: np.ndarray,
    context_group: np.ndarray,
) -> np.ndarray:
    """False for hits whose requirement (group ``needs``, -1 for none) has no match in their unit.

    ``units`` gives each hit's sentence and article; ``groups`` holds, per requirement group, the
    entries (key codes) it accepts a live mention of and its ``within``; ``context_group`` is the
    group a context-phrase hit serves (-1 for other hits).
    """
    met = np.ones(len(needs), bool)
    for group, (keys, within) in enumerate(groups):
        needing = np.flatnonzero(needs == group)
        if len(needing) == 0:
            continue
        unit = units[within]
        found = (context_group == group) | (live & np.isin(key, keys))
        met[needing] = np.isin(unit[needing], unit[found])
    return met
