"""Whom an article says it relies on: "citing South Korea's intelligence service", "according to
Yonhap", "Yonhap reported", "as reported by …", "the agency said, quoting …", "berichtete unter
Berufung auf …", "laut …", "nach Angaben des …", "wie … berichtete", "zitiert …", "… zufolge".

Each such cue names a party. The party is proposed as a citation (a source the article relies
on) rather than left to the speaker rules (whose words the article records) by this rule,
precision first:

- A known actor that is not a person is cited: "laut Nato", "according to KCNA".
- A person is a speaker, not a citation: "according to the minister", "laut Wood", "nach Angaben
  ihres Sprechers" attribute words and name no document. Unless the phrase names a document of
  theirs ("a statement by Kim Yo Jong", "einer Erklärung von Selenskyj"): then its author is
  cited, person or not.
- A party the newsroom does not know yet is cited when the text says what it is: the head noun
  of an agency, a media outlet, an intelligence service or a government body ("the Ministry of
  Disaster Management", "laut der Hafenbehörde", "die Nachrichtenagentur Yonhap"), an acronym
  (KCNA), the named author of a document ("a Nordwind Motors statement"), or, in English, a
  name as the subject of a verb of reporting ("…, Yonhap reported"), which is what outlets do.
  A bare unknown name after "according to" or "laut" may be a person and is left alone, as are
  unions and companies, whose words the statement rules already record.
- Vague bodies ("according to authorities", "einer Behörde") and unnamed documents
  ("Medienberichten zufolge", "county figures") name nothing an editor could cite.

Cues inside quotes are the speaker's words, not the article's sourcing, and headlines repeat the
text; both are skipped. The article's publisher and the agencies of its dateline are the
article itself. Each party is proposed once, where the article first relies on it.

Reads the cast (known actors, names, people) the attribution found; changes nothing in it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import lexicon as lx
from .article import Article, Item
from .cast import Cast, Entity, KnownActor
from .citation_phrases import Cue, cues
from .segmentation import datelines
from .suggestions import CITATION, Suggestion
from .word_classes import is_function_word, name_key, noun_class, stem

ANTECEDENT_TOKENS = 400  # how far back "das Ministerium" looks for the compound it stands for
_DOCUMENT_STEMS = {stem(w) for w in lx.DOCUMENT_NOUNS}
_BODY_STEMS = {stem(w): kind for w, kind in lx.CITED_BODIES.items()}
# Compound endings, longest first (…nachrichtenagentur before …agentur); short stems would end
# other words (Hunderttausend: …send), except the offices' -amt (Landratsamt).
_BODY_ENDINGS = sorted((e for e in _BODY_STEMS if len(e) >= 5 or e == "amt"), key=len, reverse=True)


@dataclass(frozen=True)
class _Party:
    name: str
    actor: KnownActor | None
    kind: str

    @property
    def key(self) -> str:
        return f"actor:{self.actor.id}" if self.actor else f"name:{_normal_key(self.name)}"


def find_citations(
    article: Article,
    cast: Cast,
    known_actors: Sequence[KnownActor],
    *,
    publisher_id: str | None = None,
) -> list[Suggestion]:
    """One citation suggestion per party the article relies on, where it first does."""
    by_key = _ActorsByKey(known_actors)
    seen = _own_keys(article.text, by_key, publisher_id)
    text = article.text
    found = []
    for sentence in article.sentences:
        if sentence.headline:
            continue
        items = article.items(sentence)
        for cue in cues(items, article.language):
            party = _party(article, items, cue, cast, by_key)
            if party is None or party.key in seen:
                continue
            seen.add(party.key)
            start, end = items[cue.first].start, items[cue.last].end
            found.append(
                Suggestion(
                    kind=CITATION,
                    text=text[start:end],
                    start=start,
                    end=end,
                    name=party.name[:200],
                    actor_id=party.actor.id if party.actor else None,
                    is_known=party.actor is not None,
                    actor_kind=party.kind,
                )
            )
    return found


# --- Who the party is ----------------------------------------------------------------------------


def _party(
    article: Article, items: list[Item], cue: Cue, cast: Cast, by_key: _ActorsByKey
) -> _Party | None:
    text, language = article.text, article.language
    phrase = _author_of_document(items, cue.lo, cue.hi)
    if phrase is None:
        return None
    lo, hi, opening, documented = phrase
    if lo >= hi or items[lo].low in lx.NOT_PARTIES:
        return None
    words = items[lo:hi]
    link = next((j for j, it in enumerate(words) if j and it.low in lx.AUTHOR_LINKS), len(words))
    kind = _body_kind(words[:link], language)  # die Gewerkschaft der Polizei: a union's
    own_lo, own_hi = _own_name(items, lo, hi, language)
    strip = opening in ("des", "eines")
    own = _written(text, items, own_lo, own_hi, strip_genitive=strip)
    definite = opening in ("der", "die", "das", "des", "dem", "den", "the")
    entity = _entity(items, lo, own_hi, cast, definite=definite)
    actor = entity.actor if entity is not None else None
    whole = _written(text, items, lo, hi, strip_genitive=strip)
    actor = actor or by_key.get(own) or by_key.get(whole)
    if actor is not None:
        return None if actor.is_person and not documented else _Party(own, actor, kind)
    # The cast takes a one-word name said twice for a person's; "the agency Yonhap" says better.
    person = entity is not None and entity.is_person and not kind
    if person or _headed_by_role(words, language):
        # A person's words are statements; only a document of theirs, named, is cited.
        return _Party(entity.name, None, "person") if documented and entity else None
    if kind:
        if not _specific(words, opening):
            return None
        if entity is None and definite and hi - lo == 1:
            own = _antecedent(article, items[lo]) or own  # laut dem Ministerium
        named_apart = (own_lo, own_hi) != (lo, hi)  # die Agentur Interfax: Interfax
        return _Party(entity.name if entity and not named_apart else own, None, kind)
    acronym = len(words) == 1 and words[0].text.isupper() and 2 <= len(words[0].text) <= 6
    quoted = len(words) == 1 and words[0].quote is not None and own[:1].isupper()
    # Capitals inside an English sentence make a name (in German every noun has them), and a
    # name with an article an organisation's: "the Kyiv Independent", "the Guardian".
    capitals = language == "en" and lo > 0 and all(it.cap for it in words)
    organisation = capitals and opening == "the"
    # A one-word subject the speaker rules took for a name ("Residents reported") may be none.
    named = quoted or capitals or (entity is not None and len(entity.name.split()) > 1)
    reported = cue.reporter and (language == "en" or quoted)
    if acronym or organisation or (named and (documented or reported)):
        name = entity.name if entity else own
        return _Party(name, None, lx.MEDIA_OUTLET if cue.reporter else "")
    return None


def _author_of_document(items: list[Item], lo: int, hi: int) -> tuple[int, int, str, bool] | None:
    """(lo, hi, opening article, whether a document is named) of the party in items[lo:hi]:
    the phrase itself, or the author of the document it names ("a report by the agency",
    "Yonhap's report", "einem Bericht der Zeitung"); None for a document without an author
    ("Medienberichten zufolge")."""
    opening = items[lo].low
    lo = _after_articles(items, lo, hi)
    document = next((j for j in range(lo, hi) if _is_document(items[j].low)), None)
    if document is None:
        return lo, hi, opening, False
    if document + 1 < hi and items[document + 1].low in lx.AUTHOR_LINKS:
        link = items[document + 1].low  # des, der: its case is the author's
        after = items[document + 2].low if document + 2 < hi else ""
        opening = link if link in lx.DETERMINERS else after
        return _after_articles(items, document + 2, hi), hi, opening, True
    if document > lo:
        return lo, document, opening, True  # Yonhap's report, NIS estimates
    return None


def _antecedent(article: Article, head: Item) -> str | None:
    """The compound an earlier sentence named a body by, which "das Ministerium" now stands
    for: das Bundesinnenministerium. (German; English descriptions resolve through the cast.)"""
    if article.language != "de" or head.token is None:
        return None
    head_stem = _stem(head.text)
    for token in reversed(article.tokens[max(0, head.token - ANTECEDENT_TOKENS) : head.token]):
        if not token.cap or token.quote is not None or len(token.text) <= len(head.text) + 2:
            continue  # cheap tests first: this runs for every "das Ministerium" of the text
        compound = _stem(token.text)
        if compound.endswith(head_stem):
            return re.sub(r"e?s$", "", token.text) if compound != token.low else token.text
    return None


_stem = functools.lru_cache(maxsize=16384)(stem)


def _after_articles(items: list[Item], lo: int, hi: int) -> int:
    while lo < hi and items[lo].low in lx.DETERMINERS:
        lo += 1
    return lo


def _entity(items: list[Item], lo: int, hi: int, cast: Cast, *, definite: bool) -> Entity | None:
    """Who the phrase names: the actor or name that ends it ("the state news agency KCNA", "the
    Ministry of Disaster Management"), or the body a definite description refers back to."""
    last = items[hi - 1].token
    mention = cast.mention_at.get(last) if last is not None else None
    if mention is not None and mention.start >= items[lo].start:
        return mention.entity
    heads = [it for it in items[lo:hi] if noun_class(it.text) == "org"]
    if definite and len(heads) == hi - lo == 1:
        return cast.refers_to(heads[0], definite=True)  # "the ministry" named earlier
    return None


def _headed_by_role(words: list[Item], language: str) -> bool:
    """Whether the phrase's head is a person's role: "the minister", "the agency's spokesman",
    "einem Sprecher des Ministeriums" (the head comes before a genitive or "of")."""
    head = words
    link = next((j for j, it in enumerate(words) if j and it.low in lx.AUTHOR_LINKS), None)
    if link is not None:
        head = words[:link]
    if all(it.cap for it in head):  # a name: the Ukrainian General Staff, Foreign Minister
        return noun_class(head[-1].text) == "role"
    classes = ["body" if _body_kind([it], language) else noun_class(it.text) for it in head]
    decisive = [c for c in classes if c in ("role", "body")]
    return bool(decisive) and decisive[-1] == "role"


def _specific(words: list[Item], opening: str) -> bool:
    """Whether a description names one body: not "a government agency", not "authorities" or
    "the authorities" (which could be any), but "Bangladeshi authorities", "laut Polizei"."""
    if opening in lx.INDEFINITE_ARTICLES:
        return False
    if any(it.low in lx.VAGUE_BODIES for it in words):
        return any(it.cap and it.low not in lx.VAGUE_BODIES for it in words)
    return True


def _own_name(items: list[Item], lo: int, hi: int, language: str) -> tuple[int, int]:
    """The span of an agency's or outlet's own name where the phrase gives one: "die
    Nachrichtenagentur Yonhap", "der Geheimdienst NIS", "Yonhap news agency"; else the phrase
    ("South Korea's spy agency", "the Russian government": a modifier is no name)."""
    kinds = [_body_kind([it], language) for it in items[lo:hi]]
    bodies = [j for j, kind in enumerate(kinds) if kind]
    if not bodies:
        return lo, hi
    last = bodies[-1]
    tail = items[lo + last + 1 : hi]
    if (
        tail
        and kinds[last] != lx.GOVERNMENT_BODY  # das Ministerium Russlands: no name
        and all(
            it.quote is not None
            or (it.cap and not is_function_word(it.low) and not _possessive(it))
            for it in tail
        )
    ):
        return lo + last + 1, hi
    run = 0
    while run < len(kinds) and not kinds[run] and items[lo + run].cap:
        run += 1
    if (
        run
        and kinds[-1] in (lx.NEWS_AGENCY, lx.MEDIA_OUTLET)
        and items[hi - 1].low not in lx.VAGUE_BODIES  # North Korean state media: no name
        and not any(_possessive(it) for it in items[lo : lo + run])
        and not any(it.cap for it in items[lo + run : hi])
    ):
        return lo, lo + run
    return lo, hi


def _possessive(item: Item) -> bool:
    return bool(re.search(r"['’]s$", item.text))


@functools.lru_cache(maxsize=8192)
def _is_document(low: str) -> bool:
    if stem(low) in _DOCUMENT_STEMS or low in lx.DOCUMENT_NOUNS:
        return True
    return len(low) > 8 and low.endswith(lx.DOCUMENT_ENDINGS)


def _body_kind(words: list[Item], language: str) -> str:
    """The kind of body the phrase's nouns name, "" for none."""
    kinds = {_word_kind(item.low, language) for item in words}
    return next((kind for kind in lx.KIND_PRECEDENCE if kind in kinds), "")


@functools.lru_cache(maxsize=8192)
def _word_kind(low: str, language: str) -> str:
    low = re.sub(r"['’]s$", "", low)
    word_stem = stem(low)
    kind = lx.CITED_BODIES.get(low) or _BODY_STEMS.get(word_stem)
    if kind is None and language == "de":  # Hafenbehörde, Landratsamts
        ending = next((e for e in _BODY_ENDINGS if word_stem.endswith(e)), "")
        if ending and len(word_stem) - len(ending) >= 4:
            kind = _BODY_STEMS[ending]
    return kind or ""


def _written(
    text: str, items: list[Item], lo: int, hi: int, *, strip_genitive: bool = False
) -> str:
    """The party as the text writes it, without a possessive ('s), a genitive (des Gerichts,
    des „Handelsblatts“) or the marks of a quoted name."""
    words = [
        text[it.start + 1 : it.end - 1].strip() if it.quote is not None else it.text
        for it in items[lo:hi]
    ]
    words[-1] = re.sub(r"['’]s$", "", words[-1])
    if strip_genitive and len(words[-1]) > 5 and words[-1][-1] == "s":
        words[-1] = words[-1][:-2] if words[-1].endswith("es") else words[-1][:-1]
    return " ".join(words)


# --- Known actors and the article's own -------------------------------------------------------


def _normal_key(name: str) -> str:
    """A name's key with possessives dropped and synonyms replaced, so that "South Korea's spy
    agency" meets the alias "South Korean intelligence service"."""
    low = re.sub(r"['’]s\b", "", name.casefold())
    for synonym, meaning in lx.BODY_SYNONYMS.items():
        low = low.replace(synonym, meaning)
    words = [w for w in low.split() if w not in lx.DETERMINERS]
    return name_key(" ".join(words))


class _ActorsByKey:
    """Known actors by the keys of their names and aliases; a key two actors share is no one's."""

    def __init__(self, actors: Sequence[KnownActor]) -> None:
        found: dict[str, set[str]] = {}
        self.actors = {actor.id: actor for actor in actors}
        for actor in actors:
            for name in actor.names:
                if key := _normal_key(name):
                    found.setdefault(key, set()).add(actor.id)
        self.ids = {key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1}

    def get(self, name: str) -> KnownActor | None:
        actor_id = self.ids.get(_normal_key(name))
        return self.actors[actor_id] if actor_id else None


def _own_keys(text: str, by_key: _ActorsByKey, publisher_id: str | None) -> set[str]:
    """Keys of the article's publisher and of the agencies in its datelines ("(AFP/dpa)")."""
    keys = {f"actor:{publisher_id}"} if publisher_id else set()
    for start, end in datelines(text):
        agencies = re.search(r"\(([^()]*)\)\s*[-–—]\s*$", text[start:end])
        for agency in re.split(r"[/,]", agencies.group(1)) if agencies else ():
            keys.add(f"name:{_normal_key(agency)}")
            actor = by_key.get(agency)
            if actor is not None:
                keys.add(f"actor:{actor.id}")
    return keys
