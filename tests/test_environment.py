"""environment.yml (conda) installs the same dependencies as pyproject.toml (pip)."""

import re
import tomllib

import yaml

from hkanalysis import paths


def normalise(requirement: str) -> tuple[str, str]:
    requirement = requirement.split("#")[0].strip().replace(" ", "")
    name, spec = re.match(r"([A-Za-z0-9_.\-]+)(.*)", requirement).groups()
    return name.lower().replace("_", "-"), spec


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(normalise(r) for r in project["dependencies"] + project["optional-dependencies"]["test"])

    environment = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text())
    assert "conda-forge" in environment["channels"]
    conda, pip = [], []
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            pip += entry["pip"]
        else:
            conda.append(entry)
    listed = dict(normalise(r) for r in conda + pip if not r.startswith(("python=", "pip")) or r.startswith("pip:"))
    listed = {name: spec for name, spec in listed.items() if name not in ("python", "pip")}
    assert listed == wanted
