"""Page macros register themselves here by topic; macros/publish/plugin.py hands them to MkDocs.

A page macro is a plain function whose first argument is the View (the evidence and the
page being built); pages call it without that argument.
"""

from __future__ import annotations

from collections.abc import Callable

PAGE_MACROS: dict[str, Callable] = {}


def page_macro(func: Callable) -> Callable:
    if func.__name__ in PAGE_MACROS:
        raise ValueError(f"two page macros are called {func.__name__}")
    PAGE_MACROS[func.__name__] = func
    return func
