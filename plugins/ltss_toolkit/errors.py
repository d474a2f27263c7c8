"""No traceback for editors: an unexpected exception in the engine becomes one line saying it is our bug.

Bad content is reported as problems; an exception is therefore always a bug in the generator. Editors see
``internal error (...)`` with where it happened, never a Python traceback. Tests call the engine's
functions directly, so they still see the exception itself (see tests/test_properties.py).
"""

from __future__ import annotations

import functools
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from mkdocs.exceptions import PluginError

P = ParamSpec("P")
R = TypeVar("R")

DEBUG_VARIABLE = "LTSS_DEBUG"
"""Set to 1 to let the exception and its traceback through (for developers of the engine)."""


def internal_error(error: BaseException) -> str:
    """One line naming the exception, its message (cut short) and the engine's line where it happened."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename != __file__]
    ours = [f for f in frames if "ltss_toolkit" in f.filename] or frames
    where = f" in {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    message = " ".join(str(error).split())[:300]
    return (
        f"internal error ({type(error).__name__}{where}): {message} (this is a bug in the site generator, "
        f"not in your content: please report it with this line; {DEBUG_VARIABLE}=1 shows the details)"
    )


def guarded(function: Callable[P, R]) -> Callable[P, R]:
    """Turn an unexpected exception in a plugin event into a ``PluginError`` that MkDocs prints as one line."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except PluginError:
            raise
        except Exception as error:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            raise PluginError(internal_error(error)) from None

    return wrapper
