"""python -m macros.publish.new_study DIR: a new study's site, ready to edit (see __init__)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import NewStudyError, write


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m macros.publish.new_study DIR", file=sys.stderr)
        return 2
    try:
        write(Path(args[0]))
    except NewStudyError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"A new study's site is in {args[0]}/: edit data/ and docs/ (README.md says how),"
          f" then run 'make site' there.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
