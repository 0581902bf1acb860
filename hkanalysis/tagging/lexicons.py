"""Load and check the analyst's lexicons: themes (``themes.yaml``) and actors (``actors.yaml``).

A lexicon is a YAML file with a ``version`` string and a list of entries. Each entry lists terms:
a plain phrase (``- rare earth``), a phrase with a case rule (``- {term: EV, case: sensitive}``)
or a regular expression (``- {regex: 'H(?:20|100)', case: sensitive}``). Phrases match whole
words, case-insensitively unless the term or its entry says ``case: sensitive``; punctuation and
hyphens in a phrase match any punctuation or a space (``electric vehicle`` finds
``electric-vehicle``). ``exclude`` lists phrases inside which a hit of that entry does not count
(``bargaining chip`` for the chips theme). Theme terms also match their regular English plural
(``tariff`` finds ``tariffs``, ``battery`` finds ``batteries``); actor names do not. A regex runs
on the text as written (``US\\$``); its hits too must start and end at word boundaries.

Themes::

    - id: ev                      # lower-case letters, digits, _; the ``key`` of its mentions
      label: Electric vehicles    # required
      description: ...            # optional
      case: insensitive           # optional default for the entry's terms
      terms: [...]                # required, at least one
      exclude: [...]              # optional

Actors::

    - name: CATL                  # canonical name, the ``key`` of its mentions; also a term
      type: company               # one of ACTOR_TYPES
      country: CN                 # optional, ISO 3166 alpha-2 (EU for the European Union)
      description: ...            # optional
      case: insensitive           # optional default for the entry's terms
      aliases: [...]              # other full names
      short_forms: [...]          # count only after a full mention in the same article
      exclude: [...]              # optional

A short form may be shared by several actors (``Lee``): a hit goes to the actor mentioned in
full most recently before it in the article. Any other term claimed by two entries is an error.

Entries and terms may also carry context rules (``not_followed_by``, ``not_preceded_by``,
``requires`` with ``within``): see ``context_rules``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

from .. import paths
from ..errors import LexiconError
from .context_rules import RULE_KEYS, parse_rules
from .regex_checks import TRIAL_LENGTH, TRIAL_SECONDS, regex_problem, slow_regex

THEMES_FILE = paths.LEXICONS / "themes.yaml"
ACTORS_FILE = paths.LEXICONS / "actors.yaml"

ACTOR_TYPES = ("company", "government", "person", "place", "organisation", "media")
CASES = ("insensitive", "sensitive")
# a full mention, a short form, an exclusion; and a phrase a rule looks for (``context_rules``),
# which the matcher adds and which is never a mention
ROLES = ("term", "short_form", "exclude", "context")

_TOP_KEYS = {"theme": {"version", "description", "themes"}, "actor": {"version", "description", "actors"}}
_ENTRY_KEYS = {
    "theme": {"id", "label", "description", "case", "terms", "exclude", *RULE_KEYS},
    "actor": {"name", "type", "country", "description", "case", "aliases", "short_forms", "exclude", *RULE_KEYS},
}
_TERM_KEYS = {"term", "regex", "case", *RULE_KEYS}
_THEME_ID = re.compile(r"[a-z][a-z0-9_]*")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
TABLE_COLUMNS = ["key", "term", "role", "match", "case", *RULE_KEYS]


@dataclass(frozen=True, eq=False)  # tables inside: compare lexicons by their files, not with ==
class Lexicon:
    """A checked lexicon.

    - ``kind``: ``'theme'`` or ``'actor'``; ``version``: the file's version string; ``path``.
    - ``entries``: one row per theme (``key``, ``label``, ``description``) or actor (``key``,
      ``type``, ``country``, ``description``); ``key`` is the theme id or the actor's name.
    - ``table``: one row per term: ``key``, ``term`` (as written in the file), ``role``
      (``term``, ``short_form`` or ``exclude``), ``match`` (``phrase`` or ``regex``), ``case``
      (``insensitive`` or ``sensitive``), then the entry's columns (``label`` / ``type``,
      ``country``).
    """

    kind: str
    version: str
    path: Path
    entries: pd.DataFrame = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    #: Hash of the file (``file_digest``): the caches of mentions go by it.
    digest: str = field(default="", repr=False)

    @property
    def labels(self) -> dict[str, str]:
        """Display name of each entry by key: the theme's label, or the actor's name."""
        column = "label" if "label" in self.entries.columns else "key"
        return dict(zip(self.entries["key"], self.entries[column]))

    def __repr__(self) -> str:
        size = f"{len(self.entries)} entries, {len(self.table)} terms"
        return f"Lexicon({self.kind}s {self.version!r} from {str(self.path)!r}: {size})"


def load_themes(path: str | Path | None = None) -> Lexicon:
    """Load and check a theme lexicon (default: the bundled ``data/lexicons/themes.yaml``)."""
    return _load(Path(path) if path is not None else THEMES_FILE, "theme")


def load_actors(path: str | Path | None = None) -> Lexicon:
    """Load and check an actor lexicon (default: the bundled ``data/lexicons/actors.yaml``)."""
    return _load(Path(path) if path is not None else ACTORS_FILE, "actor")


# --- how terms and texts are compared -------------------------------------------------------------

_APOSTROPHES = "'\u2019\u2018\u02bc"
_SPACE, _APOSTROPHE = 32, 39
_OTHER, _WORD, _QUOTE, _NUL = 0, 1, 2, 3  # what a character is, for comparing
_tables: dict[str, np.ndarray] = {
    "kind": np.zeros(0, np.uint8),
    "sensitive": np.zeros(0, np.uint32),
    "insensitive": np.zeros(0, np.uint32),
}


def _char_tables(size: int) -> dict[str, np.ndarray]:
    """Per code point below ``size``: what it is (``_WORD``...), and what it becomes when compared
    case-sensitively and case-insensitively (a space unless a letter, digit or apostrophe).

    Built once and grown on demand: classifying each code point in Python is slow, but only code
    points up to the largest one seen are ever needed (about 8,000 for English news).
    """
    have = len(_tables["kind"])
    if size > have:
        size = max(size, 0x2100)
        grown = {
            "kind": np.zeros(size, np.uint8),
            "sensitive": np.full(size, _SPACE, np.uint32),
            "insensitive": np.full(size, _SPACE, np.uint32),
        }
        for name, table in grown.items():
            table[:have] = _tables[name]
        for code in range(have, size):
            char = chr(code)
            if char.isalnum() or char == "_":
                folded = char.lower()
                grown["kind"][code] = _WORD
                grown["sensitive"][code] = code
                # a lower case of two characters ('İ') would shift every offset: keep the character
                grown["insensitive"][code] = ord(folded) if len(folded) == 1 else code
            elif char in _APOSTROPHES:
                grown["kind"][code] = _QUOTE
                grown["sensitive"][code] = grown["insensitive"][code] = _APOSTROPHE
            elif code == 0:  # NUL separates articles and must never match
                grown["kind"][code] = _NUL
                grown["sensitive"][code] = grown["insensitive"][code] = 0
        _tables.update(grown)
    return _tables


class MatchForm(NamedTuple):
    """A text in the form phrases are compared in: arrays of one entry per character of the text."""

    sensitive: np.ndarray  # code points: non-word characters as spaces, possessive 's blanked
    insensitive: np.ndarray  # the same in lower case
    is_word: np.ndarray  # the original character is a letter, digit or _
    possessive: np.ndarray  # an apostrophe that starts a possessive 's


def match_form(text: str) -> MatchForm:
    """``text`` in the form phrases are compared in, one code point per character.

    Every character that is not a letter or digit becomes a space, except an apostrophe between
    two letters (``Xi'an``); a possessive ``'s`` or ``’s`` is blanked (``Nvidia’s`` ->
    ``Nvidia  ``); the lower-case copy keeps a character whose lower case is longer than one
    character (``İ``) as it is. Lengths never change, so an offset in the compared form is an
    offset in ``text``.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if len(codes) == 0:
        empty = np.zeros(0, np.uint32)
        return MatchForm(empty, empty, np.zeros(0, bool), np.zeros(0, bool))
    tables = _char_tables(int(codes.max()) + 1)
    kind = tables["kind"][codes]
    sensitive, insensitive = tables["sensitive"][codes], tables["insensitive"][codes]
    is_word = kind == _WORD
    # apostrophes are few: decide each one from its neighbours
    at = np.flatnonzero(kind == _QUOTE)
    padded = np.r_[False, is_word, False, False]  # padded[i + 1] is is_word[i]
    before, after, after_next = padded[at], padded[at + 2], padded[at + 3]
    next_is_s = np.isin(codes[np.minimum(at + 1, len(codes) - 1)], [ord("s"), ord("S")]) & (at + 1 < len(codes))
    is_possessive = before & next_is_s & ~after_next
    inner = before & after & ~is_possessive
    blank = np.r_[at[~inner], at[is_possessive] + 1]
    sensitive[blank] = insensitive[blank] = _SPACE
    possessive = np.zeros(len(codes), bool)
    possessive[at[is_possessive]] = True
    return MatchForm(sensitive, insensitive, is_word, possessive)


def as_text(codes: np.ndarray) -> str:
    """Code points back to a string."""
    return codes.astype(np.uint32).tobytes().decode("utf-32-le")


def phrase_form(term: str, *, lower: bool) -> str:
    """How a phrase term is looked for: its compared form with one space either side."""
    return phrase_forms([term], lower=lower)[0]


def phrase_forms(terms: list[str], *, lower: bool) -> list[str]:
    """``phrase_form`` of many terms at once (one pass, not one per term)."""
    if not terms:
        return []
    form = match_form("\x00".join(f" {term} " for term in terms))
    return as_text(form.insensitive if lower else form.sensitive).split("\x00")


# --- loading and checking -------------------------------------------------------------------------


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe YAML loader (libyaml's when the machine has it: five times faster on the actor
    lexicon), except that a key given twice in one mapping is an error naming both lines: YAML
    would keep the second silently, and a theme or term would vanish without a word."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} is given twice in one mapping (lines {seen[key]} and "
                    f"{key_node.start_mark.line + 1}); the first would be lost",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _load(path: Path, kind: str) -> Lexicon:
    if not path.is_file():
        raise FileNotFoundError(f"no {kind} lexicon at {path}")
    try:
        with path.open(encoding="utf-8") as stream:  # a stream, so YAML's messages name the file
            data = yaml.load(stream, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        raise LexiconError(f"{path}: not valid YAML: {error}") from None
    except UnicodeDecodeError as error:
        raise LexiconError(f"{path}: not UTF-8 text ({error})") from None
    return dataclasses.replace(_check(data, path, kind), digest=file_digest(path))


def file_digest(path: str | Path) -> str:
    """Hash of a lexicon file's bytes: what tagging with it depends on, known without parsing it."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no lexicon at {path}")
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _check(data: object, path: Path, kind: str) -> Lexicon:
    def fail(where: str, problem: str) -> LexiconError:
        return LexiconError(f"{path}: {where}: {problem}")

    plural = f"{kind}s"
    if not isinstance(data, dict):
        raise fail("file", f"should be a mapping with 'version' and '{plural}'")
    unknown = set(data) - _TOP_KEYS[kind]
    if unknown:
        raise fail("file", f"unknown key(s) {sorted(map(str, unknown))}; allowed: {sorted(_TOP_KEYS[kind])}")
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise fail("file", f"'version' must be a non-empty string (quote it, e.g. version: \"1.0\"), not {version!r}")
    entries = data.get(plural)
    if not isinstance(entries, list) or not entries:
        raise fail("file", f"'{plural}' must be a non-empty list of {kind} entries")

    entry_rows, term_rows, wheres = [], [], []
    seen_keys: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        row, where, lists = _check_entry(entry, number, kind, fail)
        if row["key"] in seen_keys:
            raise fail(
                where,
                f"duplicate {'id' if kind == 'theme' else 'name'} {row['key']!r} "
                f"(also {kind} #{seen_keys[row['key']]})",
            )
        seen_keys[row["key"]] = number
        entry_rows.append(row)
        attributes = {"label": row["label"]} if kind == "theme" else {"type": row["type"], "country": row["country"]}
        for role, (name, items) in lists.items():
            for item in _as_list(items, name, fail, where):
                term, match, case = _parse_term(item, row["case"], fail, where)
                if role == "exclude":  # an exclusion is a span, not a hit: rules on it mean nothing
                    rules = parse_rules({}, fail, where)
                else:
                    rules = parse_rules(item if isinstance(item, dict) else {}, fail, where, row["rules"])
                term_rows.append(
                    {"key": row["key"], "term": term, "role": role, "match": match, "case": case, **rules, **attributes}
                )
                wheres.append(where)
    _check_claims(term_rows, wheres, fail)
    regexes = [(row["term"], row["case"], where) for row, where in zip(term_rows, wheres) if row["match"] == "regex"]
    slow = slow_regex(regexes)
    if slow is not None:
        pattern, where = slow
        raise fail(
            where,
            f"regex {pattern!r} took over {TRIAL_SECONDS:g} s on a {TRIAL_LENGTH}-character trial text: "
            "it backtracks, and would hang the load on a real article; write it without repeats that "
            "can match the same text in several ways (like (a|aa)+)",
        )

    entry_table = pd.DataFrame(entry_rows).drop(columns=["case", "rules"])
    extra = ["label"] if kind == "theme" else ["type", "country"]
    table = pd.DataFrame(term_rows, columns=TABLE_COLUMNS + extra)
    return Lexicon(kind=kind, version=version, path=path, entries=entry_table, table=table)


def _check_entry(entry: object, number: int, kind: str, fail) -> tuple[dict, str, dict[str, tuple[str, object]]]:
    """One entry's row of ``entries``, its name in messages, and its term lists by role."""
    where = f"{kind} #{number}"
    if not isinstance(entry, dict):
        raise fail(where, f"should be a mapping, not {type(entry).__name__}")
    id_field = "id" if kind == "theme" else "name"
    key = entry.get(id_field)
    if isinstance(key, str) and key.strip():
        where = f"{kind} {key!r}"
    unknown = set(entry) - _ENTRY_KEYS[kind]
    if unknown:
        raise fail(where, f"unknown key(s) {sorted(map(str, unknown))}; allowed: {sorted(_ENTRY_KEYS[kind])}")
    if not isinstance(key, str) or not key.strip():
        raise fail(where, f"missing '{id_field}'")
    if kind == "theme" and not _THEME_ID.fullmatch(key):
        raise fail(where, "an id is lower-case letters, digits and '_', starting with a letter (e.g. 'ai_chips')")
    case = entry.get("case", "insensitive")
    if case not in CASES:
        raise fail(where, f"'case' must be one of {list(CASES)}, not {case!r}")
    description = entry.get("description")
    if description is not None and not isinstance(description, str):
        raise fail(where, "'description' must be text")
    if kind == "theme":
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            raise fail(where, "missing 'label'")
        if not isinstance(entry.get("terms"), list) or not entry["terms"]:
            raise fail(where, "'terms' must be a non-empty list")
        row = {"key": key, "label": label, "description": description, "case": case}
        row["rules"] = parse_rules(entry, fail, where)
        return row, where, {"term": ("terms", entry["terms"]), "exclude": ("exclude", entry.get("exclude"))}
    kind_of = entry.get("type")
    if kind_of is None:
        raise fail(where, "missing 'type'")
    if kind_of not in ACTOR_TYPES:
        raise fail(where, f"unknown type {kind_of!r}; one of {list(ACTOR_TYPES)}")
    country = entry.get("country")
    if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
        raise fail(where, f"'country' must be a two-letter code such as 'CN', not {country!r}")
    row = {"key": key, "type": kind_of, "country": country, "description": description, "case": case}
    row["rules"] = parse_rules(entry, fail, where)
    names = [key, *_as_list(entry.get("aliases"), "aliases", fail, where)]  # the canonical name is a term too
    return (
        row,
        where,
        {
            "term": ("aliases", names),
            "short_form": ("short_forms", entry.get("short_forms")),
            "exclude": ("exclude", entry.get("exclude")),
        },
    )


def _check_claims(rows: list[dict], wheres: list[str], fail) -> None:
    """No entry lists a term twice or excludes its own term; no two entries claim one term.

    Several actors may share a short form. Two terms are the same when they would find the same
    text: the same compared form, unless both are case-sensitive and written differently
    (``Beijing`` and the dateline ``BEIJING``).
    """
    phrases = [row["term"] for row in rows if row["match"] == "phrase"]
    lower = iter(phrase_forms(phrases, lower=True))
    exact = iter(phrase_forms(phrases, lower=False))
    claimed: dict[str, list[tuple[str | None, str, str]]] = {}  # lower-case form -> (exact form, entry, role)
    own: dict[tuple[str, str], list[str | None]] = {}  # (entry, 'match' or 'exclude') -> exact forms by lower form
    for row, where in zip(rows, wheres):
        term, role = row["term"], row["role"]
        if row["match"] == "regex":
            form = exact_form = "regex:" + term
        else:
            form, exact_form = next(lower).strip(), next(exact).strip()
            if not form:
                raise fail(where, f"term {term!r} has no letters or digits")
        exact_form = exact_form if row["case"] == "sensitive" else None
        group = "exclude" if role == "exclude" else "match"
        if any(_same(exact_form, other) for other in own.get((where, group, form), [])):
            raise fail(where, f"lists {term!r} twice")
        if role == "exclude" and any(_same(exact_form, other) for other in own.get((where, "match", form), [])):
            raise fail(where, f"excludes its own term {term!r}, which would hide every hit")
        own.setdefault((where, group, form), []).append(exact_form)
        if role == "exclude":
            continue
        for other_exact, other_where, other_role in claimed.get(form, []):
            if other_where != where and _same(exact_form, other_exact) and not role == other_role == "short_form":
                raise fail(where, f"the term {term!r} is also claimed by {other_where}")
        claimed.setdefault(form, []).append((exact_form, where, role))


def _same(one: str | None, other: str | None) -> bool:
    """Whether two terms of one compared form find the same text: yes unless both are
    case-sensitive (given as their exact forms) and written differently."""
    return one is None or other is None or one == other


def _as_list(items: object, name: str, fail, where: str) -> list:
    if items is None:
        return []
    if not isinstance(items, list):
        raise fail(where, f"'{name}' must be a list")
    return items


def _parse_term(item: object, default_case: str, fail, where: str) -> tuple[str, str, str]:
    """``(text, 'phrase' | 'regex', case)`` of one term as written in the file."""
    if isinstance(item, str):
        text, match, case = item, "phrase", default_case
    elif isinstance(item, dict):
        unknown = set(item) - _TERM_KEYS
        if unknown:
            raise fail(
                where, f"term {item!r} has unknown key(s) {sorted(map(str, unknown))}; allowed: {sorted(_TERM_KEYS)}"
            )
        if ("term" in item) == ("regex" in item):
            raise fail(where, f"term {item!r} needs exactly one of 'term' or 'regex'")
        match = "phrase" if "term" in item else "regex"
        text, case = item["term" if match == "phrase" else "regex"], item.get("case", default_case)
        if case not in CASES:
            raise fail(where, f"term {item!r}: 'case' must be one of {list(CASES)}, not {case!r}")
    else:
        raise fail(where, f"a term must be text or a mapping, not {item!r}")
    if not isinstance(text, str) or not text.strip():
        raise fail(where, f"empty term ({item!r})")
    if any(ord(c) < 32 and c not in "\t\n" for c in text):
        raise fail(where, f"term {text!r} contains a control character")
    text = text.strip()
    if match == "regex":
        if _BACKREFERENCE.search(text):
            raise fail(where, f"regex {text!r}: backreferences are not supported (all regexes run as one pattern)")
        try:  # as the tagger runs it: one alternative of one pattern, flags scoped to it
            compiled = re.compile(f"(?{'-i' if case == 'sensitive' else 'i'}:{text})")
        except re.error as error:
            raise fail(where, f"bad regex {text!r}: {error}") from None
        if compiled.fullmatch(""):
            raise fail(where, f"regex {text!r} matches the empty string")
        problem = regex_problem(text)
        if problem:
            raise fail(where, f"regex {text!r}: {problem}")
    return text, match, case


def lexicon_sources(
    themes: Lexicon | str | None, actors: Lexicon | str | None
) -> tuple[Lexicon | Path, Lexicon | Path]:
    """The two lexicons as given, a path as a Path, None as the bundled file: what ``tagged_with``
    takes, known without parsing a file."""
    return tuple(
        value if isinstance(value, Lexicon) else Path(value) if value is not None else default
        for value, default in ((themes, THEMES_FILE), (actors, ACTORS_FILE))
    )


def tagged_with(themes: Lexicon | Path, actors: Lexicon | Path) -> str:
    """What a corpus's mentions depend on besides the code (which every cache key includes): the
    lexicons, given as Lexicons or as the paths of their files (which need not be parsed for this)."""
    return ":".join(
        lexicon.digest if isinstance(lexicon, Lexicon) else file_digest(lexicon) for lexicon in (themes, actors)
    )


def as_lexicon(value: Lexicon | str | None, loader) -> Lexicon:
    """A lexicon as given, or loaded from a path (None: the bundled one)."""
    lexicon = value if isinstance(value, Lexicon) else loader(value)
    expected = "theme" if loader is load_themes else "actor"
    if lexicon.kind != expected:
        raise ValueError(f"expected a {expected} lexicon, got {lexicon!r}")
    return lexicon
