"""Domain errors of the editorial workflow.

The API maps them to problem+json responses, forms to form errors, commands to a message and a
non-zero exit. Permission errors subclass Django's PermissionDenied so every layer answers 403.
"""

from django.core.exceptions import PermissionDenied


class NotAllowed(PermissionDenied):
    """The user's role does not allow this action."""


class VerdictConflict(Exception):
    """The claim changed since the editor read it: a stale version never overwrites a verdict."""

    def __init__(
        self,
        *,
        expected_version: int,
        current_version: int,
        current_verdict: str,
        decided_by: str | None,
    ) -> None:
        self.expected_version = expected_version
        self.current_version = current_version
        self.current_verdict = current_verdict
        self.decided_by = decided_by
        by = f" by {decided_by}" if decided_by else ""
        super().__init__(
            f"The claim was changed meanwhile: you edited version {expected_version}, it is now "
            f"version {current_version} with verdict '{current_verdict}'{by}."
        )
