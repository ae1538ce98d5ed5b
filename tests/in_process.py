"""What a build does with data/ and the pages, in this process: no MkDocs, no theme.

`render_site` runs the macros module's hooks as mkdocs-macros runs them (define_env, then
for each page: on_pre_page_macros, Jinja, on_post_page_macros), and converts each page with
Python-Markdown, the extensions of mkdocs.yml and those the macros add. A data problem raises
the error a build would print (a DataError, or the PluginError that carries its message).
"""

from __future__ import annotations

import re
import shutil
import types
from functools import cache
from pathlib import Path
from unittest import mock

import jinja2
import markdown
import yaml

ROOT = Path(__file__).resolve().parents[1]
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml with its !ENV and !!python tags read as plain values."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


@cache
def markdown_extensions() -> tuple[list, dict]:
    name, config = "mkdocs.yml", {}
    while name and "markdown_extensions" not in config:  # follow INHERIT to the base file
        config = yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_AnyTag)  # noqa: S506 - a SafeLoader subclass
        name = config.get("INHERIT")
    names, settings = [], {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


@cache
def site_extra(language: str) -> dict:
    """The `extra` settings of the language's configuration (mkdocs.yml, mkdocs.fr.yml),
    tags read as plain values: what the pages read from `config.extra`."""
    name = "mkdocs.yml" if language == "en" else f"mkdocs.{language}.yml"
    config = yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_AnyTag)  # noqa: S506 - a SafeLoader subclass
    return dict(config.get("extra") or {})


def project_copy(dest: Path) -> Path:
    """data/ copied (a test may change it), docs/ and node_modules/ linked."""
    shutil.copytree(ROOT / "data", dest / "data")
    (dest / "docs").symlink_to(ROOT / "docs")
    (dest / "docs-fr").symlink_to(ROOT / "docs-fr")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def render_site(project: Path, html: bool = True, language: str = "en") -> dict[str, str]:
    """HTML of every page of docs/, keyed by its path in the built site ('survival/index.html');
    with html=False, the Markdown that the macros rendered (faster, when only errors count);
    with language 'fr', the French pages of docs-fr/. The charts' static pictures are drawn
    by a stand-in: what the pages make of the data is tested here, not Chromium's drawing
    (tests/test_static_charts.py and the real builds draw them)."""
    from hooks.stand_in_pictures import stand_in_exporter

    from macros.figures import static_charts

    stand_in = stand_in_exporter(static_charts.Exporter, project)
    with mock.patch.object(static_charts, "Exporter", stand_in):
        return _render_site(project, html, language)


@cache
def _jinja(docs: Path) -> jinja2.Environment:
    """As the plugin's: includes are read from docs/; `config` is the site's configuration.
    One per pages folder, its compiled pages kept: each render sets its globals anew."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,  # noqa: S701
                              loader=jinja2.FileSystemLoader(docs))


@cache
def _template(docs: Path, source: str) -> jinja2.Template:
    """A page's template, compiled once: it reads its environment's globals when rendered."""
    return _jinja(docs).from_string(source)


def _render_site(project: Path, html: bool, language: str) -> dict[str, str]:
    import macros

    docs = (project / ("docs" if language == "en" else f"docs-{language}")).resolve()
    env = types.SimpleNamespace(project_dir=str(project), variables={}, page=None, macros={},
                                conf={"site_dir": str(project / "site"), "site_name": "Site",
                                      "site_url": "", "extra": dict(site_extra(language)),
                                      "markdown_extensions": [],
                                      "theme": {"language": language}}, markdown="")
    env.macro = lambda function, name=None: env.macros.__setitem__(name or function.__name__,
                                                                   function)
    macros.define_env(env)
    jinja = _jinja(docs)
    jinja.globals.clear()
    jinja.globals.update(jinja2.defaults.DEFAULT_NAMESPACE, config=env.conf)
    env.env = jinja
    names, settings = markdown_extensions()
    names = names + env.conf["markdown_extensions"]  # those the macros add (abbreviations)
    pages: dict[str, str] = {}
    for page in sorted(docs.glob("*.md")):
        url = "" if page.stem == "index" else f"{page.stem}/"
        file = types.SimpleNamespace(src_path=page.name, dest_uri=f"{url}index.html")
        env.page = types.SimpleNamespace(url=url, file=file, meta={}, title=page.stem)
        if hasattr(macros, "on_pre_page_macros"):
            macros.on_pre_page_macros(env)
        jinja.globals.update(env.macros)
        jinja.globals.update(env.variables)
        source = FRONT_MATTER.sub("", page.read_text(encoding="utf-8"))
        env.markdown = _template(docs, source).render()
        if hasattr(macros, "on_post_page_macros"):
            macros.on_post_page_macros(env)
        pages[f"{url}index.html"] = markdown.Markdown(
            extensions=names, extension_configs=settings).convert(env.markdown) \
            if html else env.markdown
    macros.i18n.use("en")  # as a new build would start: later tests expect English
    return pages
