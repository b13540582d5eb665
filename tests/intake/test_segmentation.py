"""Sentences, with the quotes they must not be split inside."""

from intake.nlp.quotes import find_quotes
from intake.nlp.segmentation import split_sentences


def test_sentences_are_not_split_inside_quotes_abbreviations_or_dates():
    text = (
        "„Das ist gefährlich. Wir beraten uns“, sagte Wood am 21. Oktober in New York. "
        "U.S. Defense Secretary Lloyd Austin agreed. Dr. Maria Santos did too."
    )
    assert len(split_sentences(text, find_quotes(text))) == 3
