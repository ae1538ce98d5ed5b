"""Where the site is served from, and whether a build has a real address at all.

A build without SITE_URL (make site, make serve, the tests' builds) gets the address of the
live preview, http://127.0.0.1:8000/ (mkdocs serve's own): it is a local preview, and every
place that prints an address says so instead of printing one. `make deploy` refuses to
publish a build for the preview's address or for a placeholder domain (example.org, .test,
.invalid ...): its citations, canonical links and sitemap would point nowhere.

Published releases live each at its own path, English under <site>/<release>/ and French
under <site>/fr/<release>/ (mike, make deploy). In mike's builds its plugin has already
appended the release to site_url, so the release's address is site_url itself.
The deploy's checks of an address are in macros/publish/address_check.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit

PREVIEW_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url (mkdocs serve's)
# Names reserved for examples and tests (RFC 2606, RFC 6761): never a published site.
_RESERVED = ("example.org", "example.com", "example.net")
_RESERVED_SUFFIXES = (".example", ".invalid", ".test",
                      ".example.org", ".example.com", ".example.net")


def is_preview(site_url: str | None) -> bool:
    """True when the address is the live preview's (a build that was given no address)."""
    if not site_url:
        return True
    parts = urlsplit(site_url)
    return f"{parts.scheme}://{parts.netloc}/" == PREVIEW_URL


def placeholder_reason(site_url: str | None) -> str | None:
    """Why this address cannot be published, or None when it can."""
    if is_preview(site_url):
        return ("it is the local preview's address: set SITE_URL to the address the site is"
                " served from")
    parts = urlsplit(str(site_url))
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return "it is not an http(s) address"
    if host in _RESERVED or host.endswith(_RESERVED_SUFFIXES):
        return f"{host} is a name reserved for examples, not a real address"
    return None


def release_url(site_url: str, release: str) -> str:
    """The address of one data release's pages, ending in '/'.

    A normal build's site_url is the site's root: the release is published below it. In a
    build run by mike, site_url already ends with the release (mike's plugin joins them)."""
    base = site_url.rstrip("/")
    if base.rsplit("/", 1)[-1] == release:
        return base + "/"
    return f"{base}/{release}/"
