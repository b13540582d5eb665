"""Speakers referred to rather than named: a description (der Diplomat, eine Sprecherin, the
company, Ein Sprecher des Verbands), resolved to the entity it points back to when the text
allows it. Pronouns are pronouns.py's."""

from __future__ import annotations

from . import lexicon as lx
from .article import Item
from .cast import Cast, Speaker
from .confidence import DESCRIBED, RESOLVED, ROLE_GUESS
from .discourse import Discourse
from .word_classes import noun_class, stem

_SPOKESPERSON_STEMS = {stem(w) for w in lx.SPOKESPERSON_NOUNS}


def description(
    items: list[Item], lo: int, hi: int, cast: Cast, discourse: Discourse, *, source: bool = False
) -> Speaker | None:
    """The speaker a description in items[lo:hi] stands for; `source` when the phrase follows
    "according to", which makes any noun phrase a source."""
    text = cast.article.text
    words = [(j, it) for j, it in enumerate(items[lo:hi], lo) if it.word]
    if not words:
        return None
    classes = [(j, it, noun_class(it.text)) for j, it in words]
    heads = [(j, it, c) for j, it, c in classes if c is not None]
    if not heads:
        if not source or words[0][1].low in lx.PRONOUNS:
            return None
        if all(it.low in lx.DETERMINERS for _, it in words):
            return None  # a phrase cut down to its article names no one
        # "according to county figures": the phrase itself says it is a source.
        start = words[1][1] if words[0][1].low in lx.DETERMINERS and len(words) > 1 else None
        np_text = text[(start or words[0][1]).start : words[-1][1].end]
        return Speaker(cast.description(np_text), np_text, words[-1][1].end, confidence=DESCRIBED)
    j, head, head_class = heads[0]
    definite = items[lo].low in ("der", "die", "das", "des", "dem", "den", "the")
    end = items[(heads[-1][0] if len(heads) > 1 else j)].end
    np_text = text[items[lo].start : end]
    if items[lo].low in lx.DETERMINERS:
        np_text = text[items[lo + 1].start : end] if lo + 1 < hi else np_text
    if head_class == "role":
        genitive_orgs = [(k, it) for k, it, c in heads[1:] if c == "org"]
        if genitive_orgs:
            k, org = genitive_orgs[0]
            entity = cast.refers_to(org, definite=items[k - 1].low in ("des", "der", "the"))
            if entity is not None:
                return Speaker(entity, np_text, end, confidence=RESOLVED)
            return Speaker(cast.description(org.text), org.text, end, confidence=DESCRIBED)
        if head.low in lx.SPOKESPERSON_NOUNS or stem(head.low) in _SPOKESPERSON_STEMS:
            # ihres Sprechers, his spokesman: the person's; eine Sprecherin: the body's.
            entity = discourse.last_speaker(person=items[lo].low in lx.POSSESSIVES)
            if entity is not None:
                return Speaker(entity, np_text, end, confidence=RESOLVED)
        elif definite and not _plural_role(items, lo, hi, head):
            # der Diplomat → the person named last; sure only when that person spoke last or
            # was named just before (within about a sentence).
            entity = cast.last_person_before(items[lo].start)
            if entity is not None:
                named_at = max(
                    m.start
                    for m in cast.mentions
                    if m.entity is entity and m.start < items[lo].start
                )
                sure = (
                    entity is discourse.last_speaker(person=True)
                    or items[lo].start - named_at < _JUST_BEFORE
                )
                return Speaker(entity, np_text, end, confidence=RESOLVED if sure else ROLE_GUESS)
        return Speaker(None, np_text, end, confidence=DESCRIBED)
    entity = cast.refers_to(head, definite=definite) if definite else None
    if entity is None and head.low in lx.COMPANY_NOUNS and definite:
        entity = discourse.last_speaker(person=False)
    if entity is not None:
        return Speaker(entity, np_text, end, confidence=RESOLVED)
    return Speaker(cast.description(np_text), np_text, end, confidence=DESCRIBED)


_JUST_BEFORE = 250  # characters: about a sentence


def _plural_role(items: list[Item], lo: int, hi: int, head: Item) -> bool:
    """A group named by its role: "die Ermittlerinnen und Ermittler", "die Ermittler", "the
    investigators"; not one person to resolve."""
    if any(it.low in ("und", "and") for it in items[lo:hi]) or head.low.endswith("innen"):
        return True
    if items[lo].low == "die" and not head.low.endswith("in"):
        return True  # der Ermittler is one, die Ermittler are several
    return head.low.endswith("s") and not head.low.endswith(("ss", "'s", "’s"))
