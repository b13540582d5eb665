"""Domain errors of the sources app (the API maps them through common.errors.DomainError)."""

from collections.abc import Mapping

from common.errors import DomainError

# What a client is told to wait before asking again while the broker does not answer.
QUEUE_RETRY_AFTER_SECONDS = 60


class RecheckNotQueued(DomainError):
    """The broker (Redis) did not take a re-check. Its lease was released, so the source stays
    due and beat queues it once the broker answers again; nothing is lost but the "now"."""

    status_code = 503
    code = "queue_unavailable"
    problem_slug = "queue-unavailable"

    def __init__(self, *, not_queued: int, queued: int) -> None:
        self.not_queued, self.queued = not_queued, queued
        checks = "re-check" if not_queued == 1 else "re-checks"
        sources = "Its source stays" if not_queued == 1 else "Their sources stay"
        done = f"{queued} other(s) were queued. " if queued else ""
        super().__init__(
            f"The job queue (Redis) did not answer: {not_queued} {checks} could not be queued. "
            f"{done}{sources} due and will be queued by the scheduler once the queue answers "
            "again; try again later to re-check now."
        )

    def problem_headers(self) -> Mapping[str, str]:
        return {"Retry-After": str(QUEUE_RETRY_AFTER_SECONDS)}
