"""A local static server for a built site that writes down every file it sends.

Bound to 127.0.0.1 on a free port, uncompressed. What a first visit transfers is read from
this log, so requests made late (the chart library a script loads on demand, the search
worker and its index) are counted like the rest. Responses may be cached for a few minutes,
as static hosts usually allow: the theme re-sets the address of every stylesheet once it
starts, which a browser answers from its cache, not with a second download.

The site is served at the path of its site_url, with the versions.json that the theme's
version menu asks for in the folder above, as releases are published. The theme's instant
navigation only takes over links listed in sitemap.xml, whose addresses start with the
configured site_url; the server writes the local address in their place when it sends the
sitemap (the log keeps the size of the file as built).
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Sent:
    path: str  # the URL path asked for, without the query
    file: Path  # the file sent for it
    size: int  # bytes of the body


@dataclass
class RequestLog:
    sent: list[Sent] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # paths answered with an error
    lock: threading.Lock = field(default_factory=threading.Lock)

    def snapshot(self) -> tuple[list[Sent], list[str]]:
        """Everything logged so far."""
        with self.lock:
            return list(self.sent), list(self.missing)


class _Handler(http.server.SimpleHTTPRequestHandler):
    log_to: RequestLog

    status = 0

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code
        super().send_response(code, message)

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        file = Path(self.translate_path(path))
        if self.site_url and path.endswith("/sitemap.xml") and file.is_file():
            return self._send_sitemap(path, file)
        body = super().send_head()
        with self.log_to.lock:
            if body is None or not hasattr(body, "name"):
                if self.status >= 400:
                    self.log_to.missing.append(path)
            else:
                file = Path(body.name).resolve()
                self.log_to.sent.append(Sent(path, file, file.stat().st_size))
        return body

    def _send_sitemap(self, path: str, file: Path) -> io.BytesIO:
        body = file.read_bytes().replace(self.site_url.encode(), self.base_url.encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with self.log_to.lock:
            self.log_to.sent.append(Sent(path, file.resolve(), file.stat().st_size))
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass


def _published_layout(site: Path, root: Path, folder: str) -> None:
    """`site` at `folder` under `root`, as the site_url's path; versions.json beside it."""
    target = root / folder.strip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(site.resolve(), target_is_directory=True)
    versions = [{"version": "current", "title": "current", "aliases": [target.name]}]
    (target.parent / "versions.json").write_text(json.dumps(versions), encoding="utf-8")


@contextmanager
def served(site: Path, site_url: str | None = None) -> Iterator[tuple[str, RequestLog]]:
    """Serve `site` on 127.0.0.1; yields the site's base URL (ending in '/') and the log.

    `site_url` is the address the site was built for (see the module docstring); the site
    is served at its path, where the not-found page, whose links are absolute, expects it."""
    folder = urlsplit(site_url).path if site_url else "/"
    folder = folder if folder.endswith("/") else folder + "/"
    if folder == "/":  # a preview's address: versions.json beside the site's own files
        with tempfile.TemporaryDirectory(prefix="served-") as root:
            for entry in site.iterdir():
                (Path(root) / entry.name).symlink_to(entry.resolve(),
                                                     target_is_directory=entry.is_dir())
            if not (site / "versions.json").exists():
                versions = [{"version": "current", "title": "current", "aliases": []}]
                (Path(root) / "versions.json").write_text(json.dumps(versions),
                                                          encoding="utf-8")
            with _serving(Path(root), site_url, folder) as (origin, log):
                yield origin, log
        return
    with tempfile.TemporaryDirectory(prefix="served-") as root, \
            _serving(Path(root), site_url, folder) as (origin, log):
        _published_layout(site, Path(root), folder)
        yield origin.rstrip("/") + folder, log


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser profile closed while a file was still being sent: not a server fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def _serving(root: Path, site_url: str | None, folder: str) -> Iterator[tuple[str, RequestLog]]:
    log = RequestLog()
    handler = type("Handler", (_Handler,), {"log_to": log, "site_url": site_url})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    handler.base_url = origin.rstrip("/") + folder
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield origin, log
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
