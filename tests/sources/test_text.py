"""The text pipeline shared by intake and re-check: extraction, normalisation, diffs, quotes."""

import pytest

from sources.text import (
    DIFF_MAX_LINES,
    content_hash,
    extract_main_text,
    normalise_text,
    quote_is_present,
    short_diff,
)
from tests.sources.recheck_helpers import ARTICLE, page

TEXT = (
    "Seoul (dpa) – Nordkorea hat 1.500 Soldaten nach Russland geschickt.\n"
    "„Wir verfolgen die Lage genau“, sagte ein Sprecher.\n"
    "Der Kreml sprach von ‚Falschmeldungen‘ – «nichts als Propaganda»."
)


@pytest.mark.parametrize(
    "quote",
    [
        "Wir verfolgen die Lage genau",
        '"Wir verfolgen die Lage genau"',
        "«wir verfolgen die lage genau»",
        "WIR  VERFOLGEN\n die\tLage genau",
        "“Wir verfolgen die Lage genau”, sagte",
        "von 'Falschmeldungen'",
        "‹nichts als Propaganda›",
        "Nordkorea hat … nach Russland geschickt",
        "Nordkorea hat [...] Soldaten",
        "Wir ver\u00adfolgen die Lage",  # a soft hyphen
        "Wir\u00a0verfolgen die Lage",  # a no-break space
    ],
)
def test_quotes_are_found_whatever_their_marks_spacing_and_case(quote):
    assert quote_is_present(quote, TEXT)


@pytest.mark.parametrize(
    "quote",
    [
        "Wir verfolgen die Lage nicht",
        "1.600 Soldaten",
        "nach Russland geschickt … Nordkorea hat",  # the parts out of order
        "Wir verfolgen die Lagegenau",
    ],
)
def test_quotes_not_in_the_text_are_missing(quote):
    assert not quote_is_present(quote, TEXT)


def test_normalised_text_ignores_white_space_and_blank_lines():
    messy = "  Erste   Zeile \n\n\n zweite\tZeile  \r\n"
    assert normalise_text(messy) == "Erste Zeile\nzweite Zeile"
    assert content_hash(normalise_text(messy)) == content_hash("Erste Zeile\nzweite Zeile")


def test_main_text_leaves_navigation_and_footer_out():
    text = extract_main_text(page(*ARTICLE).encode(), content_type="text/html; charset=utf-8")
    assert text is not None
    assert text.splitlines()[1:] == ARTICLE
    assert "Home" not in text and "rights reserved" not in text


def test_plain_text_is_decoded_with_its_charset():
    body = "Pjöngjang dementiert.".encode("latin-1")
    text = extract_main_text(body, content_type="text/plain; charset=ISO-8859-1")
    assert text == "Pjöngjang dementiert."


def test_a_body_that_is_not_text_has_no_main_text():
    assert extract_main_text(b"%PDF-1.4", content_type="application/pdf") is None


def test_the_diff_is_cut_to_a_readable_size():
    before = "\n".join(f"line {n}" for n in range(500))
    after = "\n".join(f"line {n} edited" for n in range(500))
    diff = short_diff(before, after)
    assert diff.endswith("… (diff cut)")
    assert len(diff.splitlines()) == DIFF_MAX_LINES + 1


def test_a_page_hashes_as_the_stored_snapshots_were_hashed():
    # Pinned on purpose: a change of the extraction options, the normalisation or trafilatura's
    # output makes every stored snapshot look changed at its next check, which wants a decision.
    text = extract_main_text(page(*ARTICLE).encode(), content_type="text/html; charset=utf-8")
    assert text is not None
    assert content_hash(text) == "8d7ef011199adbc2c21e7bd028a39190e2a2929a8e70024fa58f70876ec1ff55"
