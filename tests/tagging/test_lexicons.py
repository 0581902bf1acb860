"""Lexicon loading and checking: the bundled lexicons load, and every bad file says where and why."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hkanalysis.errors import LexiconError
from hkanalysis.tagging.lexicons import ACTOR_TYPES, load_actors, load_themes

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lexicons"


def write(tmp_path, text: str, name: str = "lexicon.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- the bundled lexicons ----------------------------------------------------------------------------


def test_bundled_themes_cover_the_story():
    themes = load_themes()
    assert isinstance(themes.version, str) and themes.version
    ids = set(themes.entries["key"])
    assert {"ev", "ai_chips", "tariffs", "export_controls", "supply_chains", "capital_markets", "hq_relocation"} <= ids
    assert themes.table.columns.tolist() == [
        "key",
        "term",
        "role",
        "match",
        "case",
        "not_followed_by",
        "not_preceded_by",
        "requires",
        "within",
        "label",
    ]
    # the brief's examples of good vocabulary
    terms = set(themes.table["term"])
    assert {
        "semiconductor",
        "chipmaker",
        "lithography",
        "rare earth",
        "IPO",
        "listing",
        "stock exchange",
        "HKEX",
    } <= terms
    assert {"regional headquarters", "EV"} <= terms


def test_bundled_actors_cover_the_bundled_pages_and_the_trade_war():
    actors = load_actors()
    names = set(actors.entries["key"])
    pages = {
        "John Lee",
        "Algernon Yau",
        "Sun Dong",
        "Joseph Tsai",
        "Donald Trump",
        "Scott Bessent",
        "FAW Group",
        "CATL",
        "Black Sesame Technologies",
        "Horizon Robotics",
        "Alibaba Group Holding",
        "Ant Group",
        "Mandarin Oriental",
        "Li Auto",
        "BrainCo",
        "DeepSeek",
        "Game Science",
        "Unitree",
        "Deep Robotics",
        "Manycore",
        "Nvidia",
        "ASML",
        "Huawei",
        "InvestHK",
        "HKTDC",
        "Hong Kong government",
        "Zhejiang",
        "Hangzhou",
        "US government",
        "Chinese government",
        "China's Commerce Ministry",
        "Bloomberg",
        "China Daily",
        "SCMP",
        "The Straits Times",
    }
    trade_war = {
        "Xi Jinping",
        "Barack Obama",
        "Joe Biden",
        "Robert Lighthizer",
        "Steven Mnuchin",
        "Liu He",
        "Wang Yi",
        "ZTE",
        "TikTok",
        "ByteDance",
        "Tencent",
        "SMIC",
        "TSMC",
        "WTO",
        "USTR",
        "Commerce Department",
    }
    assert pages | trade_war <= names
    assert set(actors.entries["type"]) <= set(ACTOR_TYPES)
    aliases = actors.table.set_index("term")["key"]
    assert aliases["Contemporary Amperex Technology Co. Ltd."] == "CATL"
    assert aliases["Beijing"] == "Chinese government" and aliases["BEIJING"] == "Beijing (city)"


def test_a_users_file_loads_by_path():
    themes = load_themes(FIXTURES / "themes.yaml")
    assert themes.version == "fixture-1"
    assert themes.path == FIXTURES / "themes.yaml"
    ev = themes.table[themes.table["key"] == "ev"]
    assert ev[["term", "role", "match", "case"]].values.tolist() == [
        ["electric vehicle", "term", "phrase", "insensitive"],
        ["EV", "term", "phrase", "sensitive"],
        ["EV/EBITDA", "exclude", "phrase", "sensitive"],
    ]
    actors = load_actors(FIXTURES / "actors.yaml")
    assert actors.entries.columns.tolist() == ["key", "type", "country", "description"]
    lee = actors.table[actors.table["term"] == "Lee"]
    assert sorted(lee["key"]) == ["John Lee", "Lee Hsien Loong"]  # a short form two actors share
    assert set(lee["role"]) == {"short_form"}


def test_the_entry_case_is_the_default_for_its_terms(tmp_path):
    path = write(
        tmp_path,
        """
        version: "1"
        actors:
          - name: Sun Dong
            type: person
            case: sensitive
            short_forms: [Mr Sun, {term: minister sun, case: insensitive}]
        """,
    )
    table = load_actors(path).table
    assert table[["term", "case"]].values.tolist() == [
        ["Sun Dong", "sensitive"],
        ["Mr Sun", "sensitive"],
        ["minister sun", "insensitive"],
    ]


def test_case_sensitive_terms_written_differently_are_different_terms(tmp_path):
    path = write(
        tmp_path,
        """
        version: "1"
        actors:
          - name: Chinese government
            type: government
            aliases: [{term: Beijing, case: sensitive}]
          - name: Beijing (city)
            type: place
            aliases: [{term: BEIJING, case: sensitive}]
        """,
    )
    assert len(load_actors(path).table) == 4


# --- every problem names the file, the entry and what is wrong --------------------------------------

THEME = """
    version: "1"
    themes:
      - id: ev
        label: Electric vehicles
        terms: [electric vehicle]
"""


@pytest.mark.parametrize(
    ("kind", "text", "entry", "problem"),
    [
        (
            "theme",
            """
            version: "1"
            themes:
              - id: ev
                terms: [electric vehicle]
            """,
            "theme 'ev'",
            "missing 'label'",
        ),
        (
            "actor",
            """
            version: "1"
            actors:
              - name: CATL
                aliases: [Contemporary Amperex Technology]
            """,
            "actor 'CATL'",
            "missing 'type'",
        ),
        (
            "actor",
            """
            version: "1"
            actors:
              - name: CATL
                type: battery maker
            """,
            "actor 'CATL'",
            "unknown type 'battery maker'",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: chips
                label: Chips
                terms: [{regex: 'H(20|100'}]
            """,
            "theme 'chips'",
            "bad regex 'H(20|100': missing ), unterminated subpattern",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: chips
                label: Chips
                terms: [chip, "  "]
            """,
            "theme 'chips'",
            "empty term",
        ),
        (
            "actor",
            """
            version: "1"
            actors:
              - name: Nvidia
                type: company
                aliases: [{term: ""}]
            """,
            "actor 'Nvidia'",
            "empty term",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: ev
                label: Electric vehicles
                terms: [electric vehicle]
              - id: ev
                label: EVs again
                terms: [electric car]
            """,
            "theme 'ev'",
            "duplicate id 'ev' (also theme #1)",
        ),
        (
            "actor",
            """
            version: "1"
            actors:
              - name: Alibaba Group Holding
                type: company
                aliases: [Alibaba]
              - name: Alibaba Cloud
                type: company
                aliases: [alibaba]
            """,
            "actor 'Alibaba Cloud'",
            "the term 'alibaba' is also claimed by actor 'Alibaba Group Holding'",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: chips
                label: Chips
                terms: [semiconductor]
              - id: supply_chains
                label: Supply chains
                terms: [supply chain, Semiconductor]
            """,
            "theme 'supply_chains'",
            "the term 'Semiconductor' is also claimed by theme 'chips'",
        ),
        (
            "actor",
            """
            version: "1"
            actors:
              - name: John Lee
                type: person
                short_forms: [Lee]
              - name: Lee
                type: person
            """,
            "actor 'Lee'",
            "the term 'Lee' is also claimed by actor 'John Lee'",
        ),
        (
            "actor",
            """
            version: "1"
            actors:
              - name: Nvidia
                type: company
                alias: [NVIDIA]
            """,
            "actor 'Nvidia'",
            "unknown key(s) ['alias']",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: ev
                label: Electric vehicles
                terms: [{term: EV, cases: sensitive}]
            """,
            "theme 'ev'",
            "has unknown key(s) ['cases']",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: ev
                label: Electric vehicles
                terms: [{term: EV, case: upper}]
            """,
            "theme 'ev'",
            "'case' must be one of ['insensitive', 'sensitive'], not 'upper'",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: ev
                label: Electric vehicles
                terms: [EV]
                exclude: [ev]
            """,
            "theme 'ev'",
            "excludes its own term 'ev'",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: ev
                label: Electric vehicles
                terms: [EV, electric vehicle, EV]
            """,
            "theme 'ev'",
            "lists 'EV' twice",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: ev
                label: Electric vehicles
                terms: [{regex: 'x*'}]
            """,
            "theme 'ev'",
            "matches the empty string",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: ev
                label: Electric vehicles
                terms: [{regex: '(?i)ev'}]
            """,
            "theme 'ev'",
            "bad regex '(?i)ev': global flags not at the start",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - id: EV Theme
                label: Electric vehicles
                terms: [EV]
            """,
            "theme 'EV Theme'",
            "an id is lower-case letters",
        ),
        (
            "theme",
            """
            version: "1"
            themes:
              - label: Electric vehicles
                terms: [EV]
            """,
            "theme #1",
            "missing 'id'",
        ),
        (
            "theme",
            """
            version: 1.0
            themes: []
            """,
            "file",
            "'version' must be a non-empty string",
        ),
        (
            "theme",
            """
            version: "1"
            topics: []
            """,
            "file",
            "unknown key(s) ['topics']",
        ),
        (
            "actor",
            """
            version: "1"
            actors:
              - name: CATL
                type: company
                country: China
            """,
            "actor 'CATL'",
            "'country' must be a two-letter code",
        ),
    ],
)
def test_each_problem_names_file_entry_and_problem(tmp_path, kind, text, entry, problem):
    path = write(tmp_path, text, name="my_lexicon.yaml")
    loader = load_themes if kind == "theme" else load_actors
    with pytest.raises(LexiconError) as caught:
        loader(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {entry}: "), message
    assert problem in message


def test_a_yaml_syntax_error_names_the_file_and_line(tmp_path):
    path = write(tmp_path, THEME + "      - id: [unclosed\n")
    with pytest.raises(LexiconError, match=r"(?s)lexicon\.yaml: not valid YAML: .*lexicon\.yaml\", line 8"):
        load_themes(path)


def test_lexicon_error_is_a_value_error_and_a_missing_file_is_not_found(tmp_path):
    assert issubclass(LexiconError, ValueError)
    with pytest.raises(FileNotFoundError, match="no theme lexicon at"):
        load_themes(tmp_path / "nowhere.yaml")


def test_labels_by_key():
    from hkanalysis.tagging.lexicons import load_actors, load_themes

    assert load_themes().labels["ev"] == "Electric vehicles"
    assert load_actors().labels["CATL"] == "CATL"


# --- lexicons that could hang or crash the load ------------------------------------------------------

REGEX_THEME = """
version: "1"
themes:
  - id: trade
    label: Trade
    terms:
      - tariff
      - {regex: '%s'}
"""


@pytest.mark.parametrize(
    "pattern, problem",
    [
        ("([a-z ]+)+!", "a repeat inside a repeat"),  # the catastrophic case of the fault report
        (r"(?:\d+)*x", "a repeat inside a repeat"),
        ("(?P<duty>duty)", "named groups (duty) are not supported"),
        ("tariff.*chips", "the break between two articles"),  # '.' matches the NUL between articles
        ("x[^y]{2,}z", "the break between two articles"),
        ("(?:duties)?", "matches the empty string"),
    ],
)
def test_a_regex_that_could_hang_or_cross_articles_is_refused_naming_the_entry(tmp_path, pattern, problem):
    path = write(tmp_path, REGEX_THEME % pattern)
    with pytest.raises(LexiconError) as caught:
        load_themes(path)
    assert str(caught.value).startswith(f"{path}: theme 'trade': regex "), str(caught.value)
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    "pattern", [r"US\$", r"H(?:20|100)", r"[\w ,.-]{0,30}duty", r"x.{0,2}y", r"\S{3,}z", r"(?>a+)+b"]
)
def test_safe_regexes_still_load(tmp_path, pattern):
    themes = load_themes(write(tmp_path, REGEX_THEME % pattern))
    assert (themes.table["match"] == "regex").sum() == 1


def test_a_key_given_twice_is_an_error_naming_both_lines(tmp_path):
    path = write(
        tmp_path,
        """
        version: "1"
        themes:
          - id: ev
            label: EVs
            terms: [EV]
            label: Electric vehicles
        """,
    )
    # line 1 is the blank line the dedented text starts with: the labels are on lines 5 and 7
    with pytest.raises(LexiconError, match=r"the key 'label' is given twice in one mapping \(lines 5 and 7\)"):
        load_themes(path)


def test_a_regex_that_backtracks_without_nested_repeats_fails_its_timed_trial(tmp_path):
    from hkanalysis.tagging.regex_checks import regex_problem

    pattern = "(?:a|aa)+b"  # no repeat inside a repeat, yet exponential on a run of a's with no b
    assert regex_problem(pattern) is None
    path = write(tmp_path, REGEX_THEME % pattern)
    with pytest.raises(LexiconError, match=r"theme 'trade': regex '\(\?:a\|aa\)\+b' took over 1 s on a 48-character"):
        load_themes(path)
