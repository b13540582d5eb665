"""Random draws the generator makes millions of times, kept cheap and reproducible."""

import math
import random
from collections.abc import Mapping
from enum import Enum
from typing import Generic, TypeVar

T = TypeVar("T")


class Picker(Generic[T]):
    """Weighted choice by table lookup: one getrandbits call per draw, no float arithmetic.

    A model choice is drawn as its plain value: the rows and payloads format these millions of
    times, and a choice member formats through a Python-level __str__ (measured: 10% of
    generating time).
    """

    BITS = 10

    def __init__(self, weights: Mapping[T, float]) -> None:
        total = sum(weights.values())
        size = 1 << self.BITS
        table: list[T] = []
        cumulative = 0.0
        for value, weight in weights.items():
            value = value.value if isinstance(value, Enum) else value
            cumulative += weight
            while len(table) < round(cumulative / total * size):
                table.append(value)
        self.table = table

    def __call__(self, rng: random.Random) -> T:
        return self.table[rng.getrandbits(self.BITS)]


def uuid4_text(rng: random.Random) -> str:
    """str(uuid.UUID(int=rng.getrandbits(128), version=4)), without building the object."""
    h = f"{rng.getrandbits(128):032x}"
    variant = "89ab"[int(h[16], 16) & 3]
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:]}"


def nice_number(rng: random.Random, low: float, high: float, decimals: int) -> float:
    """Log-uniform in [low, high], rounded the way officials round (1,500; 12,000; 3.5)."""
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    if decimals:
        return round(value, decimals)
    digits = max(0, int(math.log10(value)) - 1)
    return float(round(value, -digits))


def statement_counts(mean: float, size: int = 4096) -> list[int]:
    """A lookup table of statement counts with the given mean: a few claims have none, most
    have a handful, some many (a geometric tail)."""
    share_empty = 0.06
    tail = max(mean / (1 - share_empty) - 1, 0.0)
    p = 1 / (1 + tail)
    counts = []
    for i in range(size):
        q = (i + 0.5) / size
        if q < share_empty:
            counts.append(0)
        elif p >= 1:
            counts.append(1)
        else:
            q = (q - share_empty) / (1 - share_empty)
            counts.append(1 + min(60, int(math.log(1 - q) / math.log(1 - p))))
    return counts
