"""Regex checks on their own: what reading a pattern refuses, and the timed trial naming the slow one."""

from __future__ import annotations

import re

import pytest

from hkanalysis.tagging.matcher import _joint_regex, regex_index
from hkanalysis.tagging.regex_checks import first_characters, regex_problem, slow_regex


@pytest.mark.parametrize(
    "pattern, problem",
    [
        ("([a-z ]+)+!", "a repeat inside a repeat"),
        ("(?P<x>ab)", "named groups (x)"),
        ("a*", "matches the empty string"),
        ("x.{0,3}y", "the break between two articles"),  # '.' takes " NUL ": one article into the next
        (r"\W{3,}z", "the break between two articles"),
    ],
)
def test_what_reading_a_pattern_refuses(pattern, problem):
    assert problem in regex_problem(pattern)


@pytest.mark.parametrize("pattern", [r"US\$", "x.{0,2}y", r"\S{3,}z", "(?>a+)+b", "a++", r"[\w ,.-]{0,30}x"])
def test_what_it_lets_through(pattern):
    assert regex_problem(pattern) is None


def test_the_trial_names_the_slow_pattern_among_several():
    regexes = [
        (r"US\$", "insensitive", "theme 'a'"),
        ("(?:x|xx)+y", "insensitive", "theme 'b'"),
        ("H20", "sensitive", "c"),
    ]
    assert slow_regex(regexes) == ("(?:x|xx)+y", "theme 'b'")
    assert slow_regex([(r"US\$", "insensitive", "theme 'a'")]) is None
    assert slow_regex([]) is None


@pytest.mark.parametrize(
    ("pattern", "begins"),
    [
        # the first literal of each branch, through groups and repeats of at least one
        ("(?:mov(?:e|es)|relocat)e?", ({"m", "r"}, False)),
        ("(?:ab)+c", ({"a"}, False)),
        # an optional first part: its characters or the next part's
        ("G?B(?:100|200)", ({"G", "B"}, False)),
        # a digit begins it: any digit (\d), a class's characters as written
        (r"\d+[- ]?nm", (set(), True)),
        ("[A-C]x", ({"A", "B", "C"}, False)),
        # a look-around or a boundary consumes nothing: the next part begins the match
        (r"\b(?=z)zap", ({"z"}, False)),
        # unknown: any word character, a negated class, its own case rule, nothing required
        (r"\w+ing", None),
        ("[^x]y", None),
        ("(?i:a)b", None),
        ("(?i)ab", None),
        ("a?", None),
    ],
)
def test_the_characters_a_regex_can_begin_with(pattern, begins):
    found = first_characters(pattern)
    assert (None if found is None else (set(found[0]), found[1])) == begins


def test_the_joint_regex_finds_what_a_plain_alternation_finds():
    # the branch per first character keeps the regexes' order: "ab" (0, any case) comes before
    # "Abc" (1, as written), so "Abc" (0) is a hit of 0, (0, 2); "1st" (2) and \d+nm (3) share the
    # branch of "1", and a fullwidth ７ (not an ASCII digit) finds \d+nm through the \d branch
    regexes = [("ab", False), ("Abc", True), ("1st", True), (r"\d+nm", True), ("xyz", False)]
    text = "Abc 1st 7nm ７nm XYZ abx"
    joint = [(m.span(), regex_index(m.lastgroup)) for m in _joint_regex(regexes).finditer(text)]
    assert joint == [((0, 2), 0), ((4, 7), 2), ((8, 11), 3), ((12, 15), 3), ((16, 19), 4), ((20, 22), 0)]
    plain = re.compile(
        r"(?<!\w)(?:" + "|".join(f"(?P<_r{i}>(?{'-i' if c else 'i'}:{p}))" for i, (p, c) in enumerate(regexes)) + ")"
    )
    assert joint == [(m.span(), regex_index(m.lastgroup)) for m in plain.finditer(text)]
    # a regex that may begin with any word character: one plain alternation, the same hits
    regexes.append((r"\w+ing", False))
    assert _joint_regex(regexes).pattern.startswith(r"(?<!\w)(?:(?P<_r0>")
    # so too one beginning with a letter whose lower case is two characters (İ: i and a dot)
    turkish = _joint_regex([("ab", False), ("İstanbul", False)])
    found = [(m.span(), regex_index(m.lastgroup)) for m in turkish.finditer("İstanbul ab")]
    assert found == [((0, 8), 1), ((9, 11), 0)]
