"""What the analysis hands back: `Suggestion` values with offsets into the text they came from,
one kind each, and their JSON form.

A quantity also says what it would be as a statement's estimate (`estimate_unit`, `estimate_kind`,
`refers_to` and its precision; figures.py), so that accepting it, or a statement around it, adds
a point to a chart.

A quote's or statement's `confidence` grades how its speaker was found (confidence.py): below
`SPEAKER_THRESHOLD` the editor is asked to check the speaker rather than handed it.

A citation's `text` is the phrase that says whom the article relies on ("according to Yonhap"),
`name` that party as written, `actor_id` the known actor it resolved to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .cast import Speaker
from .confidence import NOBODY, is_uncertain
from .figures import Figure
from .quantities import Quantity

QUOTE, STATEMENT, QUANTITY, ACTOR = "quote", "statement", "quantity", "actor"
CITATION = "citation"
KINDS = (QUOTE, STATEMENT, QUANTITY, ACTOR, CITATION)


@dataclass
class Suggestion:
    """One thing an editor may turn into a record; `text == article[start:end]`."""

    kind: str
    text: str
    start: int
    end: int
    speaker: str = ""
    actor_id: str | None = None
    stance_hint: str = ""
    said_on: date | None = None
    value: Decimal | None = None
    value_max: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    name: str = ""
    is_known: bool = False
    actor_kind: str = ""  # citations: the kind of actor the text says the cited party is
    # Quantities as an estimate: a claims.units.Unit value ("" when the unit is not listed),
    # observation or projection ("" for the editor), the moment referred to and its precision.
    estimate_unit: str = ""
    estimate_kind: str = ""
    refers_to: date | None = None
    refers_to_precision: str = ""
    unit_needs_decision: bool = False  # a German noun kept as written, for the editor to name
    # How sure the analysis is of a quote's or statement's speaker (confidence.py); 1.0 for
    # the other kinds until their rules grade them.
    confidence: float = 1.0

    @property
    def speaker_is_sure(self) -> bool:
        """Whether the speaker is proposed as it stands; else the editor is asked to check it."""
        return not is_uncertain(self.confidence)

    def as_dict(self) -> dict[str, object]:
        """The JSON form of `import_article --json`: common fields, then those of the kind."""
        data: dict[str, object] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.kind in (QUOTE, STATEMENT):
            data.update(
                speaker=self.speaker,
                actor_id=self.actor_id,
                stance_hint=self.stance_hint,
                said_on=self.said_on.isoformat() if self.said_on else None,
                confidence=self.confidence,
            )
        elif self.kind == QUANTITY:
            data.update(
                value=_json_number(self.value),
                value_max=_json_number(self.value_max),
                unit=self.unit,
                unit_needs_decision=self.unit_needs_decision,
                qualifier=self.qualifier,
                estimate_unit=self.estimate_unit,
                estimate_kind=self.estimate_kind,
                refers_to=self.refers_to.isoformat() if self.refers_to else None,
                refers_to_precision=self.refers_to_precision,
            )
        elif self.kind == CITATION:
            data.update(
                name=self.name,
                actor_id=self.actor_id,
                is_known=self.is_known,
                actor_kind=self.actor_kind,
            )
        else:
            data.update(name=self.name, actor_id=self.actor_id, is_known=self.is_known)
        return data


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def spoken_suggestion(
    text: str,
    kind: str,
    span: tuple[int, int],
    speaker: Speaker | None,
    stance: str,
    said_on: date | None,
) -> Suggestion:
    """A quote or statement of `text[span]`, said by `speaker` (None: nobody the text names)."""
    start, end = span
    entity = speaker.entity if speaker else None
    return Suggestion(
        kind=kind,
        text=text[start:end],
        start=start,
        end=end,
        speaker=speaker.as_written if speaker else "",
        actor_id=entity.actor.id if entity and entity.actor else None,
        stance_hint=stance,
        said_on=said_on,
        confidence=speaker.confidence if speaker else NOBODY,
    )


def quantity_suggestion(quantity: Quantity, figure: Figure) -> Suggestion:
    return Suggestion(
        kind=QUANTITY,
        text=quantity.text,
        start=quantity.start,
        end=quantity.end,
        value=quantity.value,
        value_max=quantity.value_max,
        unit=quantity.unit,
        qualifier=quantity.qualifier,
        estimate_unit=figure.unit,
        estimate_kind=figure.kind,
        refers_to=figure.refers_to,
        refers_to_precision=figure.refers_to_precision,
        unit_needs_decision=quantity.unit_kept,
    )
