"""Sources in the pages: a failed check's reason in plain words, and a source's name as a link
to its page where a sentence names it."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from sources.failures import failure_reason
from sources.models import Snapshot, Source

register = template.Library()


@register.filter
def check_failure(checked: Source | Snapshot) -> str:
    """Why this check (a snapshot), or a source's latest (read by
    sources.selectors.source_directory), could not read the page; "" when it could."""
    if isinstance(checked, Snapshot):
        status_code, error = checked.status_code, checked.error
    else:
        status_code = getattr(checked, "last_check_status", None)
        error = getattr(checked, "last_check_error", None) or ""
    return failure_reason(health=checked.health, status_code=status_code, error=error)


@register.filter
def source_link(source: Source | None) -> SafeString | str:
    """The source's title linking to its page, for a sentence whose translation names it."""
    if source is None:
        return ""
    return format_html(
        '<a href="{}">{}</a>', reverse("source-detail", args=[source.public_id]), source.title
    )
