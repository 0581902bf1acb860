"""Where the workbook's files live. The one module that knows; everything else asks it.

``data/raw`` holds inputs and is never written to; derived data goes to the cache or ``reports/``.
Set ``HKANALYSIS_CACHE`` to keep the cache elsewhere (for example on a larger disk).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA = PROJECT_ROOT / "data"
RAW = DATA / "raw"
MANIFEST = DATA / "manifest.csv"
MANIFESTS = DATA / "manifests"  # manifests for corpora kept outside the project (trade-war.csv)
LEXICONS = DATA / "lexicons"
REPORTS = PROJECT_ROOT / "reports"
SHARED = PROJECT_ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


def cache_dir() -> Path:
    """The cache folder: ``$HKANALYSIS_CACHE`` if set, else ``.cache/`` in the project."""
    return Path(os.environ.get("HKANALYSIS_CACHE", PROJECT_ROOT / ".cache"))
