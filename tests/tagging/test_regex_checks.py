"""Regex checks on their own: what reading a pattern refuses, and the timed trial naming the slow one."""

from __future__ import annotations

import pytest

from hkanalysis.tagging.regex_checks import regex_problem, slow_regex


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
