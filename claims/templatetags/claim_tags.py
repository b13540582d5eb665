"""Claims in the pages: a claim in the reader's language where the newsroom has that wording,
else in the wording it has, marked with its language."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language, get_language_info

register = template.Library()

# Claim.text is the newsroom's English wording; original_text, when given, is the claim as
# said, in original_language.
NEWSROOM_LANGUAGE = "en"


def wording_for(claim: Any, reader: str) -> tuple[str, str]:
    """(text, language) of the claim for a reader of `reader`: the original wording when it is
    the reader's language, else the newsroom's English."""
    original = getattr(claim, "original_text", "") or ""
    language = (getattr(claim, "original_language", "") or "").split("-")[0].lower()
    if original and language == reader:
        return original, language
    return claim.text, NEWSROOM_LANGUAGE


@register.filter
def wording(claim: Any, words: int | None = None) -> SafeString:
    """The claim's text for the page's reader; `words`: cut to that many words. A wording in
    another language than the page's says which (lang attribute and a short mark), so a
    screen reader speaks it right and a German reader knows the English is no oversight."""
    reader = (get_language() or NEWSROOM_LANGUAGE).split("-")[0]
    text, language = wording_for(claim, reader)
    if words:
        text = Truncator(text).words(int(words))
    if language == reader:
        return format_html("{}", text)
    name = get_language_info(language)["name_translated"]
    return format_html(
        '<span lang="{}">{}</span> <abbr class="language-mark" title="{}">{}</abbr>',
        language,
        text,
        name,
        language.upper(),
    )


@register.filter
def other_wording(claim: Any) -> SafeString:
    """The claim's wording that `wording` did not show (its original, or the English beside a
    German original), as the line under a claim page's heading; "" when there is none."""
    original = getattr(claim, "original_text", "") or ""
    if not original:
        return SafeString("")
    reader = (get_language() or NEWSROOM_LANGUAGE).split("-")[0]
    _, shown_language = wording_for(claim, reader)
    if shown_language == NEWSROOM_LANGUAGE:
        text, language = original, claim.original_language
    else:
        text, language = claim.text, NEWSROOM_LANGUAGE
    return format_html('<p class="original" lang="{}">{}</p>', language, text)
