"""A static file server on 127.0.0.1 for benchmarks and browser tests (the site needs no server)."""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

# What a static host such as GitHub Pages sends gzip-compressed.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    compress = False
    cache: ClassVar[dict[str, bytes]] = {}  # per server: serve() makes a subclass

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        if self.compress and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, ctype = self._compressed()
            if body is not None:
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()

    def _compressed(self) -> tuple[bytes | None, str]:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return None, ""  # the parent class redirects to the slash
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return None, ""
        ctype = self.guess_type(path)
        if not ctype.startswith(COMPRESSIBLE):
            return None, ""
        if path not in self.cache:
            with open(path, "rb") as handle:
                self.cache[path] = gzip.compress(handle.read(), compresslevel=6, mtime=0)
        return self.cache[path], ctype


@contextmanager
def serve(folder: Path, port: int = 0, compress: bool = False):
    """Serve ``folder`` at http://127.0.0.1:PORT/ for the duration of the block; yields the URL.

    With ``compress``, text, JavaScript, JSON and SVG go out gzip-compressed (level 6) to clients
    that accept it, as a static host serves them; otherwise every file is sent as it is.
    """
    handler_class = type("_Handler", (_QuietHandler,), {"compress": compress, "cache": {}})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
