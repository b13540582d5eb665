"""Who the article names, and where: the entities (known actors, people and organisations named
in the text, descriptions such as "the ministry") and their mentions by token.

Later rules ask the cast who a description or a surname refers to, so everything that names
someone registers here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .article import Article, Item
from .confidence import NAMED
from .segmentation import SUBTOKEN
from .word_classes import name_key, organisation_ending, stem


@dataclass(frozen=True)
class _Word:
    """A word standing in for a head noun: the part of a compound that names what it is."""

    text: str
    start: int


@dataclass(frozen=True)
class KnownActor:
    """An actor the newsroom already tracks: its id, its name first, then its aliases, and its
    kind (actors.models.ActorKind; empty when the caller does not say)."""

    id: str
    names: tuple[str, ...]
    is_person: bool = False
    kind: str = ""


@dataclass
class Entity:
    key: str
    name: str
    actor: KnownActor | None = None
    is_person: bool | None = None  # None until the text says
    first_start: int = -1
    first_end: int = -1
    first_text: str = ""
    gender: str | None = None  # "m", "f", "n" or "" once pronouns.py has asked the text
    learned_gender: str = ""  # "m" or "f" from a pronoun only this person could stand for

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1] if self.is_person and len(parts) > 1 else ""


@dataclass
class Mention:
    start: int
    end: int
    entity: Entity
    first_token: int
    last_token: int  # inclusive


@dataclass
class Speaker:
    """Who said something, as the sentence refers to them."""

    entity: Entity | None
    text: str
    end: int  # offset where the speaker's words end, for dating the statement
    named: bool = False  # text is the speaker's name as written (not "er", not "der Diplomat")
    weak: bool = False  # a bare word that may name a speaker (Moskau, die Nato) or may not
    confidence: float = NAMED  # how it was found (confidence.py)

    @property
    def as_written(self) -> str:
        """The name as the article writes it: here, or where the text first named the speaker;
        for people not yet known, their fullest name (which a new actor will be called)."""
        entity = self.entity
        if entity is None:
            return self.text
        if entity.actor is None:
            return entity.name
        return self.text if self.named else entity.first_text


class Cast:
    """The entities of one article; rules add to it as they find names, in text order."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.mention_at: dict[int, Mention] = {}  # token index → mention

    def entity(
        self,
        key: str,
        name: str,
        *,
        actor: KnownActor | None = None,
        is_person: bool | None = None,
    ) -> Entity:
        """The entity under `key`, made on first sight; a longer name found later replaces the
        name of one not known (Wood, then Robert Wood)."""
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = Entity(key, name, actor=actor, is_person=is_person)
        elif len(name) > len(entity.name) and entity.actor is None:
            entity.name = name
        return entity

    def add_mention(self, first: int, last: int, entity: Entity) -> Mention:
        tokens = self.article.tokens
        start, end = tokens[first].start, tokens[last].end
        mention = Mention(start, end, entity, first, last)
        self.mentions.append(mention)
        for index in range(first, last + 1):
            self.mention_at[index] = mention
        if entity.first_start < 0 or start < entity.first_start:
            entity.first_start, entity.first_end = start, end
            entity.first_text = self.article.text[start:end]
        return mention

    def by_name(self, written: str) -> Entity | None:
        """The entity already called `written`: by its name, surname or an alias."""
        key = name_key(written)
        for entity in self.entities.values():
            if name_key(entity.name) == key or (entity.surname and entity.surname == written):
                return entity
            if entity.actor and any(name_key(n) == key for n in entity.actor.names):
                return entity
        return None

    def person(self, first: int, last: int) -> Entity:
        """The person named by tokens first..last, registered as a person."""
        text = self.article.text
        written = text[self.article.tokens[first].start : self.article.tokens[last].end]
        written = re.sub(r"['’]s$", "", written)
        existing = self.by_name(written)
        if existing is not None:
            if existing.is_person is None:
                existing.is_person = True
            if first not in self.mention_at:
                self.add_mention(first, last, existing)
            return existing
        entity = self.entity(f"name:{name_key(written)}", written, is_person=True)
        self.add_mention(first, last, entity)
        return entity

    def description(self, text: str) -> Entity:
        """The body a description stands for when the text names no other ("county figures",
        "ein Sprecher des Verbands")."""
        return self.entity(f"org:{name_key(text)}", text, is_person=False)

    def refers_to(self, head: Item | _Word, *, definite: bool) -> Entity | None:
        """The entity named earlier whose name ends in the same noun: die Gewerkschaft →
        Gewerkschaft Hafen und Logistik, des Verbands → Zentralverband der Hafenbetriebe."""
        if not definite:
            return None
        head_stem = stem(re.split(r"[-‐‑]", head.text)[-1])
        if len(head_stem) < 4:
            return None
        candidates: list[tuple[int, Entity]] = []
        for entity in self.entities.values():
            if entity.first_start < 0 or entity.first_start >= head.start or entity.is_person:
                continue
            names = [entity.name, *(entity.actor.names if entity.actor else ())]
            if any(
                stem(word).endswith(head_stem) for name in names for word in SUBTOKEN.findall(name)
            ):
                last = max(m.start for m in self.mentions if m.entity is entity)
                candidates.append((last if last < head.start else entity.first_start, entity))
        if not candidates:
            # die Staatsagentur → Nachrichtenagentur KCNA: compounds sharing their last noun.
            ending = organisation_ending(head.text)
            if ending and stem(ending) != head_stem:
                return self.refers_to(_Word(ending, head.start), definite=definite)
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def last_person_before(self, offset: int) -> Entity | None:
        people = [m for m in self.mentions if m.entity.is_person and m.start < offset]
        return max(people, key=lambda m: m.start).entity if people else None
