"""Review flags an editor raises by hand. The workflow's own flags are opened by open_flag and
every flag is resolved by resolve_flag (claims.services)."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from common import clock, roles

from ..errors import NotAllowed
from ..events import flag_opened_payload, record_event
from ..models import Claim, EventKind, FlagReason, ReviewFlag

# As much as a note needs; a longer text belongs in the claim's rationale or a source.
FLAG_NOTE_MAX_CHARS = 2000


@transaction.atomic
def raise_flag(claim: Claim, *, editor: User, note: str) -> ReviewFlag:
    """Put the claim in the review queue with the editor's note, logged as flag.opened like the
    workflow's flags (the changes feed and webhooks see it). An editor may raise several: each
    is a concern of its own, resolved on its own.

    Raises NotAllowed for users outside the review queue and ValidationError for a blank or
    overlong note; nothing is written then.
    """
    if not roles.can_resolve_flags(editor):
        raise NotAllowed("Only editors and admins may raise review flags.")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say what needs another look."})
    if len(note) > FLAG_NOTE_MAX_CHARS:
        raise ValidationError(
            {"note": f"Keep the note under {FLAG_NOTE_MAX_CHARS} characters ({len(note)} now)."}
        )
    flag = ReviewFlag.objects.create(
        claim=claim,
        reason=FlagReason.RAISED_BY_EDITOR,
        detail=note,
        opened_by=editor,
        opened_at=clock.now(),
    )
    record_event(
        EventKind.FLAG_OPENED,
        claim=claim,
        payload=flag_opened_payload(
            flag=flag.public_id, claim=claim.public_id, reason=flag.reason, source=None
        ),
    )
    return flag
