"""What the four story pages (overview, topic, claim, actor) share: the moment they show, read
by the date control from the query string (`?as_of=2024-10-23`, `&said_by=…`), the banner over
a past view and the "What changed since…" panel (templates/claims/_moment.html, _changes.html).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils import formats, timezone

from actors.models import Actor
from common.moments import Moment, end_of_day

from . import selectors
from .forms import MomentForm, SinceForm
from .models import Claim, Topic
from .selectors.compare import Change, changes_between

# The panel lists the latest changes up to this many; a busier week says how many it left out.
CHANGES_SHOWN = 50
# The overview's panel lists the busiest topics up to this many and says how many it left out.
TOPICS_SHOWN = 15


@dataclass(frozen=True)
class Viewing:
    """The moment a page shows and the date control that chose it."""

    moment: Moment
    form: MomentForm
    params: dict[str, str] = field(default_factory=dict)  # as_of / said_by as given, when valid

    @property
    def query(self) -> str:
        """`?as_of=…` to keep the moment on the page's links and API requests; "" now."""
        return f"?{urlencode(self.params)}" if self.params else ""

    @property
    def is_past(self) -> bool:
        return not self.moment.is_now

    @property
    def as_of_label(self) -> str:
        return _label(self.moment.as_of)

    @property
    def said_by_label(self) -> str:
        return _label(self.moment.said_by)

    @property
    def as_of_value(self) -> str:
        return self._field_value("as_of")

    @property
    def said_by_value(self) -> str:
        return self._field_value("said_by")

    def _field_value(self, name: str) -> str:
        """What a date field shows: the day of a valid moment, or what was typed."""
        moment = getattr(self.moment, name)
        if moment is not None:
            return timezone.localdate(moment).isoformat()
        return str(self.form.data.get(name, ""))


def viewing(request: HttpRequest) -> Viewing:
    """The moment named by the request's `as_of` and `said_by`; now when they name none, with
    the reasons next to the date fields."""
    form = MomentForm(request.GET)
    form.is_valid()
    return Viewing(moment=form.moment, form=form, params=form.query())


def _label(moment: datetime | None) -> str:
    """A moment in the page's language: the day alone when it is the end of a day."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    whole_day = local == end_of_day(local.date())
    return formats.date_format(local, "DATE_FORMAT" if whole_day else "DATETIME_FORMAT")


@dataclass(frozen=True)
class ChangesPanel:
    form: SinceForm
    since: datetime
    until: datetime
    changes: list[Change]
    earlier: int  # changes left out of the list, before its first
    # On the overview, which has no one topic, claim or actor: what was entered, by topic.
    by_topic: list[selectors.TopicEntries] | None = None
    topic_query: str = ""  # ?as_of=…&since=… for the links to each topic's own panel

    @property
    def busiest_topics(self) -> list[selectors.TopicEntries]:
        """The overview's topics with most entered, up to TOPICS_SHOWN, by title."""
        busiest = sorted(
            self.by_topic or [],
            key=lambda e: (-(e.claims + e.statements + e.verdict_changes), e.topic.title),
        )[:TOPICS_SHOWN]
        return sorted(busiest, key=lambda entry: entry.topic.title)

    @property
    def topics_left_out(self) -> int:
        return max(0, len(self.by_topic or []) - TOPICS_SHOWN)

    @property
    def since_label(self) -> str:
        return formats.date_format(timezone.localtime(self.since), "DATE_FORMAT")

    @property
    def until_label(self) -> str:
        return _label(self.until)

    @property
    def since_value(self) -> str:
        if self.form.errors:
            return str(self.form.data.get("since", ""))
        return timezone.localdate(self.since).isoformat()

    @property
    def latest_day(self) -> str:
        """The last day the panel can start from: the day before the one shown."""
        return (timezone.localdate(self.until) - timedelta(days=1)).isoformat()


def moment_context(
    request: HttpRequest,
    shown: Viewing,
    *,
    topic: Topic | None = None,
    claim: Claim | None = None,
    actor: Actor | None = None,
) -> dict[str, Any]:
    """The template context of the date control, the banner and the changes panel of a page
    about a topic, a claim, an actor or (none given) everything: the overview."""
    # The panel compares what was known on two days: the knowledge clock, whatever said_by says.
    until = shown.moment.as_of or timezone.now()
    since_form = SinceForm(request.GET, until=until)
    picked = since_form.cleaned_data["since"] if since_form.is_valid() else ""
    since = since_form.start
    if topic is None and claim is None and actor is None:
        # compare.changes_between answers for one topic, claim or actor: the overview counts
        # what was entered by topic and links to the topics' own panels.
        changes: list[Change] = []
        by_topic = selectors.entries_by_topic(since, until)
    else:
        changes = changes_between(since, until, topic=topic, claim=claim, actor=actor)
        by_topic = None
    # A day picked goes along to the topics' panels; the default (a week before) they work out.
    topic_params = {**shown.params, **({"since": picked} if picked else {})}
    return {
        "viewing": shown,
        "hidden_count": (
            selectors.entries_hidden(shown.moment, topic=topic, claim=claim, actor=actor)
            if shown.is_past
            else 0
        ),
        "changes_panel": ChangesPanel(
            form=since_form,
            since=since,
            until=until,
            changes=changes[-CHANGES_SHOWN:],
            earlier=max(0, len(changes) - CHANGES_SHOWN),
            by_topic=by_topic,
            topic_query=f"?{urlencode(topic_params)}" if topic_params else "",
        ),
    }
