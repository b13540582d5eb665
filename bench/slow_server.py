"""A local HTTP server that answers every GET after a fixed delay (for bench/recheck.py).

    python bench/slow_server.py PORT [DELAY_SECONDS]

Two kinds of page, both answered only after the delay:

- `/changed/...`: a page whose text differs on every request (a request counter in the
  article), without validators, so every re-check reads it in full and records a change.
- any other path (`/unchanged/...`): the same page every time, with an ETag and a
  Last-Modified; a request carrying a matching If-None-Match (or, without one, an
  If-Modified-Since at or after Last-Modified) gets 304 Not Modified and no body.
"""

import itertools
import sys
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
PARAGRAPH = "North Korea has sent soldiers to Russia, the intelligence service said. " * 20
UNCHANGED = (
    "<html><head><title>bench</title></head><body><article><h1>Unchanged</h1>"
    f"<p>{PARAGRAPH}</p></article></body></html>"
).encode()
ETAG = '"bench-unchanged-1"'
LAST_MODIFIED_EPOCH = 1_700_000_000  # 2023-11-14
LAST_MODIFIED = formatdate(LAST_MODIFIED_EPOCH, usegmt=True)
_requests = itertools.count(1)  # next() on a count is atomic under the GIL


class Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

    def do_GET(self) -> None:
        time.sleep(DELAY)
        if self.path.startswith("/changed"):
            self._changed()
        else:
            self._unchanged()

    def _changed(self) -> None:
        number = next(_requests)
        body = (
            "<html><head><title>bench</title></head><body><article><h1>Changed</h1>"
            f"<p>{PARAGRAPH}</p><p>Update number {number} of this page.</p></article>"
            "</body></html>"
        ).encode()
        self._send(200, body)

    def _unchanged(self) -> None:
        if self._not_modified():
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            return
        self._send(200, UNCHANGED, ("ETag", ETAG), ("Last-Modified", LAST_MODIFIED))

    def _not_modified(self) -> bool:
        # RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
            return "*" in tags or ETAG in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError):
                return False
            return since >= LAST_MODIFIED_EPOCH
        return False

    def _send(self, status: int, body: bytes, *headers: tuple[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # many workers' threads connect at once


if __name__ == "__main__":
    Server(("127.0.0.1", int(sys.argv[1])), Slow).serve_forever()
