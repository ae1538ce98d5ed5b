"""MkDocs hook: the PDFs of the evidence brief, as files of the site that links may name.

The PDFs are printed from the built brief page (python -m macros.publish.brief_pdf SITE_DIR), so
they are made after the build. Here they are declared to MkDocs before it, so that link
checking knows them and writes their relative addresses:
- by default as files excluded from the build (MkDocs resolves a link to an excluded file
  and says so at the INFO level only; nothing is written), then `make site` prints them
  into the built site;
- with BRIEF_PDF_DIR naming a folder of PDFs already printed (make deploy-build prints them
  from the checked build first), as files of the site, copied from there: mike's build,
  which it commits as the release, then carries them.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

# Where each paper size's PDF lives in the site.
PDFS = {"A4": "brief/evidence-brief.pdf", "Letter": "brief/evidence-brief-letter.pdf"}
PAGE = "brief/index.html"  # the built page they are printed from
FOLDER_ENV = "BRIEF_PDF_DIR"


def on_files(files, config):
    folder = os.environ.get(FOLDER_ENV)
    for path in PDFS.values():
        if not folder:
            files.append(File.generated(config, path, content=b"",
                                        inclusion=InclusionLevel.EXCLUDED))
            continue
        source = Path(folder) / Path(path).name
        if not source.is_file():
            raise PluginError(f"{FOLDER_ENV} is {folder}, which holds no {source.name}: print"
                              " the brief first (python -m macros.publish.brief_pdf SITE_DIR --out"
                              f" {folder}).")
        files.append(File.generated(config, path, abs_src_path=str(source.resolve())))
    return files
