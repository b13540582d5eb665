"""The base of ClaimTrack's own domain errors, and what each means to a client.

Services raise domain errors (VerdictConflict, ...); the API maps every DomainError to a
problem+json response in one place (api.problems.exception_handler), forms to form errors,
commands to a message and a non-zero exit. An error says here which HTTP status, problem type and
extension members it stands for, so the mapping needs to know no app's errors.
"""

from collections.abc import Mapping
from typing import Any


class DomainError(Exception):
    """A rule of the newsroom refused the change; nothing was written."""

    #: HTTP status of the problem document the API answers with.
    status_code = 400
    #: Machine-readable `code` member, and the problem type's slug (urn:claimtrack:problem:<slug>).
    code = "domain_error"
    problem_slug = ""

    def problem_extensions(self) -> Mapping[str, Any]:
        """Extension members of the problem document."""
        return {}

    def problem_headers(self) -> Mapping[str, str]:
        return {}
