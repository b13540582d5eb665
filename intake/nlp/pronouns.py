"""Who a pronoun stands for (er, sie, he, she, it, they; ihren in "nach ihren Angaben"), by
gender and number rather than by who was named last: "she added" after a minister and a company
is the minister, "sagten sie" is a group, "er" after Ministerin Berger and der Verband is the
Verband.

Gender comes from what the text says of an entity: a title or gendered role next to a person's
name (Ministerin Anna Berger, Linda Shaw, the city's spokeswoman, Mr Hale), a German
organisation's head noun (die Gewerkschaft, der Verband), or a pronoun that could stand for one
speaker only. Number of German "sie" comes from its finite verb (grammar.py).
"""

from __future__ import annotations

from . import confidence, grammar
from . import lexicon as lx
from .article import Item
from .cast import Cast, Entity, Speaker
from .discourse import Discourse
from .word_classes import noun_class

_UNKNOWN = ""
# Role nouns too short to count as compound endings in word_classes (chef, arzt).
_SHORT_ROLES = tuple(sorted(r for r in lx.PERSON_ROLES if len(r) >= 4))
_LOOK_BACK = 80  # tokens before a pronoun searched for the people and bodies named there


def resolve(items: list[Item], j: int, cast: Cast, discourse: Discourse) -> Speaker | None:
    """The speaker the pronoun or possessive at items[j] stands for, graded PRONOUN_SURE when
    no other speaker fits it, else PRONOUN_GUESS."""
    item = items[j]
    feature = lx.PRONOUN_FEATURES.get(item.low)
    if feature is None:
        return None
    language = cast.article.language
    if language == "de" and feature == "f" and item.low in lx.POSSESSIVES:
        feature = "f|pl"  # ihre Angaben: hers, or theirs
    elif language == "de" and feature == "f" and _plural_verb_next_to(items, j):
        feature = "pl"
    # Candidates: who has spoken (latest first), then who was named shortly before the
    # pronoun (a bounded look back, so that a long article stays linear).
    candidates = list(reversed(discourse.spoken))
    seen = {id(e) for e in candidates}
    spoken = set(seen)
    token = item.token if item.token is not None else 0
    for index in range(token - 1, max(-1, token - _LOOK_BACK - 1), -1):
        mention = cast.mention_at.get(index)
        if mention is None:
            continue
        entity = mention.entity
        if id(entity) not in seen and entity.is_person is not None:
            seen.add(id(entity))
            candidates.append(entity)
    fit = {id(e): _fit(e, feature, cast) for e in candidates}
    # The latest that may be meant; gender and number rule candidates out, and a gender the
    # text states outranks one it does not.
    compatible = [e for e in candidates if fit[id(e)]]
    if not compatible:
        return None
    stated = [e for e in compatible if fit[id(e)] == 2]
    chosen = stated[0] if stated else compatible[0]
    if feature in ("m", "f") and not chosen.is_person:
        # he/she/er/sie of someone whose kind the text left open: a person who fits first.
        chosen = next((e for e in compatible if e.is_person), chosen)
    rivals = [e for e in compatible if e is not chosen and id(e) in spoken]
    last = discourse.last_turn.speaker.entity if discourse.last_turn else None
    # Sure when no one else who spoke fits, or when it continues the last speaker ("…, he
    # added") and no one else fits better.
    sure = not rivals or (chosen is last and all(fit[id(r)] <= fit[id(chosen)] for r in rivals))
    if sure and feature in ("m", "f") and chosen.is_person and not chosen.gender:
        # "she said" of the only person who spoke: she is a woman. Learned, not stated: it
        # rules the other pronoun out but does not outrank a more recent speaker.
        chosen.learned_gender = feature
    if chosen.is_person is None and feature in ("m", "f") and not named_org(chosen):
        chosen.is_person = True
    grade = confidence.PRONOUN_SURE if sure else confidence.PRONOUN_GUESS
    return Speaker(chosen, item.text, item.end, confidence=grade)


def named_org(entity: Entity) -> bool:
    return any(noun_class(word) == "org" for word in entity.name.split())


def _fit(entity: Entity, feature: str, cast: Cast) -> int:
    """2: the entity is what the pronoun says; 1: it may be (gender unknown); 0: it is not."""
    if "|" in feature:
        return max(_fit(entity, part, cast) for part in feature.split("|"))
    german = cast.article.language == "de"
    gender = gender_of(entity, cast)
    if feature in ("m", "f"):
        if entity.is_person:
            if gender in ("m", "f"):
                return 2 if gender == feature else 0
            if entity.learned_gender:
                return 1 if entity.learned_gender == feature else 0
            return 1
        # An organisation: German "er"/"sie" by its noun's gender; English he/she never.
        if not german or (entity.is_person is None and not named_org(entity)):
            return 1 if entity.is_person is None else 0
        return 2 if gender == feature else 0
    if entity.is_person:
        return 0
    if feature == "n":
        return 2 if not german or gender == "n" else 1
    return 2 if entity.is_person is False else 1  # they / sie (plural): a body or a group


def gender_of(entity: Entity, cast: Cast) -> str:
    """ "m", "f", "n" or "" as the text tells; worked out once per entity."""
    if entity.gender is not None:
        return entity.gender
    gender = _UNKNOWN
    if entity.is_person:
        gender = _person_gender(entity, cast)
    elif cast.article.language == "de":
        gender = _noun_gender(entity.name.split()[0] if entity.name else "")
        for word in entity.name.split():
            if noun_class(word) == "org":
                gender = _noun_gender(word) or gender
                break
    else:
        gender = "n"
    entity.gender = gender
    return gender


def _person_gender(entity: Entity, cast: Cast) -> str:
    tokens = cast.article.tokens
    for mention in cast.mentions:
        if mention.entity is not entity:
            continue
        # The words before the name (Ministerin Anna Berger, Mr Hale) and its apposition
        # (Linda Shaw, the city's spokeswoman,).
        # A title right before the name says either gender (Machthaber Kim Jong Un, Mr Hale);
        # further back in the phrase (Die Schwester von Machthaber Kim Jong Un, Kim Yo Jong)
        # and in an apposition only a woman's word does, since masculine role nouns are also
        # said of anyone.
        if mention.first_token:
            gender = _word_gender(tokens[mention.first_token - 1].text, cast.article.language)
            if gender:
                return gender
        window = []
        for token in reversed(tokens[max(0, mention.first_token - 9) : mention.first_token - 1]):
            if token.text in ".;:!?" or token.quote is not None:
                break
            window.append(token)
        after = tokens[mention.last_token + 1 : mention.last_token + 9]
        if after and after[0].text == ",":
            for token in after[1:]:
                if token.text in ",.;:" or token.quote is not None:
                    break
                window.append(token)
        if any(_word_gender(t.text, cast.article.language) == "f" for t in window):
            return "f"
        if any(t.low in lx.MALE_WORDS for t in window):
            return "m"
    return _UNKNOWN


def _word_gender(word: str, language: str) -> str:
    low = word.casefold().replace("’", "'").removesuffix("'s")
    if low in lx.FEMALE_WORDS:
        return "f"
    if low in lx.MALE_WORDS:
        return "m"
    if language == "de" and noun_class(word) == "role":
        base = low[:-2]
        if low.endswith("in") and (noun_class(base) == "role" or base.endswith(_SHORT_ROLES)):
            return "f"  # Ministerin, Reedereichefin
        if low.endswith("innen"):
            return ""
        return "m"
    return ""


def _noun_gender(word: str) -> str:
    low = word.casefold()
    if not low:
        return ""
    if low.endswith(lx.FEMININE_ENDINGS):
        return "f"
    if low.endswith(lx.MASCULINE_ENDINGS):
        return "m"
    if noun_class(word) == "org":
        return "n"  # das Ministerium, das Amt, das Unternehmen, das Gericht
    return ""


def _plural_verb_next_to(items: list[Item], j: int) -> bool:
    """ "sagten sie", "sie hatten erklärt": the finite verb beside the pronoun is plural."""
    for k in (j - 1, j + 1):
        if 0 <= k < len(items) and items[k].word and grammar.is_finite_verb(items[k].text, "de"):
            return grammar.is_plural_finite(items[k].text)
    return False
