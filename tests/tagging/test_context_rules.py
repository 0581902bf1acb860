"""Context rules of lexicon terms: neighbours, requirements, names beside names, datelines."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import lexicons_from

from hkanalysis.errors import LexiconError
from hkanalysis.tagging import load_actors, tag

THEMES = """
version: "t"
themes:
  - id: listings
    label: Listings
    terms: [listing]
"""
ACTORS = """
version: "t"
actors:
  - name: Chinese government
    type: government
    aliases:
      - {term: Beijing, case: sensitive, not_followed_by: [based, time, Winter Olympics]}
  - name: US Congress
    type: government
    aliases: [{term: Congress, case: sensitive, not_preceded_by: [Party, "People's"]}]
  - name: Family offices
    type: organisation
    aliases: [{term: 家族办公室, not_followed_by: [业务枢纽], not_preceded_by: [单一]}]
  - name: US Treasury
    type: government
    aliases:
      - {term: Treasury, case: sensitive, requires: [American, US government]}
  - name: Treasury (any)
    type: government
    # the same requirement, but anywhere in the article
    aliases: [{term: Exchequer, requires: [American], within: article}]
  - name: US government
    type: government
    aliases: [White House]
  - name: Donald Trump
    type: person
    case: sensitive
    aliases: [Trump]
  - name: Li Keqiang
    type: person
    case: sensitive
    short_forms: [Li]
"""


@pytest.fixture(scope="module")
def lexicons(tmp_path_factory) -> tuple:
    return lexicons_from(tmp_path_factory.mktemp("lexicons"), THEMES, ACTORS)


def hits(lexicons, text: str) -> list[tuple[str, str, int, int]]:
    """(key, surface, start, end) of the actor hits in one article."""
    themes, actors = lexicons
    found = tag(pd.DataFrame({"article_id": ["a"], "text": [text]}), themes=themes, actors=actors)
    found = found[found["kind"] == "actor"]
    return list(found[["key", "surface", "start", "end"]].itertuples(index=False, name=None))


def test_words_that_must_not_follow(lexicons):
    # "Beijing-based" (0) and "Beijing time" (24) are not the government; "Beijing said" (38) is;
    # a rule of two words needs both: "Beijing Winter Olympics" (57) is out, "Beijing Winter" (82) stays
    text = "Beijing-based firms set Beijing time. Beijing said no to Beijing Winter Olympics. Beijing Winter came."
    assert hits(lexicons, text) == [
        ("Chinese government", "Beijing", 38, 45),
        ("Chinese government", "Beijing", 82, 89),
    ]


def test_chinese_words_that_must_not_stand_beside(lexicons):
    # written without spaces and in either script: 家族辦公室 (2-7) is followed by 業務樞紐, which
    # folds to the rule's 业务枢纽, so it is out; 家族辦公室 at 16-21 has 單一 (Traditional) right
    # before it, out too; 家族办公室 at 24-29 stands alone and counts
    text = "作為家族辦公室業務樞紐。吸引單一家族辦公室。設立家族办公室。"
    assert text[2:7] == "家族辦公室" and text[16:21] == "家族辦公室" and text[24:29] == "家族办公室"
    assert hits(lexicons, text) == [("Family offices", "家族办公室", 24, 29)]


def test_words_that_must_not_precede(lexicons):
    # "Party Congress" (10) is not the US Congress; "Congress" (24), at a sentence's start, is
    assert hits(lexicons, "The Party Congress met. Congress passed it.") == [("US Congress", "Congress", 24, 32)]


def test_a_term_that_requires_context_in_its_sentence(lexicons):
    # no US context in the first sentence; the White House (23) in the second: Treasury (43) counts
    text = "The Treasury said. The White House and the Treasury agreed."
    assert hits(lexicons, text) == [("US government", "White House", 23, 34), ("US Treasury", "Treasury", 43, 51)]
    # a context phrase (not an entry) counts as written, in the same sentence only
    assert hits(lexicons, "The American Treasury said.") == [("US Treasury", "Treasury", 13, 21)]
    assert hits(lexicons, "American officials met. The Treasury said.") == []
    assert hits(lexicons, "The american Treasury said.") == []  # a context phrase matches as written
    # "American" is never a mention itself, and "within: article" looks in every sentence
    assert hits(lexicons, "American officials met. The Exchequer said.") == [("Treasury (any)", "Exchequer", 28, 37)]


def test_a_one_word_person_name_beside_another_name_is_someone_else(lexicons):
    text = "The snooker star Judd Trump won. President Trump spoke. When Trump left, Trump's China plan stayed."
    # Judd Trump (22) is another Trump; President Trump (43), sentence-initial "When Trump" (61) and
    # the possessive before "China" (73) are Donald Trump
    assert hits(lexicons, text) == [
        ("Donald Trump", "Trump", 43, 48),
        ("Donald Trump", "Trump", 61, 66),
        ("Donald Trump", "Trump's", 73, 80),
    ]
    # "Li Jianguo" (18) is not Li Keqiang, though he was named in full before; "Premier Li" (46) is
    text = "Li Keqiang spoke. Li Jianguo replied. Premier Li agreed."
    assert hits(lexicons, text) == [("Li Keqiang", "Li Keqiang", 0, 10), ("Li Keqiang", "Li", 46, 48)]


def test_a_dateline_is_no_mention(lexicons):
    # "BEIJING, June 5 (Xinhua) -- " is 28 characters: the Beijing inside it is left out
    text = "Beijing, June 5 (Xinhua) -- Beijing said no."
    assert hits(lexicons, text) == [("Chinese government", "Beijing", 28, 35)]
    # an articles table that gives its own dateline_end is taken at its word (0: no dateline)
    themes, actors = lexicons
    given = pd.DataFrame({"article_id": ["a"], "text": [text], "dateline_end": [0]})
    assert tag(given, themes=themes, actors=actors)["start"].tolist() == [0, 28]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("not_followed_by: based", "'not_followed_by' must be a non-empty list"),
        ("requires: []", "'requires' must be a non-empty list"),
        ("requires: ['--']", "'requires': '--' is not a word or name"),
        ("within: article", "'within' says where a 'requires' item must be found"),
        ("requires: [US]\n    within: paragraph", "'within' must be one of ['sentence', 'article']"),
    ],
)
def test_a_bad_rule_is_an_error_naming_the_entry(tmp_path: Path, rule: str, message: str):
    path = tmp_path / "actors.yaml"
    path.write_text(f'version: "t"\nactors:\n  - name: US Treasury\n    type: government\n    {rule}\n')
    with pytest.raises(LexiconError, match="actor 'US Treasury'") as error:
        load_actors(path)
    assert message in str(error.value)
