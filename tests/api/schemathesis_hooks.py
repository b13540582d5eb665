"""Schemathesis hooks for test_api_schemathesis.py, loaded by its CLI (SCHEMATHESIS_HOOKS).

Every check runs. `filter_failure` drops the failures of positive_data_acceptance and
missing_required_header whose answer depends on the data rather than on the request's shape,
each named below by what the response says. A schema says what a well-formed request is; it
cannot say which ids exist, which cursor the API issued, which version a claim has now or
which host names resolve to public addresses.
"""

import re
from typing import Any

import schemathesis

VERDICT_CHANGE = ("POST", "/api/v1/claims/{id}/verdict/")
# "No claim has the id …": a body naming a row by an id (evidence, claim, topic) that no row has.
UNKNOWN_ID = re.compile(r"No [\w ]+ has the id [0-9a-f-]{36}\.")
# Resuming a webhook from an event id past the changes feed's end.
FUTURE_EVENT = re.compile(r"Give an event id from 1 to \d+\.")
# A webhook target whose host name does not resolve (or not in time), or whose address is not
# public (the fetch guard, sources/fetching.py): DNS and the address decide, not the URL's
# shape, which the schema states.
UNUSABLE_TARGET = re.compile(
    r"Webhooks cannot be sent there: "
    r"(could not resolve .+|timed out after .+|refused: [0-9A-Fa-f:.]+ is .+)",
    re.DOTALL,
)


def problem(response: Any) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


# The moments of the two clocks (common.moments): a day that does not exist (30 February), one
# in the future or before the first entry, or a comparison from a later moment than its end.
MOMENTS = {"as_of", "said_by", "from", "to"}
# A list asked about a past moment with a filter that reads what related rows say today.
PAST_FILTER = "Not available for a past moment:"
# A figure's rules across its fields (claims.api.estimates), which a schema states one by one.
ACROSS_FIELDS = {
    "The bounds must be in order: low, then the figure, then high.",
    'A projection needs the moment it refers to ("by December").',
    "Give the moment the precision is of, or leave both out.",
    "Give the figure, or a low or high bound.",
}


# Resolving a review flag: what the flag is (a due projection takes an outcome, no other does)
# and whether it is still open decide, not the body's shape. Reachable since flags can be
# raised through the API (POST /api/v1/claims/{id}/flags/).
FLAG_STATE = {
    "#/outcome": re.compile(
        r"Only a due projection's flag takes an outcome\.|"
        r"Say what became of the projection to resolve this flag\."
    ),
    "#/status": re.compile(r"This flag was already resolved on .+\."),
}


def names_data_not_shape(error: dict[str, Any]) -> bool:
    """An error about what exists or resolves, which no schema-valid value can avoid."""
    if error.get("parameter") == "cursor":
        # Cursors are opaque (api/pagination.py): only one from `next` or `previous` is valid.
        return True
    if error.get("parameter") in MOMENTS:
        return True
    detail = error.get("detail", "")
    if detail.startswith(PAST_FILTER) or detail in ACROSS_FIELDS:
        return True
    if error.get("pointer") == "#/replay_from":
        return bool(FUTURE_EVENT.fullmatch(detail))
    if error.get("pointer") == "#/target_url":
        return bool(UNUSABLE_TARGET.fullmatch(detail))
    if error.get("pointer") in FLAG_STATE:
        return bool(FLAG_STATE[error["pointer"]].fullmatch(detail))
    return bool(UNKNOWN_ID.fullmatch(detail))


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """False for a failure that is the contract working, True (kept) for every other."""
    operation = (case.method.upper(), case.operation.path)
    body = problem(response)
    if failure.code == "ST202":  # positive_data_acceptance: a schema-valid request refused
        if response.status_code == 400:
            errors = body.get("errors") or [{}]
            return not all(names_data_not_shape(error) for error in errors)
        if response.status_code == 412 and operation == VERDICT_CHANGE:
            # An If-Match the API did not issue names no current version of the claim: that
            # is what If-Match is for (the schema's introduction, "Polling and concurrency").
            return body.get("code") != "precondition_failed"
    if failure.code == "ST203" and operation == VERDICT_CHANGE:
        # missing_required_header: without If-Match a verdict change is 428 Precondition
        # Required (RFC 6585), the status made for it; the check expects 400 or 422.
        return not (failure.header_name == "If-Match" and response.status_code == 428)
    return True
