"""Write the files a built site serves besides its pages, as a step of its own.

The data files, the plotly.js bundle and the citation files (BibTeX, RIS). MkDocs' build
already writes them (the macros' post-build step and macros/publish/cite_files.py); this step writes
them whatever built the pages, and `make site` and `make deploy` run it after each build.

    python -m macros.publish.site_files SITE_DIR [-f CONFIG]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from .. import i18n
from ..data.errors import DataError
from ..evidence import citation, releases
from ..evidence.evidence import Evidence
from . import machine_files
from .assets import copy_site_assets


class _Config(yaml.SafeLoader):
    """A site configuration read for its names: !ENV resolved, other tags left out."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [
        loader.construct_scalar(node)]
    default = names.pop() if len(names) > 1 else None
    return next((os.environ[n] for n in names if os.environ.get(n)), default)


_Config.add_constructor("!ENV", _env)
_Config.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    """The configuration with what it INHERITs, the file's own settings winning."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Config) or {}  # noqa: S506 - a SafeLoader subclass
    parent = config.pop("INHERIT", None)
    if parent:
        base = read_config(path.parent / parent)
        base.update(config)
        config = base
    return config


def write_site_files(config_file: Path, site: Path) -> list[str]:
    """Write the site's other files into `site`; the paths written, relative to it."""
    config = read_config(config_file)
    project = config_file.parent
    language = (config.get("theme") or {}).get("language") or "en"
    i18n.use(language)
    data = project / "data"
    copy_site_assets(data, site)
    evidence = Evidence.from_folder(data, language)
    conf = {"site_name": config.get("site_name", ""), "site_url": config.get("site_url") or "",
            "site_description": config.get("site_description") or "", "extra": {}}
    citation.configure(conf, evidence.study)
    machine_files.add(conf, evidence,
                      releases.release_history(data, current_data=evidence.data))
    written = [f"data/{p.name}" for p in sorted((site / "data").iterdir())]
    for path, text in conf["extra"][citation.KEY]["files"].items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.publish.site_files",
                                     description=__doc__)
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    try:
        written = write_site_files(args.config_file, args.site)
    except (DataError, FileNotFoundError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Wrote {len(written) + 1} files beside the pages of {args.site}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
