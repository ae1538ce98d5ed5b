"""The deploy's checks of the site's address (make deploy-build), before and after building.

    python -m macros.publish.address_check check-url URL   exit 1 unless URL can be published
    python -m macros.publish.address_check check SITE_DIR  exit 1 if the built sitemap lists an
                                                   address that cannot be published
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from ..evidence.address import placeholder_reason


def sitemap_addresses(site_dir: Path) -> list[str]:
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return []
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ET.parse(path).getroot()  # noqa: S314 - the build's own file
    return [loc.text or "" for loc in root.iter(f"{namespace}loc")]


def check_built(site_dir: Path) -> list[str]:
    """Problems with the addresses a built site prints, one sentence each."""
    problems = []
    for url in sitemap_addresses(site_dir)[:1]:  # every entry shares the site's address
        reason = placeholder_reason(url)
        if reason:
            problems.append(f"{site_dir}/sitemap.xml lists {url}, which cannot be published:"
                            f" {reason}.")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "check-url":
        reason = placeholder_reason(argv[1])
        if reason:
            print(f"Refusing to publish the site at '{argv[1] or '(no address)'}': {reason}"
                  " (the deploy's SITE_URL).", file=sys.stderr)
            return 1
        return 0
    if len(argv) >= 2 and argv[0] == "check":
        problems = [p for d in argv[1:] for p in check_built(Path(d))]
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
