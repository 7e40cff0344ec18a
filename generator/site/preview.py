"""Serve a built site on localhost (``plansite preview``, browser tests, benchmarks).

The site's search fetches its index with ``fetch``, which browsers refuse for
``file://`` pages, so the built site is looked at over HTTP.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A path that is not in the site gets the site's own 404 page (the English one under
        ``/en/``), with status 404, as static hosts serve it."""
        page = Path(self.directory) / ("en/404.html" if self.path.startswith("/en/") else "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path, port: int = 0, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``site`` in a background thread; yields the origin (``http://127.0.0.1:PORT``)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
