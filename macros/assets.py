"""Files the built site serves besides its pages: the data files and the Plotly bundle."""

from __future__ import annotations

import shutil
from pathlib import Path

from .load import PUBLISHED_SUFFIXES

# The partial plotly.js bundle (bar and scatter traces), installed from package-lock.json.
# Its version matches the plotly.js that plotly.py writes figures for.
PLOTLY_BUNDLE = Path("node_modules/plotly.js-basic-dist-min/plotly-basic.min.js")
PLOTLY_TARGET = Path("assets/vendor/plotly-basic.min.js")


def copy_site_assets(data_dir: Path, site_dir: Path) -> None:
    project = data_dir.parent
    target = site_dir / "data"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(data_dir.iterdir()):
        if path.is_file() and path.suffix.lower() in PUBLISHED_SUFFIXES:
            shutil.copyfile(path, target / path.name)
    bundle = project / PLOTLY_BUNDLE
    if not bundle.is_file():
        raise FileNotFoundError(
            f"{PLOTLY_BUNDLE} is missing: run 'make site', which installs it with npm ci"
        )
    (site_dir / PLOTLY_TARGET).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bundle, site_dir / PLOTLY_TARGET)
