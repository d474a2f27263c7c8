"""Results kept between loads of the content, by their inputs, and one place to forget them all.

The preview loads the content again after every save; functions of text (a YAML file, a line, a page body)
give the same result for the same text, so they keep it (``remembered``) and only the edited text is worked
on again. ``forget_all`` empties every one of them: the benchmarks time a cold load, as a build has.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

_clears: list[Callable[[], None]] = []


def remembered(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, emptied by ``forget_all``."""

    def wrap(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _clears.append(cached.cache_clear)
        return cast(F, cached)

    return wrap


def on_forget(clear: Callable[[], None]) -> None:
    """Have ``forget_all`` call ``clear`` too (a cache that is not a plain function of its arguments)."""
    _clears.append(clear)


def forget_all() -> None:
    for clear in _clears:
        clear()
