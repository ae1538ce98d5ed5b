"""MkDocs hook: tells the macros whether the build is the live preview (`mkdocs serve`), and
whether the configuration is only read, with no page to render (mike, which reads it to
publish a version and runs the build itself as `mkdocs build`).

MkDocs says which command runs only once, at start-up; the hook module stays loaded for the
whole server, so it can tell every rebuild. In the preview a data error becomes an error page
instead of stopping the server; `mkdocs build` still fails on it.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

_command = {"name": None}


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(100)  # before the macros plugin reads the configuration
def on_config(config):
    config.extra["live_preview"] = _command["name"] == "serve"
    config.extra["configuration_only"] = _command["name"] == "mike"
    return config
