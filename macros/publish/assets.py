"""Files the built site serves besides its pages: the data files and the Plotly bundle."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..data.load import PUBLISHED_SUFFIXES
from ..data.safe_files import check_folder, regular_file

# The partial plotly.js bundle (bar and scatter traces), installed from package-lock.json.
# Its version matches the plotly.js that plotly.py writes figures for.
PLOTLY_BUNDLE = Path("node_modules/plotly.js-basic-dist-min/plotly-basic.min.js")
PLOTLY_TARGET = Path("assets/vendor/plotly-basic.min.js")


def copy_site_assets(data_dir: Path, site_dir: Path) -> None:
    """Publish the data files (plain files of data/ only: a link stops with a DataError)."""
    project = data_dir.parent
    target = site_dir / "data"
    target.mkdir(parents=True, exist_ok=True)
    check_folder(data_dir, f"{data_dir.name}/")
    for path in sorted(data_dir.iterdir()):
        if path.suffix.lower() in PUBLISHED_SUFFIXES and not path.is_dir():
            regular_file(path, f"{data_dir.name}/{path.name}")
            shutil.copyfile(path, target / path.name, follow_symlinks=False)
    bundle = project / PLOTLY_BUNDLE
    if not bundle.is_file():
        raise FileNotFoundError(
            f"{PLOTLY_BUNDLE} is missing: run 'make site', which installs it with npm ci"
        )
    (site_dir / PLOTLY_TARGET).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bundle, site_dir / PLOTLY_TARGET)
