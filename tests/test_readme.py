"""The README's Python examples run as written, on the bundled corpus."""

from __future__ import annotations

import re

import matplotlib
import pytest

from hkanalysis import paths

BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
# Examples that need what a test machine has not: a folder of the reader's own, a Dask cluster.
ELSEWHERE = ("path/to/", "tcp://")


def readme_examples() -> list[str]:
    """The README's python blocks that run on the bundled corpus, in order."""
    blocks = BLOCK.findall((paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8"))
    return [block for block in blocks if not any(marker in block for marker in ELSEWHERE)]


def test_the_readme_has_examples_to_run():
    assert len(readme_examples()) >= 2


@pytest.mark.filterwarnings("ignore::hkanalysis.errors.UndatedArticlesWarning")
def test_the_readme_examples_run():
    matplotlib.use("Agg")
    namespace: dict = {}
    for block in readme_examples():
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 (the project's own README)
    # the analyses example leaves its results behind: each is a real table or chart
    assert len(namespace["trend"]) > 0 and {"share", "ci_low", "ci_high"} <= set(namespace["trend"].columns)
    assert {"actor_a", "actor_b", "npmi"} <= set(namespace["pairs"].columns)
    assert namespace["figure"].get_size_inches().round(2).tolist() == [13.33, 7.5]
