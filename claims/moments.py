"""Reading the moment a question is about from a request's `as_of` and `said_by` parameters,
for the API and the pages alike (common.moments has the rules)."""

from collections.abc import Mapping
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.moments import Moment, MomentError, parse_moment

from .selectors.as_of import first_recorded_at

MOMENT_PARAMETERS = ("as_of", "said_by")


class MomentInvalid(ValueError):
    """`as_of` or `said_by` names no moment that can be answered for; `errors` by parameter."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


BLANK = gettext_lazy("Give a date (2024-10-23) or a date and time, or leave the parameter out.")


def moment_from(params: Mapping[str, str], *, blank_means_now: bool = True) -> Moment:
    """The moment named by `as_of` and `said_by` in `params` (a query dict); now when neither is
    given. MomentInvalid for a value that is not a date, is in the future or, for `as_of`, is
    before anything was recorded; and for a blank one unless `blank_means_now` (the pages'
    date fields left empty mean now; to the API a blank value is a client's bug)."""
    errors: dict[str, str] = {}
    moments = {}
    for name in MOMENT_PARAMETERS:
        value = params.get(name) or ""
        if not value.strip():
            if name in params and not blank_means_now:
                errors[name] = str(BLANK)
            continue
        try:
            moments[name] = parse_moment(value)
        except MomentError as exc:
            errors[name] = str(exc)
    as_of = moments.get("as_of")
    if as_of is not None:
        first = first_recorded_at()
        if first is None or as_of < first:
            errors["as_of"] = (
                _("Nothing had been recorded by then: the first entry is from %(first)s.")
                % {"first": formats.date_format(first, "DATE_FORMAT")}
                if first
                else _("Nothing has been recorded yet.")
            )
    if errors:
        raise MomentInvalid(errors)
    return Moment(as_of=as_of, said_by=moments.get("said_by"))


def window_from(params: Mapping[str, str]) -> tuple[datetime, datetime]:
    """The two moments `from` and `to` of a comparison (`to` defaults to now), on the
    knowledge clock. MomentInvalid for a value that is not a date, a moment in the future, or
    `from` not before `to`."""
    errors: dict[str, str] = {}
    moments: dict[str, datetime] = {}
    if not (params.get("from") or "").strip():
        errors["from"] = _("Give the moment to compare from: a date or a date and time.")
    for name in ("from", "to"):
        value = (params.get(name) or "").strip()
        if name == "to" and "to" in params and not value:
            errors["to"] = str(BLANK)
        if value:
            try:
                moments[name] = parse_moment(value)
            except MomentError as exc:
                errors[name] = str(exc)
    since, until = moments.get("from"), moments.get("to", timezone.now())
    if since is not None and since >= until:
        errors["from"] = _("Compare from a moment before the one compared to (`to`).")
    if errors:
        raise MomentInvalid(errors)
    assert since is not None
    return since, until
