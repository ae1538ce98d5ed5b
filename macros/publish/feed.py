"""An Atom feed of the data releases, one per language (feed.xml at the root of each
language's site), made with feedgen: one entry per release, newest first, dated by the
release, saying which reported numbers changed since the release before it (the same
comparison as the What's new page, macros/evidence/releases.py).

`atom_feed` is a plain function; the build adds its text to the site's files (the hook
macros/publish/cite_files.py), so it is published, served and link-checked like any page.
Each release's folder keeps the feed as it was then; `make deploy` also copies the newest
release's feed to the root of its language (macros/publish/stable_feed.py), the address
that pages link to and readers subscribe to.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from ..evidence.address import release_url
from ..evidence.releases import Release, compare
from ..i18n import _, language
from .stable_feed import PATH


def site_root(site_url: str, release: str) -> str:
    """The site's root address for one language: mike's builds end site_url with the
    release, which is taken off again."""
    return release_url(site_url, release).removesuffix(f"{release}/")


def stable_url(site_url: str, release: str) -> str:
    """The feed's address that stays the same from release to release: at the root of the
    language's site, where make deploy puts the newest release's feed."""
    return site_root(site_url, release) + PATH


def _when(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _changes_text(older: Release | None, release: Release) -> str:
    if older is None:
        return _("The first release of this summary: there is no earlier release to compare it"
                 " with.")
    changes = compare(older, release)
    if not changes:
        return _("No reported number changed since release {name}.").format(name=older.name)
    lines = [_("Numbers that changed from release {older} to release {newer}:").format(
        older=older.name, newer=release.name)]
    for c in changes:
        lines.append(_("{what}: {before} → {now}").format(
            what=c.what, before=c.before or _("not reported then"),
            now=c.now or _("no longer reported")))
    return "\n".join(lines)


def atom_feed(history: list[Release], site_name: str, site_url: str) -> str:
    """The feed's XML. `history`: every release, oldest first, the current one last;
    `site_url`: this language's site_url as the build has it."""
    current = history[-1]
    root = site_root(site_url, current.name)
    here = site_url.rstrip("/") + "/"  # where this build is served: its own pages
    feed = FeedGenerator()
    feed.id(root + PATH)
    feed.title(_("{site}: data releases").format(site=site_name))
    feed.subtitle(_("Each data release of the evidence summary, with the reported numbers that"
                    " changed."))
    feed.language(language())
    # Its own address is the stable one, which is where readers subscribe.
    feed.link(href=root + PATH, rel="self", type="application/atom+xml")
    feed.link(href=here + "whats-new/", rel="alternate", type="text/html")
    feed.updated(_when(current.date))
    for index, release in enumerate(history):
        page = release_url(root, release.name) + "whats-new/"
        entry = feed.add_entry(order="prepend")
        entry.id(page)
        entry.title(release.title)
        entry.link(href=page, rel="alternate", type="text/html")
        entry.published(_when(release.date))
        entry.updated(_when(release.date))
        entry.content(_changes_text(history[index - 1] if index else None, release),
                      type="text")
    return feed.atom_str(pretty=True).decode("utf-8")
