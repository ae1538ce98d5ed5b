"""MkDocs hook: the theme's templates compiled once, then read back from a cache.

Each build (and each rebuild of the live preview) makes the theme's template environment
anew and would compile its templates again: about a fifth of a build's time. Jinja keeps
the compiled templates in a folder, keyed by name and by a checksum of their text, and
uses them only for the Jinja and Python that wrote them; a changed template is compiled
again. Nothing the site needs: without this hook (another builder) the build is slower only.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

CACHE_ENV = "TEMPLATE_CACHE"  # another folder for the cache (the tests share one)
DEFAULT_CACHE = Path(".cache") / "templates"


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    folder = Path(os.environ.get(CACHE_ENV) or
                  Path(config.config_file_path).parent / DEFAULT_CACHE)
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env
