"""mkdocs-macros entry point: load the evidence once, register what pages may call.

Everything lives in the layer packages, which know nothing of MkDocs but for
macros/publish/plugin.py, imported when the macros are first set up: the commands run as
`python -m macros.publish...` import this package first, and need none of it.
"""

from __future__ import annotations


def define_env(env) -> None:
    if ((getattr(env, "conf", None) or {}).get("extra") or {}).get("configuration_only") is True:
        return  # mike reads the configuration only: nothing to render, nothing to load
    from .publish import plugin

    plugin.define_env(env)


def on_pre_page_macros(env) -> None:
    from .publish import plugin

    plugin.on_pre_page_macros(env)


def on_post_page_macros(env) -> None:
    from .publish import plugin

    plugin.on_post_page_macros(env)


def on_post_build(env) -> None:
    from .publish import plugin

    plugin.on_post_build(env)
