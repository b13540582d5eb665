"""Domain errors of the editorial workflow.

The API maps them to problem+json responses, forms to form errors, commands to a message and a
non-zero exit. Permission errors subclass Django's PermissionDenied so every layer answers 403.
"""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied

from common.errors import DomainError


class NotAllowed(PermissionDenied):
    """The user's role does not allow this action."""


class VerdictConflict(DomainError):
    """The claim changed since the editor read it: a stale version never overwrites a verdict."""

    status_code = 412
    code = "precondition_failed"
    problem_slug = "precondition-failed"

    def __init__(
        self,
        *,
        claim_public_id: UUID,
        expected_version: int,
        current_version: int,
        current_verdict: str,
        decided_by: str | None,
    ) -> None:
        self.claim_public_id = claim_public_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.current_verdict = current_verdict
        self.decided_by = decided_by
        by = f" by {decided_by}" if decided_by else ""
        super().__init__(
            f"The claim was changed meanwhile: you edited version {expected_version}, it is now "
            f"version {current_version} with verdict '{current_verdict}'{by}."
        )

    @property
    def current_etag(self) -> str:
        return f'"claim-{self.claim_public_id}-v{self.current_version}"'

    def problem_extensions(self) -> Mapping[str, Any]:
        return {
            "current_verdict": self.current_verdict,
            "current_version": self.current_version,
            "expected_version": self.expected_version,
            "decided_by": self.decided_by,
            "current_etag": self.current_etag,
        }

    def problem_headers(self) -> Mapping[str, str]:
        return {"ETag": self.current_etag}
