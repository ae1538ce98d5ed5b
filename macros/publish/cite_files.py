"""MkDocs hook: the citation files (BibTeX, RIS) become files of the site.

macros/evidence/citation.py prepares them from the study record while the configuration is read
(config.extra.cite.files); this hook adds them through MkDocs' own files mechanism, so they
are published, served by `mkdocs serve` and seen by link checking like any other file.
"""

from __future__ import annotations

from mkdocs.structure.files import File


def on_files(files, config):
    for path, content in (config["extra"].get("cite") or {}).get("files", {}).items():
        files.append(File.generated(config, path, content=content))
    return files
