"""An article cut once into the pieces every rule reads: quotes, sentences, tokens and dates, and
for each sentence the items the attribution rules walk over."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from .dates import find_dates
from .quotes import find_quotes
from .segmentation import Sentence, split_sentences, tokenize


@dataclass
class Item:
    """A token of a sentence, or a whole quote standing in for its tokens, so that the rules
    looking for a speaker next to a verb step over a quote in one step."""

    start: int
    end: int
    text: str
    token: int | None  # index into the article's tokens; None for a quote
    quote: int | None = None

    # Worked out once: the rules ask each item these a dozen times over (a sixth of the
    # analysis time of a long article went to recomputing them as properties).
    low: str = field(init=False)
    word: bool = field(init=False)
    cap: bool = field(init=False)

    def __post_init__(self) -> None:
        self.low = self.text.casefold()
        self.word = self.token is not None and (self.text[0].isalnum() or self.text[0] == "_")
        self.cap = self.word and self.text[0].isupper()


class Article:
    """The text with its quotes, sentences, tokens (each marked with the quote it lies in) and
    date expressions (resolved against `published_on`). Read-only once made."""

    def __init__(self, text: str, language: str, published_on: date | None) -> None:
        self.text = text
        self.language = language
        self.published_on = published_on
        self.quotes = find_quotes(text)
        self.sentences = split_sentences(text, self.quotes)
        self.tokens = tokenize(text)
        self._token_starts = [token.start for token in self.tokens]
        for index, quote in enumerate(self.quotes):
            first = bisect.bisect_left(self._token_starts, quote.start)
            last = bisect.bisect_left(self._token_starts, quote.end)
            for token in self.tokens[first:last]:
                token.quote = index
        self.dates = find_dates(text, language=language, published_on=published_on)
        self._items: dict[tuple[int, int], list[Item]] = {}

    def items(self, sentence: Sentence) -> list[Item]:
        """The sentence's items, made once per sentence: several rules walk them. Callers
        read them and never change them."""
        key = (sentence.start, sentence.end)
        cached = self._items.get(key)
        if cached is None:
            cached = self._items[key] = self._make_items(sentence)
        return cached

    def _make_items(self, sentence: Sentence) -> list[Item]:
        items: list[Item] = []
        first = bisect.bisect_left(self._token_starts, sentence.start)
        last = bisect.bisect_left(self._token_starts, sentence.end)
        for i in range(first, last):
            token = self.tokens[i]
            if token.quote is None:
                items.append(Item(token.start, token.end, token.text, i))
            elif not items or items[-1].quote != token.quote:
                quote = self.quotes[token.quote]
                items.append(Item(quote.start, quote.end, "\u201c", None, token.quote))
        return items
