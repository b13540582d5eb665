"""The per-process token copies (api.token_memory): kept a second, then read afresh."""

from api import token_memory


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_token_is_kept_for_a_second_then_read_again(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(token_memory.time, "monotonic", clock)
    loads = []

    def load():
        loads.append(clock.now)
        return f"token read at {clock.now}"

    first = token_memory.recall("k", load)
    clock.now = 100.75
    assert token_memory.recall("k", load) == first  # another process's change: not seen yet
    clock.now = 101.25
    assert token_memory.recall("k", load) != first
    assert loads == [100.0, 101.25]


def test_forget_drops_this_process_copy_at_once(monkeypatch):
    monkeypatch.setattr(token_memory.time, "monotonic", Clock())
    token_memory.recall("k", lambda: "before")
    token_memory.forget(["k"])
    assert token_memory.recall("k", lambda: "after") == "after"


def test_made_up_keys_cannot_grow_the_copies_without_end(monkeypatch):
    monkeypatch.setattr(token_memory, "MAX_ENTRIES", 3)
    for n in range(10):
        token_memory.recall(f"made-up-{n}", lambda: None)
    assert len(token_memory._recent) <= 3
