"""API tokens this web process read in the last second: the one per-process cache.

Why it exists, measured side by side on the million-claim data set (docs/benchmarks.md, "A
token copy per process"): a polling client's verdict GET pays one shared-cache round trip for its
token and one for the verdict. Without this copy the 304 path answers 0.74 times the bare baseline,
below the 0.8 target; with it, it answers above it. Only tokens are kept here, never a claim's
verdict, so a client always sees its own write whichever process answers.

The price: a token revoked, edited or left by its deactivated user in one web process still
works in the others for at most PROCESS_SECONDS; in the process that made the change it stops at
once (`forget`).
"""

import time
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

PROCESS_SECONDS = 1.0
# Keys are hashes of keys clients sent, so a flood of made-up keys must not grow this without end.
MAX_ENTRIES = 10_000

_recent: dict[str, tuple[float, object]] = {}


def recall(key: str, load: Callable[[], T]) -> T:
    """`load()`'s value, from this process's copy while it is younger than PROCESS_SECONDS."""
    now = time.monotonic()
    kept = _recent.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]  # type: ignore[return-value]  # stored by this function from load()
    value = load()
    if len(_recent) >= MAX_ENTRIES:
        _recent.clear()
    _recent[key] = (now + PROCESS_SECONDS, value)
    return value


def forget(keys: Iterable[str]) -> None:
    for key in keys:
        _recent.pop(key, None)


def forget_all() -> None:
    """Empty this process's copies (tests do, between tests)."""
    _recent.clear()
