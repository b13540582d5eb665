"""What attribution carries from one sentence to the next, as one explicit object: who spoke
last (a quote without attribution continues them), everyone who has spoken (pronouns and "a
spokesman" refer back to them), and the dates each paragraph has established so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .cast import Entity, Speaker


@dataclass(frozen=True)
class Turn:
    sentence: int
    speaker: Speaker
    said_on: date | None


@dataclass
class Discourse:
    last_turn: Turn | None = None
    spoken: list[Entity] = field(default_factory=list)  # every named speaker so far, latest last
    # Sentences whose only job is to name the speaker of the quote before them ("Das sagte X.").
    attribution_only: set[int] = field(default_factory=set)
    narrative_dates: dict[int, date] = field(default_factory=dict)  # paragraph → latest date
    said_by: dict[tuple[int, str], date | None] = field(default_factory=dict)  # (paragraph, key)

    def continuing(self, sentence: int) -> Turn | None:
        """The previous sentence's turn, which this one may continue."""
        turn = self.last_turn
        return turn if turn is not None and turn.sentence == sentence - 1 else None

    def remember(
        self, sentence: int, speaker: Speaker, said_on: date | None, *, paragraph: int
    ) -> None:
        self.last_turn = Turn(sentence, speaker, said_on)
        entity = speaker.entity
        if entity is None:
            return
        if said_on is not None or (paragraph, entity.key) not in self.said_by:
            self.said_by[(paragraph, entity.key)] = said_on
        if entity in self.spoken:
            self.spoken.remove(entity)
        self.spoken.append(entity)

    def last_speaker(self, *, person: bool) -> Entity | None:
        for entity in reversed(self.spoken):
            if bool(entity.is_person) == person:
                return entity
        return None

    def date_for(self, speaker: Speaker, found: date | None, *, paragraph: int) -> date | None:
        """A statement's date: the one found next to it, else the date the same speaker last
        spoke on in the paragraph, else the paragraph's narration's latest date."""
        if found is not None:
            return found
        if speaker.entity is not None:
            inherited = self.said_by.get((paragraph, speaker.entity.key))
            if inherited is not None:
                return inherited
        return self.narrative_dates.get(paragraph)
