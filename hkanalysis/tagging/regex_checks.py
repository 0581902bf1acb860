"""Regular expressions a lexicon may use: none that could hang, crash or mislead the tagger.

All of a lexicon's regexes run as one pattern, with Python's backtracking engine, over the
corpus's texts joined with a NUL between articles. ``regex_problem`` refuses, by reading the
pattern, what is known to go wrong (named groups, empty matches, a repeat inside a repeat,
repeats that run from one article into the next); ``slow_regex`` then tries every pattern on
hard texts in a child process with a time limit, for backtracking no reading foresees.
"""

from __future__ import annotations

import contextlib
import os
import re
import re._constants as _regex_constants
import re._parser as _regex_parser
import signal
import time


def regex_problem(pattern: str) -> str | None:
    """Why a lexicon regex would hang, crash or mislead the tagger, or None when it is safe.

    All regexes run as one pattern over the corpus's texts joined with a NUL between articles,
    with Python's backtracking engine, so a pattern is refused when it names a group (two entries
    naming the same group would break the joint pattern), can match an empty string, nests an
    unbounded repeat inside another (``([a-z ]+)+!``: the time to fail grows exponentially with
    the text), or repeats what matches both a space and the NUL between articles (``.*``,
    ``[^x]+``, ``\\W{3,}``), so that one hit could run from one article into the next.
    """
    parsed = _regex_parser.parse(pattern)
    if parsed.state.groupdict:
        names = ", ".join(sorted(parsed.state.groupdict))
        return f"named groups ({names}) are not supported (all regexes run as one pattern): use (?:...)"
    if parsed.getwidth()[0] == 0:
        return "matches the empty string (everything in it is optional)"
    if _nested_repeat(parsed, inside=False):
        return (
            "a repeat inside a repeat (like (a+)+) can take exponential time on a text it fails on; "
            "repeat the inner part only, or make the outer repeat bounded"
        )
    if _repeats_nul(parsed):
        return (
            "it repeats what also matches the break between two articles (a space and a NUL; '.', [^x], "
            "\\W and \\D do): say which characters it may repeat, e.g. [\\w ,.-]{0,30}"
        )
    return None


TRIAL_SECONDS = 1.0  # a regex that needs longer than this on a trial text is refused
TRIAL_LENGTH = 48  # characters of each trial text: long enough for exponential backtracking to show


def slow_regex(regexes: list[tuple[str, str, str]]) -> tuple[str, str] | None:
    """The first of ``regexes`` ((pattern, case, where) triples) that does not finish its time-limited
    trial, as (pattern, where); None when all do.

    The static checks of ``regex_problem`` catch nested repeats; some other patterns backtrack
    exponentially too (``(a|aa)+b``). Each pattern is tried, the way the tagger runs it, on texts
    made of the characters it names, repeated and then spoilt so that the match fails late, in a
    child process killed after ``TRIAL_SECONDS`` (Python's regex engine cannot be interrupted).
    """
    if not regexes:
        return None
    # os.fork, not multiprocessing: lexicons are also loaded in the loader's worker processes and
    # on Dask workers, daemonic processes that multiprocessing allows no children
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the trial: report each pattern's number before trying it, then leave at once
        os.close(read_end)
        try:
            for i, (pattern, case, _) in enumerate(regexes):
                os.write(write_end, i.to_bytes(4, "little"))
                compiled = re.compile(f"(?{'-i' if case == 'sensitive' else 'i'}:{pattern})")
                for text in _trial_texts(pattern):
                    compiled.search(text)
        finally:
            os._exit(0)
    os.close(write_end)
    os.set_blocking(read_end, False)
    reached, current, since = b"", -1, time.monotonic()  # each pattern has TRIAL_SECONDS of its own
    finished = False
    while time.monotonic() - since < TRIAL_SECONDS:
        if os.waitpid(child, os.WNOHANG)[0]:
            finished = True
            break
        with contextlib.suppress(BlockingIOError):  # (nothing new reported yet)
            reached += os.read(read_end, 4096)
        if len(reached) >= 4 and (latest := int.from_bytes(reached[-4:], "little")) != current:
            current, since = latest, time.monotonic()
        time.sleep(0.005)
    if not finished:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    os.close(read_end)
    if finished:
        return None
    pattern, _, where = regexes[max(current, 0)]
    return pattern, where


def _trial_texts(pattern: str) -> list[str]:
    """Texts that make a backtracking pattern work hardest: runs of the characters it names, and of
    pairs of them, each ending in a character that none of them is, so the match fails at the end."""
    chars = sorted({c for c in pattern if c.isalnum() or c in " -'.,"}) or ["a"]
    texts = [char * TRIAL_LENGTH + "\x00" for char in chars]
    texts += [(a + b) * (TRIAL_LENGTH // 2) + "\x00" for a in chars[:8] for b in chars[:8] if a < b]
    texts.append("".join(chars) * (TRIAL_LENGTH // len(chars) + 1) + "\x00")
    return texts


_REPEATS = {_regex_constants.MAX_REPEAT, _regex_constants.MIN_REPEAT}
_POSSESSIVE = {_regex_constants.POSSESSIVE_REPEAT, _regex_constants.ATOMIC_GROUP}
_CATEGORIES = {  # a category of a character class, as the class that has it alone
    getattr(_regex_constants, f"CATEGORY_{name}"): re.compile(rf"[\{code}]")
    for name, code in (("DIGIT", "d"), ("NOT_DIGIT", "D"), ("SPACE", "s"), ("NOT_SPACE", "S"))
    + (("WORD", "w"), ("NOT_WORD", "W"))
}
_BREAK = (" ", "\x00")  # what lies between two articles in the joined text: " NUL "


def _children(op, av) -> list:
    """The sub-patterns of one parsed regex node."""
    if op in _REPEATS or op == _regex_constants.POSSESSIVE_REPEAT:
        return [av[2]]
    if op == _regex_constants.SUBPATTERN:
        return [av[3]]
    if op == _regex_constants.BRANCH:
        return list(av[1])
    if op in (_regex_constants.ASSERT, _regex_constants.ASSERT_NOT):
        return [av[1]]
    if op == _regex_constants.ATOMIC_GROUP:
        return [av]
    if op == _regex_constants.GROUPREF_EXISTS:
        return [branch for branch in av[1:] if branch is not None]
    return []


def _nested_repeat(parsed, *, inside: bool) -> bool:
    """True when an unbounded backtracking repeat holds another unbounded repeat."""
    for op, av in parsed:
        if op in _POSSESSIVE:
            continue  # possessive and atomic parts are never backtracked into
        unbounded = op in _REPEATS and av[1] == _regex_constants.MAXREPEAT
        if unbounded and inside:
            return True
        if any(_nested_repeat(child, inside=inside or unbounded) for child in _children(op, av)):
            return True
    return False


def _accepts(op, av, char: str) -> bool:
    """True when one character-matching node matches ``char``."""
    code = ord(char)
    if op == _regex_constants.ANY:
        return char != "\n"
    if op == _regex_constants.LITERAL:
        return av == code
    if op == _regex_constants.NOT_LITERAL:
        return av != code
    if op == _regex_constants.IN:
        found, negate = False, False
        for item_op, item in av:
            if item_op == _regex_constants.NEGATE:
                negate = True
            elif item_op == _regex_constants.LITERAL:
                found |= item == code
            elif item_op == _regex_constants.RANGE:
                found |= item[0] <= code <= item[1]
            elif item_op == _regex_constants.CATEGORY:
                found |= bool(_CATEGORIES[item].match(char))
        return found != negate
    return False


def _anywhere(parsed, char: str) -> bool:
    """True when some character-matching node in ``parsed`` matches ``char``."""
    return any(_accepts(op, av, char) or any(_anywhere(c, char) for c in _children(op, av)) for op, av in parsed)


def _repeats_nul(parsed) -> bool:
    """True when a repeat of three or more may run through the break between two articles."""
    for op, av in parsed:
        repeat = op in _REPEATS or op == _regex_constants.POSSESSIVE_REPEAT
        if repeat and av[1] >= len(_BREAK) + 1 and all(_anywhere(av[2], char) for char in _BREAK):
            return True
        if any(_repeats_nul(child) for child in _children(op, av)):
            return True
    return False


def first_characters(pattern: str) -> tuple[frozenset[str], bool] | None:
    """The characters a match of ``pattern`` can begin with, as written (the joint pattern applies
    each regex's case rule to them), and whether a digit (``\\d``) can begin one; None when the
    pattern does not say (it may begin with any word character, a wide range, or nothing).

    The tagger's joint pattern (``matcher._joint_regex``) sorts the regexes into one branch per
    first character with these, so a word is tried only against the regexes that can begin it.
    """
    try:
        parsed = _regex_parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None  # a pattern that sets its own case rule or layout is left to the engine
    return _firsts(parsed)


_EMPTY_WIDTH = (_regex_constants.AT, _regex_constants.ASSERT, _regex_constants.ASSERT_NOT)
_WIDEST_RANGE = 512  # a wider range (a script's block) is left to the engine


def _firsts(items) -> tuple[frozenset[str], bool] | None:
    """``first_characters`` of a parsed sequence: None when unknown or when it may match nothing."""
    chars: set[str] = set()
    digit = False
    for op, av in items:
        if op in _EMPTY_WIDTH:
            continue  # a word boundary or a look-around consumes nothing: the next item begins the match
        found = _node_firsts(op, av)
        if found is None:
            return None
        chars |= found[0]
        digit |= found[1]
        if not (op in _REPEATS or op == _regex_constants.POSSESSIVE_REPEAT) or av[0] >= 1:
            return frozenset(chars), digit
        # repeated zero times, the next item begins the match
    return None  # everything may be skipped: the pattern may match nothing


def _node_firsts(op, av) -> tuple[set[str] | frozenset[str], bool] | None:
    """``first_characters`` of one parsed node that consumes characters."""
    if op == _regex_constants.LITERAL:
        return {chr(av)}, False
    if op == _regex_constants.IN:
        return _charset(av)
    if op == _regex_constants.BRANCH:
        found = [_firsts(branch) for branch in av[1]]
        if any(one is None for one in found):
            return None
        return set().union(*(one[0] for one in found)), any(one[1] for one in found)
    if op == _regex_constants.SUBPATTERN:
        # (?i:...) or (?-i:...) inside has its own case rule
        return None if av[1] or av[2] else _firsts(av[3])
    if op in _REPEATS or op == _regex_constants.POSSESSIVE_REPEAT:
        return _firsts(av[2])
    return None


def _charset(items) -> tuple[set[str], bool] | None:
    """The characters of a character class, and whether it holds ``\\d``; None for a negated class,
    another category or a wide range."""
    chars: set[str] = set()
    digit = False
    for op, item in items:
        if op == _regex_constants.LITERAL:
            chars.add(chr(item))
        elif op == _regex_constants.RANGE and item[1] - item[0] < _WIDEST_RANGE:
            chars.update(chr(code) for code in range(item[0], item[1] + 1))
        elif op == _regex_constants.CATEGORY and item == _regex_constants.CATEGORY_DIGIT:
            digit = True
        else:
            return None
    return chars, digit
