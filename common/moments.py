"""Which moment an answer is for, on the two clocks (design.md, "Two clocks").

- `as_of`, the knowledge clock: what the newsroom knew then — the rows recorded by then, each as
  it read then, the verdict in force then.
- `said_by`, the event clock: what had been said, published or decided by then, whenever it was
  recorded.

Both come from the query string of the API and of the pages as a date (`2024-10-23`: the end of
that day in the newsroom's time zone) or a date-time (`2024-10-23T14:00:00+02:00`; without an
offset, in the newsroom's time zone).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

# Answers for a moment this recent may still change: a write recorded at T commits a little
# later, so a reader at T + a few seconds could miss it. Past this, an answer is final and may
# be kept by clients for good (claims.api: strong ETag, immutable Cache-Control).
SETTLED_AFTER = timedelta(minutes=1)


class MomentError(ValueError):
    """A moment that cannot be answered for, with a message for the person who gave it."""


@dataclass(frozen=True)
class Moment:
    """The moment an answer is for; both None means now, as the live rows read."""

    as_of: datetime | None = None
    said_by: datetime | None = None

    @property
    def is_now(self) -> bool:
        return self.as_of is None and self.said_by is None

    @property
    def is_settled(self) -> bool:
        """Whether the answer can no longer change (see SETTLED_AFTER)."""
        if self.as_of is None:
            return False  # the knowledge clock is now: a statement recorded later changes it
        return self.as_of <= timezone.now() - SETTLED_AFTER


NOW = Moment()


def parse_moment(value: str, *, now: datetime | None = None) -> datetime:
    """The moment `value` names, as an aware date-time; MomentError when it is not one or is in
    the future. A date is the end of that day in the newsroom's time zone; today's date, whose
    end has not come yet, means now."""
    now = now or timezone.now()
    text = value.strip()
    moment: datetime
    try:
        day = parse_date(text)
        parsed = None if day else parse_datetime(text)
    except ValueError as exc:  # well formed, impossible: 2024-02-30, an offset beyond ±24 h
        raise MomentError(_("“%(value)s” is not a real date or time.") % {"value": value}) from exc
    if day is not None:
        moment = end_of_day(day)
        if moment > now and day == timezone.localdate(now):
            return now
    elif parsed is not None:
        moment = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
    else:
        raise MomentError(
            _("Give a date (2024-10-23) or a date and time (2024-10-23T14:00:00+02:00).")
        )
    if moment > now:
        raise MomentError(
            _("%(value)s is in the future: nothing is known about it yet.") % {"value": value}
        )
    return moment.astimezone(UTC)  # an offset PostgreSQL cannot hold (beyond ±15:59) is fine


def end_of_day(day: date) -> datetime:
    """The last instant of `day` in the newsroom's time zone."""
    return timezone.make_aware(datetime.combine(day, time.max))
