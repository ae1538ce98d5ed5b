"""The site's languages, listed in one place: languages.yml, beside mkdocs.yml.

    languages: [en, fr]

The first language is the site's own: its pages are built from mkdocs.yml into the site's
root, and the data's text (data/) is written in it. Each other language is built from
mkdocs.<language>.yml into <language>/, its pages' text in its own docs folder, the data's
text in data/translations_<language>.csv and the code's sentences in
macros/i18n/locale/<language>/LC_MESSAGES/messages.po. Without languages.yml the site has one
language, the one its mkdocs.yml's theme names. The theme's language menu appears only when
there are several.

This module is also an MkDocs hook (mkdocs.base.yml): each build checks that its
configuration is the one languages.yml gives its theme's language, and writes the theme's
language menu (extra.alternate) from the list. A published release (make deploy) sets
DEPLOY_RELEASE, the release's folder, so that the menu leads to the same release in the other
languages.

    python -m macros.publish.languages list              the languages, one a line
    python -m macros.publish.languages plan SITE_DIR     per language: language, config, folder
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from mkdocs.plugins import event_priority

FILE = "languages.yml"
ROOT_CONFIG = "mkdocs.yml"


class LanguagesError(ValueError):
    """languages.yml or a language's configuration is not as the site needs it."""


def site_languages(root: Path) -> list[str]:
    """The site's languages, the site's own first; [] when languages.yml is absent."""
    path = Path(root) / FILE
    if not path.is_file():
        return []
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise LanguagesError(f"{FILE}: not readable as YAML ({error})") from None
    listed = content.get("languages") if isinstance(content, dict) else None
    if not isinstance(listed, list) or not listed \
            or not all(isinstance(x, str) and x for x in listed):
        raise LanguagesError(f"{FILE}: expected 'languages:' and a list of language codes,"
                             " the site's own first (for example: languages: [en, fr])")
    if len(set(listed)) != len(listed):
        raise LanguagesError(f"{FILE}: a language is listed twice: {', '.join(listed)}")
    for code in listed:
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            raise LanguagesError(f"{FILE}: {code!r} is not a language code (en, fr, de, …)")\
                from None
    return listed


def config_name(language: str, languages: list[str]) -> str:
    """The MkDocs configuration that builds `language`'s pages."""
    return ROOT_CONFIG if language == languages[0] else f"mkdocs.{language}.yml"


def folder(language: str, languages: list[str]) -> str:
    """Where `language`'s pages go, relative to the site's root ('' for the site's own)."""
    return "" if language == languages[0] else f"{language}/"


def plan(root: Path, site_dir: str) -> list[tuple[str, str, str]]:
    """(language, configuration, output folder) of each language, in build order."""
    languages = site_languages(root)
    if not languages:
        return [("", ROOT_CONFIG, site_dir)]
    rows = []
    for language in languages:
        config = config_name(language, languages)
        if not (Path(root) / config).is_file():
            raise LanguagesError(f"{FILE} lists {language!r} but there is no {config}: write"
                                 f" it (it inherits mkdocs.base.yml), or remove {language!r}"
                                 f" from {FILE}")
        place = folder(language, languages)
        rows.append((language, config, f"{site_dir.rstrip('/')}/{place}" if site_dir
                     else place))
    return rows


def display_name(language: str) -> str:
    """'English', 'Français': the language's name in itself, as a menu shows it."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


def alternates(languages: list[str], current: str, release: str | None = None) -> list[dict]:
    """The theme's language menu of a page in `current`: each language's root relative to
    `current`'s root (a local build: fr/ and ../; a published release, each language's
    pages at [<language>/]<release>/: ../fr/<release>/ and ../../<release>/). None with one
    language."""
    if len(languages) < 2:
        return []
    up = "../" * (folder(current, languages).count("/") + (1 if release else 0))
    entries = []
    for language in languages:
        if language == current:
            link = "./"
        else:
            link = up + folder(language, languages) + (f"{release}/" if release else "")
        entries.append({"name": display_name(language), "link": link, "lang": language})
    return entries


@event_priority(90)  # before the macros plugin reads the data in the language built
def on_config(config):
    from mkdocs.exceptions import ConfigurationError

    path = Path(config.config_file_path or ROOT_CONFIG)
    try:
        languages = site_languages(path.parent)
    except LanguagesError as error:
        raise ConfigurationError(str(error)) from None
    language = config.theme["language"]
    if languages:
        if language not in languages:
            raise ConfigurationError(
                f"{path.name} builds pages in {language!r} (its theme's language), which"
                f" {FILE} does not list ({', '.join(languages)})")
        expected = config_name(language, languages)
        # (mike builds from a copy of the configuration under another name: not checked)
        if re.fullmatch(r"mkdocs(\.[A-Za-z_-]+)?\.yml", path.name) and path.name != expected:
            raise ConfigurationError(
                f"{path.name} builds pages in {language!r}, which {FILE} builds from"
                f" {expected}: set the theme's language of {path.name} (theme: language:)"
                " to the language it is for")
    config.extra["alternate"] = alternates(languages, language,
                                           os.environ.get("DEPLOY_RELEASE") or None)
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.publish.languages", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="the site's languages, one a line")
    planned = commands.add_parser("plan", help="language, configuration and output folder")
    planned.add_argument("site_dir")
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        if args.command == "list":
            languages = site_languages(root) or [_theme_language(root)]
            print("\n".join(languages))
        else:
            for language, config, out in plan(root, args.site_dir):
                print(language or _theme_language(root), config, out)
    except LanguagesError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _theme_language(root: Path) -> str:
    """The language of mkdocs.yml's theme (the generator's base says en)."""
    text = (Path(root) / ROOT_CONFIG).read_text(encoding="utf-8")
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("language:") and line.startswith("  "):
            return stripped.split(":", 1)[1].strip() or "en"
    return "en"


if __name__ == "__main__":
    sys.exit(main())
