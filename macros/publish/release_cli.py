"""Commands for data releases, run from the project folder (DATA_DIR defaults to data):

    python -m macros.publish.release_cli current [DATA_DIR]
        print the current release name, after checking every kept release
    python -m macros.publish.release_cli title [DATA_DIR]
        print the current release as the version menu shows it: name and date
    python -m macros.publish.release_cli freeze [DATA_DIR]
        keep the current release in DATA_DIR/releases/<release>/ before editing the next
    python -m macros.publish.release_cli check-published VERSIONS_JSON [DATA_DIR]
        fail when a release listed in a published versions.json ('-': standard input)
        is neither the current release nor kept in DATA_DIR/releases/
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..data.errors import DataError
from ..evidence.releases import freeze, release_history, unkept_releases

# Command name -> how many arguments it requires.
COMMANDS = {"current": 0, "title": 0, "freeze": 0, "check-published": 1}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS or len(argv) - 1 < COMMANDS[argv[0]]:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[0], argv[1:]
    data_dir = Path(args[COMMANDS[command]] if len(args) > COMMANDS[command] else "data")
    try:
        if command in ("current", "title"):
            release = release_history(data_dir)[-1]
            print(release.name if command == "current" else
                  f"{release.name} ({release.date.isoformat()})")
        elif command == "freeze":
            print(f"Kept the current release in {freeze(data_dir)}/")
        else:
            text = sys.stdin.read() if args[0] == "-" else Path(args[0]).read_text("utf-8")
            published = [entry["version"] for entry in json.loads(text)]
            missing = unkept_releases(published, release_history(data_dir))
            if missing:
                print(
                    f"Published release(s) {', '.join(missing)} not kept in"
                    f" {data_dir}/releases/: What's new could not say what changed since"
                    " them. Restore each folder from the commit that published it.",
                    file=sys.stderr,
                )
                return 1
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
