"""Names a package gives on first use (a module ``__getattr__``, PEP 562), so that importing the
package stays quick: a notebook, a loader worker or a kernel pays only for what it calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_getattr(
    package: str, *, names: Mapping[str, str] | None = None, modules: Mapping[str, str] | None = None
) -> Callable[[str], object]:
    """A ``__getattr__`` for ``package`` (its ``__name__``).

    ``names``: a name -> the submodule it is defined in (``{"trend_lines": "trends"}``);
    ``modules``: a name -> the submodule it stands for (``{"themes": "analyses.themes"}``).
    Submodules are relative to ``package``; each is imported when one of its names is first asked for.
    """
    names, modules = dict(names or {}), dict(modules or {})

    def __getattr__(name: str) -> object:
        if name in modules:
            return import_module(f"{package}.{modules[name]}")
        if name in names:
            return getattr(import_module(f"{package}.{names[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
