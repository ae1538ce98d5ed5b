"""Every text a language still lacks, listed at once with file, line and column.

    python -m macros.publish.translations_cli --missing fr      (make translations LANGUAGE=fr)

The data's cells without their translation (data/translations_<language>.csv) and the
code's sentences without it (macros/i18n/locale/<language>/LC_MESSAGES/messages.po). Exits 1 when
anything is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..data.translations import LANGUAGE_NAMES, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.publish.translations_cli",
                                     description="List every text a language still lacks.")
    parser.add_argument("--missing", metavar="LANGUAGE", required=True,
                        help="the language whose missing texts are listed (fr)")
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder")
    args = parser.parse_args(argv)
    found = missing(args.data, args.missing)
    for line in found:
        print(line)
    words = LANGUAGE_NAMES.get(args.missing, args.missing)
    print(f"{len(found)} texts without their {words}." if found
          else f"Every text has its {words}.", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
