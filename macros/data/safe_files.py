"""Only regular files that really are in the data folder are read or published.

The site copies data/ into what it publishes, and the build runs where the publishing
credentials are. A symbolic link (or a folder that leads elsewhere) in data/ could make the
build read, and publish, any file of the machine it runs on; so links, devices, pipes and
anything that resolves outside the folder stop the build with a DataError naming the entry.
"""

from __future__ import annotations

import stat
from pathlib import Path

from .errors import DataError

WHY = ("every file here is read by the build and published with the site, so each must be"
       " a plain file kept in this folder: replace it by a copy of the file it points to,"
       " or remove it")


def check_folder(folder: Path, shown: str) -> None:
    """The folder is a real folder of the project, and holds only plain files and folders."""
    folder = Path(folder)
    if folder.is_symlink() or not _inside(folder.resolve(), folder.parent.resolve()):
        raise DataError(shown, "expected a folder of the project, found a symbolic"
                        f" link to another place; {WHY}")
    for entry in sorted(folder.iterdir()):
        entry_shown = f"{shown.rstrip('/')}/{entry.name}"
        mode = entry.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise DataError(entry_shown, f"expected a plain file, found a symbolic link; {WHY}")
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise DataError(entry_shown, "expected a plain file, found a special file (a pipe,"
                            f" a socket or a device); {WHY}")


def regular_file(path: Path, shown: str) -> Path:
    """`path` itself, once it is known to be a plain file inside its own folder."""
    path = Path(path)
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        raise DataError(shown, "the file is missing; every file listed in the schema is"
                        f" required (expected {shown})") from None
    except OSError as exc:
        raise DataError(shown, "expected a file that can be read, found an error:"
                        f" {exc.strerror or exc}") from None
    if stat.S_ISLNK(mode):
        raise DataError(shown, f"expected a plain file, found a symbolic link; {WHY}")
    if stat.S_ISDIR(mode):
        raise DataError(shown, "expected a plain file, found a folder")
    if not stat.S_ISREG(mode):
        raise DataError(shown, "expected a plain file, found a special file (a pipe, a socket"
                        f" or a device); {WHY}")
    if not _inside(path.resolve(), path.parent.resolve()) or path.parent.is_symlink():
        raise DataError(shown, f"expected a file of this folder, found one elsewhere; {WHY}")
    return path


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
