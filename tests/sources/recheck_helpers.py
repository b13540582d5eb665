"""Pages, sources and a one-call check for the re-check tests."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from sources import recheck, services
from sources.models import Source
from tests.factories import SourceFactory


def page(*paragraphs: str, title: str = "Nordkorea schickt Soldaten") -> str:
    """An article page with navigation and a footer around the main text, as newsrooms serve."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>© Example News. All rights reserved.</footer></body></html>"
    )


ARTICLE = [
    "Seoul (dpa) – Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes "
    "1.500 Soldaten nach Russland geschickt.",
    "„Wir verfolgen die Lage genau“, sagte ein Sprecher des Außenministeriums in Seoul.",
    "Moskau und Pjöngjang wiesen die Berichte zunächst zurück; der Kreml sprach von "
    "Falschmeldungen.",
]


def source_at(url: str, **fields) -> Source:
    return SourceFactory(url=url, **fields)


def check_now(source: Source) -> services.CheckOutcome:
    """Lease a check of `source` now and run it, as the foreground command does."""
    check = services.lease_check_now(source, now=timezone.now())
    outcome = recheck.check_source(check.source_id, due_at=check.due_at)
    source.refresh_from_db()
    return outcome


@contextmanager
def hanging_up_tcp_server() -> Iterator[tuple[int, list[int]]]:
    """A TCP server on 127.0.0.1 that accepts and hangs up at once: a network error on every
    attempt. Yields (port, accepted), where accepted grows by one per connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[int] = []
    listener.settimeout(0.1)  # so the thread notices the end of the test
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(1)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join(5)
        listener.close()
