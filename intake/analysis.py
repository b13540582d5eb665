"""Suggested statements from news text, in German and English: quotes with their speakers,
indirect statements, quantities, actor mentions, and relative dates resolved.

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
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import lexicon as lx
from .dates import DateMention, find_dates, resolve_relative_date
from .quantities import Quantity, find_quantities
from .segmentation import (
    SUBTOKEN,
    Sentence,
    datelines,
    find_quotes,
    split_sentences,
    stem,
    tokenize,
)

LANGUAGES = ("de", "en")

QUOTE, STATEMENT, QUANTITY, ACTOR = "quote", "statement", "quantity", "actor"
KINDS = (QUOTE, STATEMENT, QUANTITY, ACTOR)

# A quoted phrase shorter than this is a term the reporter holds at arm's length ("haltlose
# Gerüchte"); the statement of its sentence covers it.
MIN_QUOTE_WORDS = 3
# How close (in tokens) a date must follow the reporting verb to date the statement.
DATE_WINDOW = 10
FUZZY_NAME_RATIO = 0.85


@dataclass(frozen=True)
class KnownActor:
    """An actor the newsroom already tracks: its id, its name first, then its aliases."""

    id: str
    names: tuple[str, ...]
    is_person: bool = False


@dataclass
class Suggestion:
    """One thing an editor may turn into a record; `text == article[start:end]`."""

    kind: str
    text: str
    start: int
    end: int
    speaker: str = ""
    actor_id: str | None = None
    stance_hint: str = ""
    said_on: date | None = None
    value: Decimal | None = None
    value_max: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    name: str = ""
    is_known: bool = False

    def as_dict(self) -> dict[str, object]:
        """The JSON form of `import_article --json`: common fields, then those of the kind."""
        data: dict[str, object] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.kind in (QUOTE, STATEMENT):
            data.update(
                speaker=self.speaker,
                actor_id=self.actor_id,
                stance_hint=self.stance_hint,
                said_on=self.said_on.isoformat() if self.said_on else None,
            )
        elif self.kind == QUANTITY:
            data.update(
                value=_json_number(self.value),
                value_max=_json_number(self.value_max),
                unit=self.unit,
                qualifier=self.qualifier,
            )
        else:
            data.update(name=self.name, actor_id=self.actor_id, is_known=self.is_known)
        return data


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- Public entry point ----------------------------------------------------------------------


def analyse_article(
    text: str,
    *,
    language: str,
    published_on: date | None = None,
    known_actors: Iterable[KnownActor] = (),
) -> list[Suggestion]:
    """Every suggestion for `text`, in text order.

    `published_on` resolves relative dates (am Montag, yesterday) to the most recent such day on
    or before it; without it statements carry no date.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    document = _Document(text, language, published_on, tuple(known_actors))
    document.attribute()
    suggestions = document.suggestions + document.actor_suggestions()
    suggestions += [_quantity(q) for q in find_quantities(text, language=language)]
    order = {kind: i for i, kind in enumerate(KINDS)}
    suggestions.sort(key=lambda s: (s.start, order[s.kind], s.end))
    return suggestions


_ROLE_STEMS = {stem(w) for w in lx.PERSON_ROLES}
_ORG_STEMS = {stem(w) for w in lx.ORGANISATION_NOUNS}
_NOT_ORG_COMPOUNDS = {"insgesamt", "gesamt", "samt", "apparat", "vorrat", "verrat", "heirat"}
_WEEKDAYS = set(lx.WEEKDAYS_DE) | set(lx.WEEKDAYS_EN)
_MONTHS = set(lx.MONTHS_DE) | set(lx.MONTHS_EN)


# Compound endings: Regierungssprecher is a role, Landratsamt an organisation. Stems count only
# when long enough to be a word of their own (Richter → richt would end "Bericht").
_ROLE_ENDINGS = tuple(
    sorted({w for w in lx.PERSON_ROLES if len(w) >= 5} | {s for s in _ROLE_STEMS if len(s) >= 6})
)
_ORG_ENDINGS = tuple(
    sorted(
        {w for w in lx.ORGANISATION_NOUNS if len(w) >= 3} | {s for s in _ORG_STEMS if len(s) >= 6}
    )
)


@functools.lru_cache(maxsize=8192)
def noun_class(word: str) -> str | None:
    """'role' for a person's title (Außenminister, spokesman), 'org' for an organisation's head
    noun (Landratsamt, ministry), else None. German compounds count by their last part."""
    low = word.casefold().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    last = re.split(r"[-‐‑]", low)[-1]
    if not last:
        return None
    last_stem = stem(last)
    if last in lx.PERSON_ROLES or last_stem in _ROLE_STEMS:
        return "role"
    if last in lx.ORGANISATION_NOUNS or last_stem in _ORG_STEMS:
        return "org"
    if len(last) > 6 and last not in _NOT_ORG_COMPOUNDS:
        if last.endswith(_ROLE_ENDINGS) or last_stem.endswith(_ROLE_ENDINGS):
            return "role"
        if last.endswith(_ORG_ENDINGS) or last_stem.endswith(_ORG_ENDINGS):
            return "org"
    return None


def _is_function_word(low: str) -> bool:
    return (
        low in lx.DETERMINERS
        or low in lx.CLAUSE_OPENERS
        or low in lx.PREPOSITIONS
        or low in lx.PRONOUNS
        or low in _WEEKDAYS
        or low in _MONTHS
        or low in lx.VAGUE_COUNTS
        or low in lx.GERMAN_NUMBER_WORDS
        or low in lx.ENGLISH_NUMBER_WORDS
        or low in lx.NEGATIONS
    )


# --- Known actors --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Alias:
    actor: KnownActor
    text: str
    capitalised: tuple[bool, ...]
    acronym: bool


class _ActorIndex:
    """Aliases by their stems for exact matches, by token count and initial for fuzzy ones."""

    def __init__(self, actors: Sequence[KnownActor]) -> None:
        self.exact: dict[tuple[str, ...], list[_Alias]] = {}
        self.fuzzy: dict[tuple[int, str], list[tuple[str, _Alias]]] = {}
        for actor in actors:
            for name in dict.fromkeys(n.strip() for n in actor.names if n.strip()):
                parts = SUBTOKEN.findall(name)
                if not parts:
                    continue
                alias = _Alias(
                    actor,
                    name,
                    tuple(p[0].isupper() for p in parts),
                    len(parts) == 1 and parts[0].isupper() and len(parts[0]) <= 6,
                )
                self.exact.setdefault(tuple(stem(p) for p in parts), []).append(alias)
                if all(p[0].isupper() for p in parts) and (len(parts) > 1 or len(name) >= 6):
                    joined = " ".join(p.casefold() for p in parts)
                    self.fuzzy.setdefault((len(parts), joined[0]), []).append((joined, alias))
        self.lengths = sorted({len(key) for key in self.exact}, reverse=True)


@dataclass
class _Entity:
    key: str
    name: str
    actor: KnownActor | None = None
    is_person: bool | None = None
    first_start: int = -1
    first_end: int = -1
    first_text: str = ""

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1] if self.is_person and len(parts) > 1 else ""


@dataclass
class _Mention:
    start: int
    end: int
    entity: _Entity
    first_token: int
    last_token: int  # inclusive


@dataclass
class _Speaker:
    entity: _Entity | None
    text: str
    end: int  # offset where the speaker's words end, for dating the statement
    named: bool = False  # text is the speaker's name as written (not "er", not "der Diplomat")
    weak: bool = False  # a bare word that may name a speaker (Moskau, die Nato) or may not

    @property
    def as_written(self) -> str:
        """The name as the article writes it: here, or where the text first named the speaker;
        for people not yet known, their fullest name (which a new actor will be called)."""
        entity = self.entity
        if entity is None:
            return self.text
        if entity.actor is None:
            return entity.name
        return self.text if self.named else entity.first_text


@dataclass
class _Anchor:
    pos: int  # item index where the subject is sought (the finite verb, auxiliary or modal)
    verb: int  # item index of the reporting word itself
    stance: str
    kind: str = "verb"  # verb, according, zufolge, so, hiess


@dataclass
class _Item:
    """A token of a sentence, or a whole quote standing in for its tokens."""

    start: int
    end: int
    text: str
    token: int | None  # index into the document's tokens; None for a quote
    quote: int | None = None

    @property
    def low(self) -> str:
        return self.text.casefold()

    @property
    def word(self) -> bool:
        return self.token is not None and (self.text[0].isalnum() or self.text[0] == "_")

    @property
    def cap(self) -> bool:
        return self.word and self.text[0].isupper()


# --- The document: attribution -----------------------------------------------------------------


class _Document:
    def __init__(
        self,
        text: str,
        language: str,
        published_on: date | None,
        known_actors: Sequence[KnownActor],
    ) -> None:
        self.text = text
        self.language = language
        self.published_on = published_on
        self.quotes = find_quotes(text)
        self.sentences = split_sentences(text, self.quotes)
        self.tokens = tokenize(text)
        self.token_starts = [token.start for token in self.tokens]
        for index, quote in enumerate(self.quotes):
            first = bisect.bisect_left(self.token_starts, quote.start)
            last = bisect.bisect_left(self.token_starts, quote.end)
            for token in self.tokens[first:last]:
                token.quote = index
        self.entities: dict[str, _Entity] = {}
        self.mentions: list[_Mention] = []
        self.mention_at: dict[int, _Mention] = {}  # first token index → mention
        self.dates = find_dates(text, language=language, published_on=published_on)
        self.suggestions: list[Suggestion] = []
        self.speakers: list[_Entity] = []  # every named speaker so far, latest last
        self._find_known_mentions(_ActorIndex(known_actors))
        self._find_titled_names()

    # Mentions ------------------------------------------------------------------------------

    def _entity(self, key: str, name: str, **fields: object) -> _Entity:
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = _Entity(key, name, **fields)  # type: ignore[arg-type]
        elif len(name) > len(entity.name) and entity.actor is None:
            entity.name = name
        return entity

    def _add_mention(self, first: int | None, last: int | None, entity: _Entity) -> _Mention:
        if first is None or last is None:  # callers pass words' tokens (an _Item's may be None)
            raise ValueError("A mention spans tokens; a quote has none.")
        start, end = self.tokens[first].start, self.tokens[last].end
        mention = _Mention(start, end, entity, first, last)
        self.mentions.append(mention)
        for index in range(first, last + 1):
            self.mention_at[index] = mention
        if entity.first_start < 0 or start < entity.first_start:
            entity.first_start, entity.first_end = start, end
            entity.first_text = self.text[start:end]
        return mention

    def _find_known_mentions(self, index: _ActorIndex) -> None:
        if not index.exact:
            return
        subtokens: list[tuple[int, str, str]] = []  # (token index, text, stem)
        excluded = datelines(self.text)
        for i, token in enumerate(self.tokens):
            if any(lo <= token.start < hi for lo, hi in excluded):
                continue  # the agencies of the dateline are the publishers, not speakers
            if token.word:
                for part in SUBTOKEN.findall(token.text):
                    subtokens.append((i, part, stem(part)))
        i = 0
        while i < len(subtokens):
            found: tuple[_Alias, int] | None = None
            for length in index.lengths:
                if i + length > len(subtokens):
                    continue
                window = subtokens[i : i + length]
                if len({t for t, _, _ in window}) != window[-1][0] - window[0][0] + 1:
                    continue  # words of a name are adjacent
                matched = self._exact_alias(index, window) or self._fuzzy_alias(index, window)
                if matched:
                    found = (matched, length)
                    break
            if found is None:
                i += 1
                continue
            alias, length = found
            first, last = subtokens[i][0], subtokens[i + length - 1][0]
            if not any(j in self.mention_at for j in range(first, last + 1)):
                written = self.text[self.tokens[first].start : self.tokens[last].end]
                entity = self._entity(
                    f"known:{alias.actor.id}",
                    alias.actor.names[0],
                    actor=alias.actor,
                    is_person=alias.actor.is_person,
                )
                self._add_mention(first, last, entity)
                if alias.actor.is_person and len(written.split()) > 1 and " " in written:
                    entity.name = written if len(written) > len(entity.name) else entity.name
            i += length
        self._find_surname_mentions()

    def _exact_alias(self, index: _ActorIndex, window: list[tuple[int, str, str]]) -> _Alias | None:
        candidates = index.exact.get(tuple(s for _, _, s in window), [])
        matching = []
        for alias in candidates:
            if alias.acronym and window[0][1] != alias.text:
                continue
            if any(
                cap and not part[0].isupper()
                for cap, (_, part, _) in zip(alias.capitalised, window, strict=True)
            ):
                continue
            matching.append(alias)
        if len({alias.actor.id for alias in matching}) == 1:
            return matching[0]
        return None  # unknown, or an alias two actors share: not ours to guess

    def _fuzzy_alias(self, index: _ActorIndex, window: list[tuple[int, str, str]]) -> _Alias | None:
        parts = [part for _, part, _ in window]
        if not all(p[0].isupper() and not p.isupper() for p in parts):
            return None
        if len(parts) == 1 and len(parts[0]) < 6:
            return None
        if any(_is_function_word(p.casefold()) for p in parts):
            return None
        joined = " ".join(p.casefold() for p in parts)
        best, best_ratio = None, FUZZY_NAME_RATIO
        for candidate, alias in index.fuzzy.get((len(parts), joined[0]), []):
            matcher = difflib.SequenceMatcher(None, joined, candidate)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best, best_ratio = alias, ratio
        return best

    def _find_surname_mentions(self) -> None:
        """Later mentions of a person by surname alone (Wood after Robert Wood)."""
        for entity in list(self.entities.values()):
            surname = entity.surname
            if not surname:
                continue
            for i, token in enumerate(self.tokens):
                if (
                    token.start > entity.first_start
                    and i not in self.mention_at
                    and token.text in (surname, surname + "s", surname + "'s", surname + "’s")
                ):
                    self._add_mention(i, i, entity)

    def _find_titled_names(self) -> None:
        """Unknown people named after a role title: Innenminister Markus Feldhaus."""
        for i, token in enumerate(self.tokens):
            if not token.word or token.quote is not None or noun_class(token.text) != "role":
                continue
            following = i + 1
            if following < len(self.tokens) and self.tokens[following].text == ".":
                following += 1  # Dr. Maria Santos
            run = self._name_run_tokens(following)
            if not run:
                continue
            first, last = run
            if any(j in self.mention_at for j in range(first, last + 1)):
                continue
            written = self.text[self.tokens[first].start : self.tokens[last].end]
            if first == last and (written.endswith("s") or self.language == "en"):
                continue  # der Präsident Frankreichs: a genitive, not a name
            self._person_entity(first, last)
        self._find_surname_mentions()

    def _name_run_tokens(self, i: int) -> tuple[int, int] | None:
        last = None
        j = i
        while j < len(self.tokens) and j - i < 4:
            token = self.tokens[j]
            if not (token.word and token.cap and token.quote is None):
                break
            if _is_function_word(token.low) or noun_class(token.text) is not None:
                break
            if token.text.isupper() and len(token.text) > 1:
                break  # acronyms are organisations
            last = j
            j += 1
        return (i, last) if last is not None else None

    def _person_entity(self, first: int, last: int) -> _Entity:
        written = self.text[self.tokens[first].start : self.tokens[last].end]
        written = re.sub(r"['’]s$", "", written)
        existing = self._entity_by_name(written)
        if existing is not None:
            if existing.is_person is None:
                existing.is_person = True
            if first not in self.mention_at:
                self._add_mention(first, last, existing)
            return existing
        entity = self._entity(f"name:{_key(written)}", written, is_person=True)
        self._add_mention(first, last, entity)
        return entity

    def _entity_by_name(self, written: str) -> _Entity | None:
        key = _key(written)
        for entity in self.entities.values():
            if _key(entity.name) == key or (entity.surname and entity.surname == written):
                return entity
            if entity.actor and any(_key(n) == key for n in entity.actor.names):
                return entity
        return None

    # Sentences -------------------------------------------------------------------------------

    def _items(self, sentence: Sentence) -> list[_Item]:
        items: list[_Item] = []
        first = bisect.bisect_left(self.token_starts, sentence.start)
        last = bisect.bisect_left(self.token_starts, sentence.end)
        for i in range(first, last):
            token = self.tokens[i]
            if token.quote is None:
                items.append(_Item(token.start, token.end, token.text, i))
            elif not items or items[-1].quote != token.quote:
                quote = self.quotes[token.quote]
                items.append(_Item(quote.start, quote.end, "\u201c", None, token.quote))
        return items

    def attribute(self) -> None:
        previous: tuple[int, _Speaker, date | None] | None = None  # (sentence, speaker, said_on)
        attribution_only: set[int] = set()
        narrative_dates: dict[int, date] = {}  # paragraph → latest date of unattributed text
        said_by: dict[tuple[int, str], date | None] = {}  # (paragraph, entity) → latest date
        for s_index, sentence in enumerate(self.sentences):
            if sentence.headline:
                continue
            items = self._items(sentence)
            anchors = self._anchors(items)
            quotes = [
                it.quote
                for it in items
                if it.quote is not None
                and len(SUBTOKEN.findall(self._quote_text(it.quote))) >= MIN_QUOTE_WORDS
            ]
            made = False
            continued = previous if previous and previous[0] == s_index - 1 else None

            def dated(speaker: _Speaker, found: date | None, paragraph: int) -> date | None:
                if found is not None:
                    return found
                if speaker.entity is not None:
                    inherited = said_by.get((paragraph, speaker.entity.key))
                    if inherited is not None:
                        return inherited
                return narrative_dates.get(paragraph)

            for quote_index in quotes:
                quote_item = next(it for it in items if it.quote == quote_index)
                result = self._quote_speaker(items, anchors, quote_item, s_index)
                if result is None and continued is not None:
                    _, speaker, said_on = continued
                    stance = "asserts"
                elif result is None:
                    speaker, stance, said_on = None, "asserts", None
                else:
                    speaker, stance, found, follow = result
                    if follow is not None:
                        attribution_only.add(follow)
                    said_on = dated(speaker, found, sentence.paragraph)
                self._suggest_quote(quote_index, speaker, stance, said_on)
                if speaker is not None:
                    previous = (s_index, speaker, said_on)
                    self._remember(speaker, said_on, sentence.paragraph, said_by)
                made = True

            if not quotes and s_index not in attribution_only:
                stated = self._statement_speaker(items, anchors, continued)
                if stated is not None:
                    speaker, stance, found, inherited = stated
                    said_on = inherited if found is None and inherited else None
                    if said_on is None:
                        said_on = dated(speaker, found, sentence.paragraph)
                    self._suggest_statement(sentence, speaker, stance, said_on)
                    previous = (s_index, speaker, said_on)
                    self._remember(speaker, said_on, sentence.paragraph, said_by)
                    made = True
            if s_index in attribution_only:
                made = True
            if not made:
                for found in self._dates_in(sentence, items):
                    narrative_dates[sentence.paragraph] = found

    def _remember(
        self,
        speaker: _Speaker,
        said_on: date | None,
        paragraph: int,
        said_by: dict[tuple[int, str], date | None],
    ) -> None:
        if speaker.entity is None:
            return
        if said_on is not None or (paragraph, speaker.entity.key) not in said_by:
            said_by[(paragraph, speaker.entity.key)] = said_on
        if speaker.entity in self.speakers:
            self.speakers.remove(speaker.entity)
        self.speakers.append(speaker.entity)

    def _quote_text(self, quote_index: int) -> str:
        quote = self.quotes[quote_index]
        return self.text[quote.inner_start : quote.inner_end]

    def _suggest_quote(
        self, quote_index: int, speaker: _Speaker | None, stance: str, said_on: date | None
    ) -> None:
        quote = self.quotes[quote_index]
        start, end = quote.inner_start, quote.inner_end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ",;:"):
            end -= 1
        self.suggestions.append(self._spoken(QUOTE, start, end, speaker, stance, said_on))

    def _suggest_statement(
        self, sentence: Sentence, speaker: _Speaker, stance: str, said_on: date | None
    ) -> None:
        self.suggestions.append(
            self._spoken(STATEMENT, sentence.start, sentence.end, speaker, stance, said_on)
        )

    def _spoken(
        self,
        kind: str,
        start: int,
        end: int,
        speaker: _Speaker | None,
        stance: str,
        said_on: date | None,
    ) -> Suggestion:
        entity = speaker.entity if speaker else None
        return Suggestion(
            kind=kind,
            text=self.text[start:end],
            start=start,
            end=end,
            speaker=speaker.as_written if speaker else "",
            actor_id=entity.actor.id if entity and entity.actor else None,
            stance_hint=stance,
            said_on=said_on,
        )

    # Reporting verbs -------------------------------------------------------------------------

    def _anchors(self, items: list[_Item]) -> list[_Anchor]:
        anchors = []
        for i, item in enumerate(items):
            if not item.word:
                continue
            anchor = (
                self._german_anchor(items, i)
                if self.language == "de"
                else self._english_anchor(items, i)
            )
            if anchor is not None:
                anchors.append(anchor)
        return anchors

    def _german_anchor(self, items: list[_Item], i: int) -> _Anchor | None:
        low = items[i].low
        previous = items[i - 1].low if i else ""
        following = items[i + 1].low if i + 1 < len(items) else ""
        if low == "angaben" and previous == "nach":
            return _Anchor(i, i, "asserts", "according")
        if low == "laut" and following and items[i + 1].word:
            return _Anchor(i, i, "asserts", "according")
        if low == "zufolge":
            return _Anchor(i, i, "asserts", "zufolge")
        if low in ("hieß", "heißt") and following == "es":
            return _Anchor(i, i, "asserts", "hiess")
        if low == "so" and previous == "," and i >= 2 and items[i - 2].quote is not None:
            return _Anchor(i, i, "asserts", "so")
        clause = self._clause(items, i)
        if low in lx.GERMAN_PARTICIPLES or low in lx.GERMAN_INFINITIVES:
            verb_class = lx.GERMAN_PARTICIPLES.get(low) or lx.GERMAN_INFINITIVES[low]
            for j in range(i - 1, clause[0] - 1, -1):
                if low in lx.GERMAN_PARTICIPLES and items[j].low in ("wurde", "wurden", "worden"):
                    return None  # passive: "Die Berichte wurden bestätigt" names no speaker
                if items[j].low in lx.GERMAN_AUXILIARIES:
                    negated = any(items[k].low in lx.NEGATIONS for k in range(j, i))
                    return _Anchor(j, i, _stance(verb_class, negated))
            if i + 1 < len(items) and following in lx.GERMAN_AUXILIARIES:
                negated = any(items[k].low in lx.NEGATIONS for k in range(clause[0], i))
                return _Anchor(i, i, _stance(verb_class, negated))  # …, nachdem X gewarnt hatte
        if low in lx.GERMAN_FINITE:
            verb_class, particle = lx.GERMAN_FINITE[low]
            if particle and not any(
                items[j].low == particle and _clause_final(items, j)
                for j in range(i + 1, len(items))
            ):
                return None
            negated = any(items[j].low in lx.NEGATIONS for j in range(i + 1, clause[1]))
            return _Anchor(i, i, _stance(verb_class, negated))
        return None

    def _english_anchor(self, items: list[_Item], i: int) -> _Anchor | None:
        low = items[i].low
        following = items[i + 1].low if i + 1 < len(items) else ""
        if low == "according" and following == "to":
            return _Anchor(i, i + 1, "asserts", "according")
        if low not in lx.ENGLISH_VERBS:
            return None
        if (
            i
            and items[i - 1].word
            and (
                items[i - 1].text[0].isdigit()
                or items[i - 1].low in lx.DETERMINERS
                or items[i - 1].low in lx.ENGLISH_NUMBER_WORDS
            )
        ):
            return None  # "124 confirmed cases", "the reported attack": an adjective
        verb_class = lx.ENGLISH_VERBS[low]
        pos, negated = i, False
        j = i - 1
        while j >= 0 and i - j <= 4 and items[j].word:
            word = items[j].low
            if word in ("was", "were", "is", "are", "be", "been", "being"):
                return None  # passive: "Passengers were urged …" names no speaker
            if word in lx.ENGLISH_AUXILIARIES or word.endswith("n't"):
                pos = j
            elif word in lx.NEGATIONS or word in ("to", "independently", "immediately", "yet"):
                pass
            else:
                break
            negated = negated or word in lx.NEGATIONS or word.endswith("n't")
            j -= 1
        if pos == i and low in ("confirm", "verify", "deny", "say"):
            # A bare infinitive needs its auxiliary (could not confirm, declined to confirm).
            if not (j >= 0 and items[j + 1].low in ("to",) and items[j].low in lx.NEGATIONS):
                return None
            pos = j
            negated = True
        if pos != i and items[pos].low in lx.NEGATIONS:
            negated = True
        return _Anchor(pos, i, _stance(verb_class, negated))

    @staticmethod
    def _clause(items: list[_Item], i: int) -> tuple[int, int]:
        """The comma-free stretch of the sentence around item i."""
        start = i
        while start > 0 and items[start - 1].text not in ",;:" and items[start - 1].quote is None:
            start -= 1
        end = i + 1
        while end < len(items) and items[end].text not in ",;:" and items[end].quote is None:
            end += 1
        return start, end

    # Speakers --------------------------------------------------------------------------------

    def _quote_speaker(
        self, items: list[_Item], anchors: list[_Anchor], quote: _Item, s_index: int
    ) -> tuple[_Speaker, str, date | None, int | None] | None:
        q = items.index(quote)

        def distance(anchor: _Anchor) -> int:
            return anchor.verb - q if anchor.verb > q else (q - anchor.verb) + 1

        for anchor in sorted(anchors, key=distance):
            speaker = self._anchor_speaker(items, anchor)
            if speaker is not None:
                return speaker, anchor.stance, self._statement_date(items, anchor, speaker), None
        # No attribution in the sentence: a following "Das sagte X." names the speaker.
        outside = [it for it in items if it.quote is None and it.word]
        if not outside and s_index + 1 < len(self.sentences):
            following = self.sentences[s_index + 1]
            if following.paragraph == self.sentences[s_index].paragraph:
                next_items = self._items(following)
                for anchor in self._anchors(next_items):
                    if anchor.verb > 2:
                        break
                    speaker = self._anchor_speaker(next_items, anchor)
                    if speaker is not None:
                        found = self._statement_date(next_items, anchor, speaker)
                        return speaker, anchor.stance, found, s_index + 1
        return None

    def _statement_speaker(
        self,
        items: list[_Item],
        anchors: list[_Anchor],
        continued: tuple[int, _Speaker, date | None] | None,
    ) -> tuple[_Speaker, str, date | None, date | None] | None:
        words = [it for it in items if it.word]
        if (
            words
            and words[0].low in ("das", "dies", "that", "this")
            and anchors
            and anchors[0].verb == items.index(words[0]) + 1
        ):
            return None  # "Das sagte X.": attributes the quote before it
        for anchor in anchors:
            if anchor.kind == "hiess":
                speaker = self._speaker_in(items, anchor.verb + 2, len(items), "right", strict=True)
                if speaker is None and continued is not None:
                    return continued[1], "asserts", None, continued[2]
            else:
                speaker = self._anchor_speaker(items, anchor)
            if speaker is not None:
                return speaker, anchor.stance, self._statement_date(items, anchor, speaker), None
        if (
            self.language == "de"
            and continued is not None
            and not anchors
            and any(it.low in lx.GERMAN_REPORTED_SPEECH for it in words)
        ):
            return continued[1], "asserts", None, continued[2]
        return None

    def _anchor_speaker(self, items: list[_Item], anchor: _Anchor) -> _Speaker | None:
        if anchor.kind == "according":
            start = anchor.verb + 1
            if start < len(items) and items[start].low in ("von", "aus"):
                start += 1
            end = self._right_end(items, start)
            return self._speaker_in(items, start, end, "right", source=True)
        if anchor.kind == "zufolge":
            lo = self._left_start(items, anchor.pos)
            return self._speaker_in(items, lo, anchor.pos, "left")
        if anchor.kind == "so":
            return self._speaker_in(
                items, anchor.verb + 1, self._right_end(items, anchor.verb + 1), "right"
            )
        if anchor.kind == "hiess":
            return None
        left = self._left_subject(items, anchor.pos)
        if left is not None and not left.weak:
            return left
        if self.language == "en":
            verb = items[anchor.verb]
            before = items[anchor.pos - 1] if anchor.pos else None
            inverted = before is None or before.quote is not None or before.text in ",;:"
            if verb.low not in lx.ENGLISH_INVERSION_VERBS or not inverted:
                return left
        start = anchor.pos + 1
        right = self._speaker_in(items, start, self._right_end(items, start), "right")
        # "Die Berichte bestätigte das Ministerium nicht": a weak subject gives way.
        return right if right is not None and (left is None or not right.weak) else left

    @staticmethod
    def _left_start(items: list[_Item], pos: int) -> int:
        start = pos
        while start > 0:
            before = items[start - 1]
            if before.quote is not None or before.text in ":;–—-":
                break
            start -= 1
        return start

    def _left_subject(self, items: list[_Item], pos: int) -> _Speaker | None:
        start = self._left_start(items, pos)
        parts: list[tuple[int, int]] = []
        lo = start
        for j in range(start, pos):
            if items[j].text == ",":
                parts.append((lo, j))
                lo = j + 1
        parts.append((lo, pos))
        last_lo, last_hi = parts[-1]
        if last_hi > last_lo:
            return self._speaker_in(items, last_lo, last_hi, "left")
        # The verb follows a comma: "Name, the role, said" or "The role, Name, said".
        if len(parts) >= 3:
            p_lo, p_hi = parts[-2]
            q_lo, q_hi = parts[-3]
            if p_hi <= p_lo or q_hi <= q_lo:
                return None
            if self._is_name_part(items, p_lo, p_hi):
                q_class = self._head_class(items, q_lo, q_hi)
                if q_class is not None:
                    speaker = self._speaker_in(items, p_lo, p_hi, "left", person=q_class == "role")
                    if (
                        speaker
                        and speaker.entity
                        and q_class == "org"
                        and speaker.entity.actor is None
                    ):
                        speaker.entity.is_person = False
                    return speaker
            if items[p_lo].low in lx.DETERMINERS or items[p_lo].low in (
                "who",
                "which",
                "welche",
                "welcher",
                "dessen",
                "deren",
            ):
                role = self._head_class(items, p_lo, p_hi) == "role"
                return self._speaker_in(items, q_lo, q_hi, "left", person=role or None)
        return None

    def _is_name_part(self, items: list[_Item], lo: int, hi: int) -> bool:
        words = [it for it in items[lo:hi] if it.word]
        return (
            bool(words)
            and len(words) <= 4
            and all(
                it.cap and not _is_function_word(it.low) and noun_class(it.text) != "role"
                for it in words
            )
        )

    def _head_class(self, items: list[_Item], lo: int, hi: int) -> str | None:
        classes = [noun_class(it.text) for it in items[lo:hi] if it.word]
        if "role" in classes:
            return "role"
        if "org" in classes:
            return "org"
        return None

    def _right_end(self, items: list[_Item], start: int) -> int:
        """End of the stretch after a verb where its subject may stand (with an apposition)."""
        end = start
        commas = 0
        while end < len(items):
            item = items[end]
            if item.quote is not None or item.text in ".;:!?" or item.low in ("dass", "that", "ob"):
                break
            if item.text == ",":
                commas += 1
                if commas > 2:
                    break
            end += 1
        return end

    def _speaker_in(
        self,
        items: list[_Item],
        lo: int,
        hi: int,
        side: str,
        *,
        person: bool | None = None,
        strict: bool = False,
        source: bool = False,
    ) -> _Speaker | None:
        """The speaker named in items[lo:hi]: the subject left of a verb, or the noun phrase right
        of it (with a name in apposition: der US-Botschafter bei der UNO, Robert Wood,)."""
        while lo < hi and items[lo].word and items[lo].low in lx.CLAUSE_OPENERS:
            lo += 1
        if lo >= hi or not items[lo].word:
            return None
        first = items[lo]
        if side == "left" and first.low in lx.PREPOSITIONS:
            return None
        if first.low in lx.PRONOUNS and (side == "right" or hi - lo == 1):
            return self._pronoun(first)
        if side == "right":
            limit = hi
            hi = self._phrase_end(items, lo, hi)
            if person is None and self._role_follows(items, hi, limit):
                person = True  # said Daniel Hargreaves, the group's director
        if side == "left":
            words = [it for it in items[lo:hi] if it.word]
            if len(words) > 12 or any(
                it.low in lx.GERMAN_AUXILIARIES or it.low in lx.ENGLISH_AUXILIARIES for it in words
            ):
                return None  # a clause of its own ("Nordkorea habe …"), not a subject
        candidates = self._candidates(items, lo, hi, person)
        persons = [c for c in candidates if c[0].is_person]
        if persons:
            chosen = persons[-1] if side == "left" else persons[0]
            return _Speaker(chosen[0], chosen[1], chosen[2], named=True)
        known = [c for c in candidates if c[0].actor is not None]
        if known:
            return _Speaker(*known[0], named=True)
        if candidates:
            return _Speaker(*candidates[0], named=True)
        if strict:
            return None
        return self._description(items, lo, hi, source=source) or self._bare_name(items, lo, hi)

    def _bare_name(self, items: list[_Item], lo: int, hi: int) -> _Speaker | None:
        """A subject of one capitalised word: Moskau bestritt, die Nato warnte, Pyongyang denied.
        Most are places standing for governments, or organisations, rarely people."""
        words = [it for it in items[lo:hi] if it.word]
        if words and words[0].low in lx.DETERMINERS:
            words = words[1:]
        if len(words) != 1 or not words[0].cap or _is_function_word(words[0].low):
            return None
        word = words[0]
        written = self._written(items, items.index(word), items.index(word) + 1)
        entity = self._entity(f"name:{_key(written)}", written, is_person=False)
        if word.token not in self.mention_at:
            self._add_mention(word.token, word.token, entity)
        return _Speaker(entity, written, word.end, named=True, weak=True)

    def _phrase_end(self, items: list[_Item], lo: int, hi: int) -> int:
        """Where the noun phrase starting at lo ends, taking in a name in apposition."""
        j = lo
        if items[j].low in lx.DETERMINERS:
            j += 1
        head = False
        while j < hi:
            item = items[j]
            nxt = items[j + 1] if j + 1 < hi else None
            if not item.word:
                if item.text in ("'", "’") and self.language == "en" and head:
                    j += 1
                    continue
                break
            low = item.low
            if (item.cap and not _is_function_word(low)) or (
                item.cap and low in lx.DETERMINERS and not head
            ):
                head = True
                j += 1
                continue
            if low in lx.DETERMINERS and low not in lx.GENITIVE_LINKS and not head:
                j += 1
                continue
            if (
                not head
                and not _is_function_word(low)
                and (self.language == "en" or _adjective_like(low))
            ):
                j += 1
                if self.language == "en" and noun_class(item.text):
                    head = True
                continue
            if head and low in lx.GENITIVE_LINKS and nxt is not None and nxt.word:
                head = False
                j += 1
                continue
            if (
                head
                and low in ("und", "and", "&", "of", "für", "for")
                and nxt is not None
                and (nxt.cap or nxt.low in lx.DETERMINERS)
            ):
                j += 1
                continue
            if self.language == "en" and not _is_function_word(low) and low not in lx.ENGLISH_VERBS:
                j += 1
                head = True
                continue
            break
        end = j
        # Apposition: "…-Botschafter bei den Vereinten Nationen, Robert Wood, …"
        if self._head_class(items, lo, end) == "role":
            k = end
            while k < hi and items[k].text != "," and k - end < 6:
                k += 1
            if k < hi and items[k].text == ",":
                n = k + 1
                m = n
                while m < hi and items[m].word and items[m].cap:
                    m += 1
                if m > n and self._is_name_part(items, n, m) and (m >= hi or items[m].text == ","):
                    return m
        return end

    def _role_follows(self, items: list[_Item], end: int, limit: int) -> bool:
        """Whether an apposition naming a role follows: "Name, the group's director"."""
        if end >= limit or items[end].text != ",":
            return False
        for item in items[end + 1 : min(limit, end + 8)]:
            if item.text == "," or item.quote is not None:
                return False
            if item.word and noun_class(item.text) == "role":
                return True
        return False

    def _candidates(
        self, items: list[_Item], lo: int, hi: int, person: bool | None
    ) -> list[tuple[_Entity, str, int]]:
        """Known actors and names in items[lo:hi], as (entity, text as written, end offset)."""
        found: list[tuple[_Entity, str, int]] = []
        j = lo
        after_role = False
        role_seen = False
        while j < hi:
            item = items[j]
            if item.text == "," and role_seen:
                after_role = True  # die Bürgermeisterin von Istiea, Eleni Markou,
                j += 1
                continue
            mention = self.mention_at.get(item.token) if item.token is not None else None
            if mention is not None:
                last = j
                while (
                    last + 1 < hi
                    and (token := items[last + 1].token) is not None
                    and token <= mention.last_token
                ):
                    last += 1
                found.append((mention.entity, self.text[mention.start : mention.end], mention.end))
                j = last + 1
                after_role = False
                continue
            if item.cap and not _is_function_word(item.low) and noun_class(item.text) != "role":
                k = j
                while (
                    k < hi
                    and items[k].cap
                    and not _is_function_word(items[k].low)
                    and (noun_class(items[k].text) != "role")
                    and (items[k].token not in self.mention_at)
                ):
                    k += 1
                k = self._extend_organisation_name(items, j, k, hi)
                entity = self._name_entity(items, j, k, after_role or person is True, person)
                if entity is not None:
                    found.append((entity, self._written(items, j, k), items[k - 1].end))
                j = k
                after_role = False
                continue
            after_role = item.word and noun_class(item.text) == "role"
            role_seen = role_seen or after_role
            j += 1
        return found

    def _extend_organisation_name(self, items: list[_Item], j: int, k: int, hi: int) -> int:
        """Gewerkschaft Hafen und Logistik, Ministry of Disaster Management, Zentralverband der
        Hafenbetriebe: an organisation's name runs on over und/of/der + capitalised words."""
        while k + 1 < hi and items[k].low in ("und", "and", "&", "of", "für", "for", "der", "des"):
            if not any(noun_class(it.text) == "org" for it in items[j : k + 2] if it.word):
                break
            m = k + 1
            if items[m].low in ("the",) and m + 1 < hi:
                m += 1
            if not (items[m].cap and not _is_function_word(items[m].low)):
                break
            while m < hi and items[m].cap and not _is_function_word(items[m].low):
                m += 1
            k = m
        return k

    def _written(self, items: list[_Item], lo: int, hi: int) -> str:
        return re.sub(r"['’]s$", "", self.text[items[lo].start : items[hi - 1].end])

    def _name_entity(
        self, items: list[_Item], lo: int, hi: int, titled: bool, person: bool | None
    ) -> _Entity | None:
        words = [it for it in items[lo:hi] if it.word]
        written = self._written(items, lo, hi)
        if words and words[0].low in lx.COMPANY_NOUNS and len(words) > 1:
            lo = items.index(words[1])
            words = words[1:]
            written = self._written(items, lo, hi)
        existing = self._entity_by_name(written)
        if existing is not None:
            if existing.is_person is None and (titled or len(words) == 1):
                existing.is_person = True
            if items[lo].token not in self.mention_at:
                self._add_mention(items[lo].token, items[hi - 1].token, existing)
            return existing
        organisation = any(noun_class(w.text) == "org" for w in words)
        if len(words) == 1 and organisation:
            return None  # a bare "Polizei" or "Verbands" is a description, not a name
        if len(words) == 1 and (self.language == "de" or lo == 0):
            return None  # a German noun, or an English word capitalised by the sentence start
        if organisation:
            is_person: bool | None = False
        elif titled:
            is_person = True
        else:
            is_person = person
        entity = self._entity(f"name:{_key(written)}", written, is_person=is_person)
        self._add_mention(items[lo].token, items[hi - 1].token, entity)
        return entity

    def _pronoun(self, item: _Item) -> _Speaker | None:
        wanted = lx.PRONOUNS[item.low]
        for entity in reversed(self.speakers):
            if wanted == "person" and entity.is_person is False:
                continue
            if wanted == "organisation" and entity.is_person:
                continue
            if entity.is_person is None and wanted == "person":
                entity.is_person = True
            return _Speaker(entity, item.text, item.end)
        # Nobody has spoken yet: the person named last ("Wood kam. …, sagte er.").
        last_person = self._last_person_before(item.start) if wanted != "organisation" else None
        return _Speaker(last_person, item.text, item.end) if last_person is not None else None

    def _description(
        self, items: list[_Item], lo: int, hi: int, *, source: bool = False
    ) -> _Speaker | None:
        """A speaker described rather than named: der Diplomat, eine Sprecherin, the company,
        Ein Sprecher des Verbands, officials. Resolved to an entity the text named before when
        the description points back to it."""
        words = [(j, it) for j, it in enumerate(items[lo:hi], lo) if it.word]
        if not words:
            return None
        classes = [(j, it, noun_class(it.text)) for j, it in words]
        heads = [(j, it, c) for j, it, c in classes if c is not None]
        if not heads:
            if not source or words[0][1].low in lx.PRONOUNS:
                return None
            # "according to county figures": the phrase itself says it is a source.
            start = words[1][1] if words[0][1].low in lx.DETERMINERS and len(words) > 1 else None
            np_text = self.text[(start or words[0][1]).start : words[-1][1].end]
            return _Speaker(self._description_entity(np_text, False), np_text, words[-1][1].end)
        j, head, head_class = heads[0]
        definite = items[lo].low in ("der", "die", "das", "des", "dem", "den", "the")
        end = items[(heads[-1][0] if len(heads) > 1 else j)].end
        np_text = self.text[items[lo].start : end]
        if items[lo].low in lx.DETERMINERS:
            np_text = self.text[items[lo + 1].start : end] if lo + 1 < hi else np_text
        if head_class == "role":
            genitive_orgs = [(k, it) for k, it, c in heads[1:] if c == "org"]
            if genitive_orgs:
                k, org = genitive_orgs[0]
                entity = self._refers_to(org, items[k - 1].low in ("des", "der", "the"))
                if entity is not None:
                    return _Speaker(entity, np_text, end)
                return _Speaker(self._description_entity(org.text, False), org.text, end)
            if head.low in lx.SPOKESPERSON_NOUNS or stem(head.low) in {
                stem(w) for w in lx.SPOKESPERSON_NOUNS
            }:
                # ihres Sprechers, his spokesman: the person's; eine Sprecherin: the body's.
                entity = self._last_speaker(person=items[lo].low in lx.POSSESSIVES)
                if entity is not None:
                    return _Speaker(entity, np_text, end)
            elif definite:
                entity = self._last_person_before(items[lo].start)
                if entity is not None:
                    return _Speaker(entity, np_text, end)
            return _Speaker(None, np_text, end)
        entity = self._refers_to(head, definite) if definite else None
        if entity is None and head.low in lx.COMPANY_NOUNS and definite:
            entity = self._last_speaker(person=False)
        if entity is not None:
            return _Speaker(entity, np_text, end)
        return _Speaker(self._description_entity(np_text, False), np_text, end)

    def _description_entity(self, text: str, is_person: bool) -> _Entity:
        key = "org:" + " ".join(stem(w) for w in SUBTOKEN.findall(text))
        entity = self._entity(key, text, is_person=is_person)
        return entity

    def _refers_to(self, head: _Item, definite: bool) -> _Entity | None:
        """The entity named earlier whose name ends in the same noun: die Gewerkschaft →
        Gewerkschaft Hafen und Logistik, des Verbands → Zentralverband der Hafenbetriebe."""
        if not definite:
            return None
        head_stem = stem(re.split(r"[-‐‑]", head.text)[-1])
        if len(head_stem) < 4:
            return None
        candidates: list[tuple[int, _Entity]] = []
        for entity in self.entities.values():
            if entity.first_start < 0 or entity.first_start >= head.start or entity.is_person:
                continue
            names = [entity.name, *(entity.actor.names if entity.actor else ())]
            if any(
                stem(word).endswith(head_stem) for name in names for word in SUBTOKEN.findall(name)
            ):
                last = max(m.start for m in self.mentions if m.entity is entity)
                candidates.append((last if last < head.start else entity.first_start, entity))
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def _last_speaker(self, *, person: bool) -> _Entity | None:
        for entity in reversed(self.speakers):
            if bool(entity.is_person) == person:
                return entity
        return None

    def _last_person_before(self, offset: int) -> _Entity | None:
        people = [m for m in self.mentions if m.entity.is_person and m.start < offset]
        return max(people, key=lambda m: m.start).entity if people else None

    # Dates -----------------------------------------------------------------------------------

    def _statement_date(
        self, items: list[_Item], anchor: _Anchor, speaker: _Speaker
    ) -> date | None:
        """The date said near the reporting verb: its clause before it, a few words after it (or
        after a speaker named after it), or an opening "On Monday,"."""
        if not items:
            return None
        lo = anchor.pos
        while lo > 0 and items[lo - 1].quote is None and items[lo - 1].text not in ",;:":
            lo -= 1
        region = [(items[lo].start, items[max(anchor.pos, anchor.verb)].start)]
        after = max(anchor.verb, anchor.pos) + 1
        if speaker.end > (items[after].start if after < len(items) else 0):
            while after < len(items) and items[after].start < speaker.end:
                after += 1
            if after < len(items) and items[after].text == ",":
                after += 1
        stop = after
        while stop < len(items) and stop - after < DATE_WINDOW:
            item = items[stop]
            if item.quote is not None or item.text in ",;:." or item.low in ("dass", "that", "ob"):
                break
            stop += 1
        if stop > after:
            region.append((items[after].start, items[stop - 1].end))
        words = [it for it in items if it.word]
        commas = [k for k, it in enumerate(items) if it.text == ","]
        if commas and commas[0] <= 4 and commas[0] < anchor.pos:
            region.append((items[0].start, items[commas[0]].start))
        anchor_at = items[anchor.verb].start
        best: tuple[int, date] | None = None
        for mention in self.dates:
            if mention.resolved is None or not words:
                continue
            if any(lo_ <= mention.start and mention.end <= hi_ for lo_, hi_ in region):
                gap = abs(mention.start - anchor_at)
                if best is None or gap < best[0]:
                    best = (gap, mention.resolved)
        return best[1] if best else None

    def _dates_in(self, sentence: Sentence, items: list[_Item]) -> list[date]:
        return [
            mention.resolved
            for mention in self.dates
            if mention.resolved is not None
            and sentence.start <= mention.start < sentence.end
            and not any(q.start <= mention.start < q.end for q in self.quotes)
        ]

    # Actors ----------------------------------------------------------------------------------

    def actor_suggestions(self) -> list[Suggestion]:
        """One suggestion per actor: known ones where first named, unknown people to create."""
        suggestions = []
        for entity in self.entities.values():
            if entity.first_start < 0:
                continue
            if entity.actor is None and not entity.is_person:
                continue
            start, end = entity.first_start, entity.first_end
            suggestions.append(
                Suggestion(
                    kind=ACTOR,
                    text=self.text[start:end],
                    start=start,
                    end=end,
                    name=entity.first_text if entity.actor else entity.name,
                    actor_id=entity.actor.id if entity.actor else None,
                    is_known=entity.actor is not None,
                )
            )
        return suggestions


def _clause_final(items: list[_Item], j: int) -> bool:
    """A separable particle ends its clause: "teilte das Ministerium mit." (not "mit Blick")."""
    return j + 1 >= len(items) or items[j + 1].quote is not None or not items[j + 1].word


def _stance(verb_class: str, negated: bool) -> str:
    if verb_class == lx.CONFIRM and negated:
        return "cannot_confirm"
    return lx.STANCE_OF_CLASS[verb_class]


def _adjective_like(low: str) -> bool:
    return low.endswith(("e", "en", "er", "es", "em", "isch")) and not low.isdigit()


def _key(name: str) -> str:
    return " ".join(stem(w) for w in SUBTOKEN.findall(name))


def _quantity(quantity: Quantity) -> Suggestion:
    return Suggestion(
        kind=QUANTITY,
        text=quantity.text,
        start=quantity.start,
        end=quantity.end,
        value=quantity.value,
        value_max=quantity.value_max,
        unit=quantity.unit,
        qualifier=quantity.qualifier,
    )


__all__ = [
    "ACTOR",
    "KINDS",
    "LANGUAGES",
    "QUANTITY",
    "QUOTE",
    "STATEMENT",
    "DateMention",
    "KnownActor",
    "Quantity",
    "Suggestion",
    "analyse_article",
    "find_dates",
    "find_quantities",
    "find_quotes",
    "resolve_relative_date",
    "split_sentences",
    "stem",
]
