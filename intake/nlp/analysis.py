"""Suggested statements from news text, in German and English: quotes with their speakers,
indirect statements, quantities, actor mentions, the sources the article relies on, and
relative dates resolved.

Plain functions over text that know nothing of the database: known actors come in as
`KnownActor` values, results go out as `Suggestion` values with character offsets into the text
they were given. The rules are deliberately simple and readable (word lists live in lexicon.py);
tests/data/intake/ holds the evaluation set that measures them, so a change to a rule shows its
effect on precision and recall at once.

The shape of a wire report the rules expect: a headline, a dateline, then sentences in which a
reporting verb (sagte, erklärte, teilte ... mit; said, told, warned) connects a speaker to a direct
quote or to reported speech. A speaker is a known actor (matched through names and aliases,
tolerant of inflection and small spelling differences), a name (after a role title such as
Außenminister or spokesman, or in apposition), a pronoun referring back to the last named
speaker, or a description (der Diplomat, a spokesman, the company) resolved to the entity it
refers to when the text allows it.

This module wires the steps: the article is cut once (article.py), the actors it names are found
(actors.py), then each sentence is attributed in order, with what one sentence establishes for
the next carried by a `Discourse`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from . import confidence, grammar
from . import lexicon as lx
from .actors import actor_suggestions, find_known_actors, find_titled_people
from .article import Article, Item
from .cast import Cast, KnownActor, Speaker
from .citations import find_citations
from .dating import Occasions, dates_in, statement_date
from .discourse import Discourse, Turn
from .figures import sentence_figures
from .quantities import Quantity, find_quantities
from .quotes import is_quotation, quoted_words
from .reporting import find_anchors as anchors
from .speakers import anchor_speaker, speaker_in
from .stance import Anchor, clause_stance
from .suggestions import (
    KINDS,
    QUOTE,
    STATEMENT,
    Suggestion,
    quantity_suggestion,
    spoken_suggestion,
)

LANGUAGES = ("de", "en")


def analyse_article(
    text: str,
    *,
    language: str,
    published_on: date | None = None,
    known_actors: Iterable[KnownActor] = (),
    publisher_id: str | None = None,
) -> list[Suggestion]:
    """Every suggestion for `text`, in text order.

    `published_on` resolves relative dates (am Montag, yesterday) to the most recent such day on
    or before it; without it statements carry no date. `publisher_id` is the known actor that
    publishes the article, which it never cites.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    article = Article(text, language, published_on)
    cast = Cast(article)
    known_actors = tuple(known_actors)
    find_known_actors(cast, known_actors)
    find_titled_people(cast)
    suggestions = _attribute(article, cast)
    suggestions += actor_suggestions(cast)
    suggestions += _quantities(article)
    # Last: it reads the cast the attribution completed (who is a person, which names are known).
    suggestions += find_citations(article, cast, known_actors, publisher_id=publisher_id)
    order = {kind: i for i, kind in enumerate(KINDS)}
    suggestions.sort(key=lambda s: (s.start, order[s.kind], s.end))
    return suggestions


def _quantities(article: Article) -> list[Suggestion]:
    """The article's quantities, each with what it says as an estimate in its sentence."""
    text, language = article.text, article.language
    starts = [s.start for s in article.sentences]
    by_sentence: dict[tuple[int, int], list[Quantity]] = {}
    for quantity in find_quantities(text, language=language):
        sentence = (quantity.start, quantity.end)  # in no sentence (a dateline): itself
        index = bisect.bisect_right(starts, quantity.start) - 1
        if index >= 0 and quantity.start < article.sentences[index].end:
            sentence = (article.sentences[index].start, article.sentences[index].end)
        by_sentence.setdefault(sentence, []).append(quantity)
    suggestions: list[Suggestion] = []
    for sentence, quantities in by_sentence.items():
        figures = sentence_figures(
            quantities, text, sentence, language=language, published_on=article.published_on
        )
        suggestions += map(quantity_suggestion, quantities, figures)
    return suggestions


@dataclass(frozen=True)
class _Attribution:
    speaker: Speaker
    stance: str
    found_on: date | None  # the date said next to the reporting word
    inherited_on: date | None = None  # a continued statement keeps the date of the one before
    by_sentence: int | None = None  # a following sentence that only names the quote's speaker


def _attribute(article: Article, cast: Cast) -> list[Suggestion]:
    """The quotes and statements of the article's sentences, each with its speaker."""
    text = article.text
    discourse = Discourse()
    occasions = Occasions()
    suggestions: list[Suggestion] = []
    for s_index, sentence in enumerate(article.sentences):
        if sentence.headline:
            continue
        paragraph = sentence.paragraph
        items = article.items(sentence)
        found_anchors = anchors(items, article.language)
        quoted = [  # (item index, quote index)
            (j, it.quote)
            for j, it in enumerate(items)
            if it.quote is not None and is_quotation(text, article.quotes[it.quote])
        ]
        continued = discourse.continuing(s_index)

        for q, quote in quoted:
            speaker: Speaker | None
            attribution = _quote_speaker(
                article, cast, discourse, items, found_anchors, q, s_index, occasions
            )
            if attribution is None and continued is not None:
                speaker, stance, said_on = (
                    continued_speaker(continued),
                    "asserts",
                    continued.said_on,
                )
            elif attribution is None:
                speaker, stance, said_on = None, "asserts", None
            else:
                speaker, stance = attribution.speaker, attribution.stance
                if attribution.by_sentence is not None:
                    discourse.attribution_only.add(attribution.by_sentence)
                said_on = discourse.date_for(speaker, attribution.found_on, paragraph=paragraph)
            span = quoted_words(text, article.quotes[quote])
            suggestions.append(spoken_suggestion(text, QUOTE, span, speaker, stance, said_on))
            if speaker is not None:
                discourse.remember(s_index, speaker, said_on, paragraph=paragraph)

        attributed = bool(quoted) or s_index in discourse.attribution_only
        if not attributed:
            after_quote = s_index > 0 and any(
                it.quote is not None for it in article.items(article.sentences[s_index - 1])
            )
            attribution = _statement_speaker(
                cast,
                discourse,
                items,
                found_anchors,
                continued,
                occasions,
                after_quote=after_quote,
            )
            if attribution is not None:
                said_on = attribution.inherited_on if attribution.found_on is None else None
                if said_on is None:
                    said_on = discourse.date_for(
                        attribution.speaker, attribution.found_on, paragraph=paragraph
                    )
                span = (sentence.start, sentence.end)
                suggestions.append(
                    spoken_suggestion(
                        text, STATEMENT, span, attribution.speaker, attribution.stance, said_on
                    )
                )
                discourse.remember(s_index, attribution.speaker, said_on, paragraph=paragraph)
                attributed = True
        if not attributed:
            narration = dates_in(article, sentence)
            if narration:
                discourse.narrative_dates[paragraph] = narration[-1]
    return suggestions


def _quote_speaker(
    article: Article,
    cast: Cast,
    discourse: Discourse,
    items: list[Item],
    found_anchors: list[Anchor],
    q: int,
    s_index: int,
    occasions: Occasions,
) -> _Attribution | None:
    """The speaker of the quote at items[q]: the nearest reporting word's, preferring one after
    the quote; else, when the sentence is the quote alone, a following "Das sagte X." in its
    paragraph."""

    def distance(anchor: Anchor) -> int:
        return anchor.verb - q if anchor.verb > q else (q - anchor.verb) + 1

    for anchor in sorted(found_anchors, key=distance):
        speaker = anchor_speaker(items, anchor, cast, discourse)
        if speaker is not None:
            found = statement_date(article, items, anchor, speaker, discourse, occasions)
            return _Attribution(speaker, anchor.stance, found)
    colon = _colon_speaker(items, q, cast, discourse)
    if colon is not None:
        return _Attribution(colon, "asserts", None)
    outside = [it for it in items if it.quote is None and it.word]
    sentences = article.sentences
    if not outside and s_index + 1 < len(sentences):
        following = sentences[s_index + 1]
        if following.paragraph == sentences[s_index].paragraph:
            next_items = article.items(following)
            for anchor in anchors(next_items, article.language):
                if anchor.verb > 2:
                    break
                speaker = anchor_speaker(next_items, anchor, cast, discourse)
                if speaker is not None:
                    found = statement_date(
                        article, next_items, anchor, speaker, discourse, occasions
                    )
                    return _Attribution(speaker, anchor.stance, found, by_sentence=s_index + 1)
    return None


def _statement_speaker(
    cast: Cast,
    discourse: Discourse,
    items: list[Item],
    found_anchors: list[Anchor],
    continued: Turn | None,
    occasions: Occasions,
    *,
    after_quote: bool,
) -> _Attribution | None:
    """The speaker of a sentence of reported speech, or None when it reports no one's words.
    `after_quote`: the sentence before holds a quote ("Das sagte X." names its speaker; "Das
    bestätigten auch Fahrgastvertreter." after reported speech is a statement of its own)."""
    article = cast.article
    words = [it for it in items if it.word]
    if (
        words
        and words[0].low in ("das", "dies", "that", "this")
        and found_anchors
        and found_anchors[0].verb == items.index(words[0]) + 1
        and after_quote
    ):
        return None  # "Das sagte X.": attributes the quote before it
    for anchor in _inner_first(items, found_anchors, article.language):
        if anchor.kind == "hiess":
            start = anchor.verb + 2
            speaker = speaker_in(items, start, len(items), "right", cast, discourse, strict=True)
            if speaker is None and continued is not None:
                return _Attribution(
                    continued_speaker(continued), "asserts", None, continued.said_on
                )
        else:
            speaker = anchor_speaker(items, anchor, cast, discourse)
        if speaker is not None:
            found = statement_date(article, items, anchor, speaker, discourse, occasions)
            return _Attribution(speaker, clause_stance(items, anchor, found_anchors), found)
    if (
        article.language == "de"
        and continued is not None
        and not found_anchors
        and any(
            it.low in lx.GERMAN_REPORTED_SPEECH or (not it.cap and grammar.is_konjunktiv_i(it.text))
            for it in words
        )
    ):
        return _Attribution(continued_speaker(continued), "asserts", None, continued.said_on)
    return None


def continued_speaker(turn: Turn) -> Speaker:
    """The previous sentence's speaker, for a sentence that continues them without a reporting
    word of its own: as sure as it was, at most CONTINUED."""
    speaker = turn.speaker
    return replace(speaker, confidence=min(speaker.confidence, confidence.CONTINUED))


def _colon_speaker(items: list[Item], q: int, cast: Cast, discourse: Discourse) -> Speaker | None:
    """`Horst Seehofer: „…“`, `Name: "…"`: a name alone before a colon that opens the quote,
    as live blogs and interviews attribute. Names only: "Die Lage:" names no one."""
    if q < 2 or items[q - 1].text != ":":
        return None
    words = items[: q - 1]
    if not words or len(words) > 6 or any(not it.word for it in words):
        return None
    return speaker_in(items, 0, q - 1, "left", cast, discourse, strict=True)


# Verbs of reporting whose subject passes on someone else's words: "AFP reported that the
# minister said …", "Wie dpa berichtete, sagte der Minister …".
_PASSING_ON = frozenset({"reported", "reports", "berichtete", "berichteten", "meldete", "meldeten"})


def _inner_first(items: list[Item], found: list[Anchor], language: str) -> list[Anchor]:
    """Anchors in the order their speakers are tried: a nested attribution's inner speaker
    before the outer source ("According to AFP, the commission declared …" → the commission;
    "AFP reported that X said …" → X)."""
    if len(found) < 2:
        return found

    def outer(anchor: Anchor) -> bool:
        return anchor.kind in ("according", "zufolge") or items[anchor.verb].low in _PASSING_ON

    return [a for a in found if not outer(a)] + [a for a in found if outer(a)]
