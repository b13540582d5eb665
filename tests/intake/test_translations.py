"""The intake app's own German catalog (intake/locale/de), compiled and complete."""

import re
from pathlib import Path

from django.utils import translation

CATALOG = Path(__file__).resolve().parents[2] / "intake" / "locale" / "de" / "LC_MESSAGES"


def test_every_string_of_the_intake_catalog_reads_in_german():
    """The compiled catalog matches its source: each message has its German."""
    messages = [
        m.replace('\\"', '"')  # the catalog's escaped quotes, as the code writes them
        for m in re.findall(r'^msgid "(.+)"$', (CATALOG / "django.po").read_text(), flags=re.M)
    ]
    assert len(messages) > 20
    with translation.override("de"):
        untranslated = [m for m in messages if translation.gettext(m) == m]
    assert untranslated == []
