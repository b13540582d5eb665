"""Actors in the text: known ones matched through their names and aliases (tolerant of
inflection and small spelling differences), people named after a role title, later mentions by
surname; and the actor suggestions that come of them."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from .cast import Cast, KnownActor
from .segmentation import SUBTOKEN, datelines
from .suggestions import ACTOR, Suggestion
from .word_classes import is_function_word, noun_class, stem

FUZZY_NAME_RATIO = 0.85


@dataclass(frozen=True)
class _Alias:
    actor: KnownActor
    text: str
    capitalised: tuple[bool, ...]
    acronym: bool


# (token index, word part, its stem): "Kim Yo-jong" is four parts over two tokens.
_Part = tuple[int, str, str]


class _AliasIndex:
    """Aliases by their stems for exact matches, by word count and initial for fuzzy ones."""

    def __init__(self, actors: Sequence[KnownActor]) -> None:
        self.exact: dict[tuple[str, ...], list[_Alias]] = {}
        self.fuzzy: dict[tuple[int, str], list[tuple[str, _Alias]]] = {}
        for actor in actors:
            for name in dict.fromkeys(n.strip() for n in actor.names if n.strip()):
                parts = SUBTOKEN.findall(name)
                if not parts:
                    continue
                alias = _Alias(
                    actor,
                    name,
                    tuple(p[0].isupper() for p in parts),
                    len(parts) == 1 and parts[0].isupper() and len(parts[0]) <= 6,
                )
                self.exact.setdefault(tuple(stem(p) for p in parts), []).append(alias)
                if all(p[0].isupper() for p in parts) and (len(parts) > 1 or len(name) >= 6):
                    joined = " ".join(p.casefold() for p in parts)
                    self.fuzzy.setdefault((len(parts), joined[0]), []).append((joined, alias))
        self.lengths = sorted({len(key) for key in self.exact}, reverse=True)

    def match(self, window: list[_Part]) -> _Alias | None:
        return self._exact(window) or self._fuzzy(window)

    def _exact(self, window: list[_Part]) -> _Alias | None:
        candidates = self.exact.get(tuple(s for _, _, s in window), [])
        matching = []
        for alias in candidates:
            if alias.acronym and window[0][1] != alias.text:
                continue
            if any(
                cap and not part[0].isupper()
                for cap, (_, part, _) in zip(alias.capitalised, window, strict=True)
            ):
                continue
            matching.append(alias)
        if len({alias.actor.id for alias in matching}) == 1:
            return matching[0]
        return None  # unknown, or an alias two actors share: not ours to guess

    def _fuzzy(self, window: list[_Part]) -> _Alias | None:
        parts = [part for _, part, _ in window]
        if not all(p[0].isupper() and not p.isupper() for p in parts):
            return None
        if len(parts) == 1 and len(parts[0]) < 6:
            return None
        if any(is_function_word(p.casefold()) for p in parts):
            return None
        joined = " ".join(p.casefold() for p in parts)
        best, best_ratio = None, FUZZY_NAME_RATIO
        for candidate, alias in self.fuzzy.get((len(parts), joined[0]), []):
            matcher = difflib.SequenceMatcher(None, joined, candidate)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best, best_ratio = alias, ratio
        return best


def find_known_actors(cast: Cast, known_actors: Sequence[KnownActor]) -> None:
    """Mention every known actor the text names, longest alias first, then their surnames."""
    index = _AliasIndex(known_actors)
    if not index.exact:
        return
    article = cast.article
    parts: list[_Part] = []
    excluded = datelines(article.text)
    for i, token in enumerate(article.tokens):
        if any(lo <= token.start < hi for lo, hi in excluded):
            continue  # the agencies of the dateline are the publishers, not speakers
        if token.word:
            for part in SUBTOKEN.findall(token.text):
                parts.append((i, part, stem(part)))
    i = 0
    while i < len(parts):
        found = None
        for length in index.lengths:
            if i + length > len(parts):
                continue
            window = parts[i : i + length]
            if len({t for t, _, _ in window}) != window[-1][0] - window[0][0] + 1:
                continue  # words of a name are adjacent
            alias = index.match(window)
            if alias:
                found = (alias, length)
                break
        if found is None:
            i += 1
            continue
        alias, length = found
        first, last = parts[i][0], parts[i + length - 1][0]
        if not any(j in cast.mention_at for j in range(first, last + 1)):
            written = article.text[article.tokens[first].start : article.tokens[last].end]
            entity = cast.entity(
                f"known:{alias.actor.id}",
                alias.actor.names[0],
                actor=alias.actor,
                is_person=alias.actor.is_person,
            )
            cast.add_mention(first, last, entity)
            if alias.actor.is_person and len(written.split()) > 1 and " " in written:
                entity.name = written if len(written) > len(entity.name) else entity.name
        i += length
    _find_surname_mentions(cast)


def find_titled_people(cast: Cast) -> None:
    """Unknown people named after a role title: Innenminister Markus Feldhaus."""
    article = cast.article
    tokens = article.tokens
    for i, token in enumerate(tokens):
        if not token.word or token.quote is not None or noun_class(token.text) != "role":
            continue
        following = i + 1
        if following < len(tokens) and tokens[following].text == ".":
            following += 1  # Dr. Maria Santos
        run = _name_run(cast, following)
        if not run:
            continue
        first, last = run
        if any(j in cast.mention_at for j in range(first, last + 1)):
            continue
        written = article.text[tokens[first].start : tokens[last].end]
        if first == last and (written.endswith("s") or article.language == "en"):
            continue  # der Präsident Frankreichs: a genitive, not a name
        cast.person(first, last)
    _find_surname_mentions(cast)


def _name_run(cast: Cast, i: int) -> tuple[int, int] | None:
    """Tokens i..last of up to four capitalised words that may be a person's name."""
    tokens = cast.article.tokens
    last = None
    j = i
    while j < len(tokens) and j - i < 4:
        token = tokens[j]
        if not (token.word and token.cap and token.quote is None):
            break
        if is_function_word(token.low) or noun_class(token.text) is not None:
            break
        if token.text.isupper() and len(token.text) > 1 and j > i:
            break  # acronyms are organisations
        last = j
        j += 1
        # A middle initial: "Tom R. Gray III"
        if (
            len(token.text) == 1
            and j + 1 < len(tokens)
            and tokens[j].text == "."
            and tokens[j + 1].cap
            and j > i + 1
        ):
            j += 1
    return (i, last) if last is not None else None


def _find_surname_mentions(cast: Cast) -> None:
    """Later mentions of a person by surname alone (Wood after Robert Wood)."""
    for entity in list(cast.entities.values()):
        surname = entity.surname
        if not surname:
            continue
        for i, token in enumerate(cast.article.tokens):
            if (
                token.start > entity.first_start
                and i not in cast.mention_at
                and token.text in (surname, surname + "s", surname + "'s", surname + "’s")
            ):
                cast.add_mention(i, i, entity)


def actor_suggestions(cast: Cast) -> list[Suggestion]:
    """One suggestion per actor: known ones where first named, unknown people to create."""
    suggestions = []
    text = cast.article.text
    for entity in cast.entities.values():
        if entity.first_start < 0:
            continue
        if entity.actor is None and not entity.is_person:
            continue
        start, end = entity.first_start, entity.first_end
        suggestions.append(
            Suggestion(
                kind=ACTOR,
                text=text[start:end],
                start=start,
                end=end,
                name=entity.first_text if entity.actor else entity.name,
                actor_id=entity.actor.id if entity.actor else None,
                is_known=entity.actor is not None,
            )
        )
    return suggestions
