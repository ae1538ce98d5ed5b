"""A copy of the real data with cells of one row of one file changed, for tests that check
how the loader and checker take an edit."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from conftest import ROOT


def data_with_cells(tmp_path: Path, file: str, key_column: str, key: str,
                    **cells: str) -> Path:
    """data/ copied into tmp_path, with the row whose `key_column` is `key` in `file`
    given `cells`; returns the copy's folder."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / file
    table = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in table:
        if row[key_column] == key:
            row.update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")
    return data
