"""Shared test set-up: where the shared corpora are, and a cache private to each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hkanalysis import paths


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test gets an empty cache, so no test sees another's (or a developer's) cached results."""
    monkeypatch.setenv("HKANALYSIS_CACHE", str(tmp_path_factory.mktemp("cache")))


FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"

CHROMIUM = Path("/usr/bin/chromium")  # Debian's, which make setup installs for the browser tests
# Without the networking flags Chromium keeps calling Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def corpus_folder(tmp_path: Path) -> Path:
    """A writable copy of the hand-made fixture corpus (7 articles; see tests/test_corpus.py)."""
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, folder)
    return folder


@pytest.fixture
def fixture_corpus():
    """The hand-made fixture corpus, loaded without a manifest."""
    import hkanalysis as hk

    return hk.load_corpus(FIXTURE_CORPUS, manifest=False)


@pytest.fixture
def explorer(fixture_corpus, tmp_path: Path):
    """An explorer on the fixture corpus that shows ties seen once and saves under ``tmp_path``."""
    from hkanalysis.explorer import Explorer

    return Explorer(fixture_corpus, min_count=1, export_dir=tmp_path / "explorer")


def lexicons_from(folder: Path, themes: str, actors: str) -> tuple:
    """A themes and an actors lexicon written into ``folder`` as YAML and loaded, checked as a user's files are."""
    from hkanalysis.tagging.lexicons import load_actors, load_themes

    (folder / "themes.yaml").write_text(themes, encoding="utf-8")
    (folder / "actors.yaml").write_text(actors, encoding="utf-8")
    return load_themes(folder / "themes.yaml"), load_actors(folder / "actors.yaml")


def shared_corpus(name: str):
    """Path of ``../shared/corpora/<name>``, skipping the test cleanly when it is absent."""
    folder = paths.CORPORA / name
    if not folder.exists():
        pytest.skip(f"needs {folder} (the shared corpora are not on this machine)")
    return folder
