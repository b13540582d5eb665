"""A claim in the reader's language where the newsroom has that wording, else marked with the
language it is shown in (claims/templatetags/claim_tags.py)."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

GERMAN_ORIGINAL = SimpleNamespace(
    text="North Korea has moved 1,500 soldiers to Russia",
    original_text="Nordkorea hat 1.500 Soldaten nach Russland verlegt",
    original_language="de",
)
KOREAN_ORIGINAL = SimpleNamespace(
    text="North Korea has moved 1,500 soldiers to Russia",
    original_text="북한이 러시아에 병력 1,500명을 이동시켰다",
    original_language="ko",
)


def shown(claim, language, words=""):
    template = Template("{% load claim_tags %}{{ claim|wording" + words + " }}")
    with translation.override(language):
        return template.render(Context({"claim": claim}))


def test_a_german_reader_gets_the_german_wording_unmarked():
    assert shown(GERMAN_ORIGINAL, "de") == "Nordkorea hat 1.500 Soldaten nach Russland verlegt"


def test_an_english_reader_gets_the_newsrooms_english_unmarked():
    assert shown(GERMAN_ORIGINAL, "en") == "North Korea has moved 1,500 soldiers to Russia"


@pytest.mark.parametrize(
    "claim",
    [KOREAN_ORIGINAL, SimpleNamespace(text="Plain", original_text="", original_language="")],
)
def test_without_a_german_wording_a_german_reader_gets_the_english_marked_as_english(claim):
    html = shown(claim, "de")
    assert html.startswith(f'<span lang="en">{claim.text}</span>')
    assert '<abbr class="language-mark" title="Englisch">EN</abbr>' in html


def test_the_wording_can_be_cut_to_some_words_and_is_escaped():
    claim = SimpleNamespace(
        text="<b>One</b> two three four", original_text="", original_language=""
    )
    assert shown(claim, "en", ":2") == "&lt;b&gt;One&lt;/b&gt; two…"
