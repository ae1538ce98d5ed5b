"""The newest release's Atom feed copied to the root of its language on the published branch
(feed.xml, fr/feed.xml), the address that pages link to and readers subscribe to: each
release's own folder keeps the feed as it was then, and mike writes nothing at the root but
its redirect.

Run by make deploy after mike has committed a release:
    python -m macros.publish.stable_feed BRANCH RELEASE [PREFIX]
It adds one commit to the local BRANCH, or none when the root feed is already the same.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

PATH = "feed.xml"  # each language's feed, in each release's folder and at its root


def _git(*args: str, env: dict | None = None) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def copy_to_root(branch: str, release: str, prefix: str = "") -> bool:
    """Commit `<prefix>/<release>/feed.xml` of `branch` as `<prefix>/feed.xml`. False when
    the release has no feed or the root's is already the same."""
    at = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    ref = f"refs/heads/{branch}"
    tip = _git("rev-parse", "--verify", ref)
    try:
        blob = _git("rev-parse", "--verify", f"{tip}:{at}{release}/{PATH}")
    except subprocess.CalledProcessError:
        return False
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "GIT_INDEX_FILE": os.path.join(scratch, "index")}
        _git("read-tree", tip, env=env)
        _git("update-index", "--add", "--cacheinfo", f"100644,{blob},{at}{PATH}", env=env)
        tree = _git("write-tree", env=env)
    if tree == _git("rev-parse", f"{tip}^{{tree}}"):
        return False
    message = f"Feed of release {release} at {at}{PATH}"
    commit = _git("commit-tree", tree, "-p", tip, "-m", message)
    _git("update-ref", ref, commit, tip)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("branch")
    parser.add_argument("release")
    parser.add_argument("prefix", nargs="?", default="")
    args = parser.parse_args(argv)
    try:
        copy_to_root(args.branch, args.release, args.prefix)
    except subprocess.CalledProcessError as error:
        print(f"Could not put the feed at the root of {args.branch}: {error.stderr.strip()}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
