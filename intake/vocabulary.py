# ruff: noqa: E501  (the table of VOCABULARY reads best one concept a line)
"""The newsroom's bilingual vocabulary: the words by which a German and an English text say the
same thing, so a statement accepted from a German article finds the claim an editor worded in
English ("Nordkorea hat 1.500 Soldaten nach Russland verlegt" → "North Korea has moved 1,500
soldiers to Russia"). Read by the claim matching of accepted statements (intake.selectors.
claim_proposals, scored in intake.matching).

## Extending it

One line of `VOCABULARY` per concept: its key, its English words, its German words, separated
by `|`; the words of a language separated by commas. Case does not matter. A word ending in `*`
stands for every word that begins with it (`soldier*`: soldier, soldiers; `Soldat*`: Soldat,
Soldaten, Soldatinnen); a word of several words is a phrase (`North Korea*` also finds "North
Korean"). German compounds are words of their own: list `Warnstreik*` beside `Streik*`, for a
word is matched from its start. A concept may have several words in each language (`troops`
and `soldiers` are one concept: the newsroom counts them alike). Keep to the words that say
what a claim is about (who, what, where); the reporting verbs and the small words are left out
on purpose, as they are in every statement. `tests/intake/test_claim_matching.py` checks that
every line parses.

Units that count the same thing for a claim's figure ("1,500 troops" is the claim "1,500
soldiers") are in `SAME_COUNT`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

VOCABULARY = """
# concept      | English                                            | German
north_korea    | North Korea*, DPRK, Pyongyang                      | Nordkorea*, Pjöngjang
south_korea    | South Korea*, Seoul                                | Südkorea*, Seoul
russia         | Russia*, Moscow, Kremlin                           | Russland*, russisch*, Moskau, Kreml
ukraine        | Ukrain*, Kyiv, Kiev                                | Ukrain*, Kiew
united_states  | United States, USA, US, U.S., American*, Washington | USA, US, amerikanisch*, Washington
china          | China, Chinese, Beijing                            | China, chinesisch*, Peking
europe         | Europe*, EU                                        | Europ*, EU
nato           | NATO                                               | Nato
united_nations | United Nations, UN, Security Council               | Vereinte* Nationen, UN, Sicherheitsrat*
soldiers       | soldier*, troop*, servicem?n                       | Soldat*, Truppe*, Streitkräfte*
special_forces | special forces, special operations                 | Spezialkräfte*, Spezialeinheit*
move           | moved, move*, sent, send*, deploy*, dispatch*      | verleg*, Verlegung*, geschickt, schicken, schickt, schickte*, entsandt, entsend*, Entsendung*
train          | training, trained                                  | ausgebildet, ausbild*, Ausbildung*
front          | front, frontline*, front line*                     | Front*
war            | war, wars, warfare                                 | Krieg*
fight          | fight*, combat*, battle*                           | kämpf*, Kampf*, Kämpfe*
support        | support*                                           | unterstütz*, Unterstützung*
cooperation    | cooperat*, alliance*, partnership*                 | Zusammenarbeit*, Kooperation*, Bündnis*, Partnerschaft*
security       | security                                           | Sicherheit*
interests      | interest*                                          | Interesse*
escalation     | escalat*                                           | Eskalation*, eskalier*
threat         | threat*, danger*                                   | Bedrohung*, Gefahr*, gefährlich*
nuclear        | nuclear, nuclear-armed                             | Atom*, nuklear*
missile        | missile*, rocket*                                  | Rakete*, Marschflugkörper*
drone          | drone*                                             | Drohne*
leaflet        | leaflet*, propaganda                               | Flugblatt*, Flugblätter*, Flugzettel*, Propaganda*
weapons        | weapon*, arms, ammunition, munitions, shells       | Waffe*, Munition*, Granate*
sanctions      | sanction*                                          | Sanktion*
intelligence   | intelligence, spy agency, spy service              | Geheimdienst*, Nachrichtendienst*
ministry       | ministry, ministries, State Department             | Ministerium*, Außenministerium*, Verteidigungsministerium*
government     | government*                                        | Regierung*
ambassador     | ambassador*, envoy*                                | Botschafter*, Gesandte*
sister         | sister                                             | Schwester
recovered      | recovered, discovered                              | gefunden, entdeckt, geborgen
debris         | parts, debris, wreckage                            | Teile, Trümmer*, Wrack*
total          | in total, altogether, overall                      | insgesamt
east           | east*                                              | Osten, östlich*, Ostrussland*
strike         | strike*, walkout*, industrial action               | Streik*, Warnstreik*, Ausstand*, bestreik*
union          | union*, labour union*, trade union*                | Gewerkschaft*
wages          | wage*, pay, pay rise*, salar*                      | Lohn*, Löhne*, Gehalt*, Gehälter*, Tarif*
rail           | rail*, railway*, train services                    | Bahn*, Zug, Züge*, Zugverkehr*
port           | port, ports, harbour*, harbor*, dock*              | Hafen*, Häfen*
jobs           | job*, job cuts, layoff*, redundanc*                | Stellen, Stellenabbau*, Arbeitsplätze*, Arbeitsplatz*, Entlassung*
carmaker       | carmaker*, automaker*, car maker*                  | Autobauer*, Autohersteller*, Autokonzern*
earthquake     | earthquake*, quake*, tremor*                       | Erdbeben*, Beben*
flood          | flood*, flooding                                   | Hochwasser*, Überschwemmung*, Flut*
storm          | storm*, cyclone*, hurricane*, typhoon*             | Sturm*, Stürme*, Zyklon*, Orkan*, Taifun*, Wirbelsturm*
wildfire       | wildfire*, forest fire*, bushfire*, blaze*         | Waldbrand*, Waldbrände*, Flächenbrand*, Buschfeuer*
dead           | dead, death*, died, killed, fatalit*               | Tote*, tot, getötet*, gestorben, Todesopfer*
injured        | injur*, wounded                                    | verletzt*, Verletzte*, verwundet*
missing        | missing                                            | vermisst*, Vermisste*
evacuated      | evacuat*                                           | evakuiert*, Evakuierung*
election       | election*, vote*, ballot*, poll, polls, polling    | Wahl, Wahlen, Wahlkampf*, Wahlergebnis*, Wahlbeteiligung*, Landtagswahl*, Bundestagswahl*, Abstimmung*
party          | party, parties                                     | Partei*
court          | court*, trial*, judge*                             | Gericht*, Prozess*, Richter*
fraud          | fraud*                                             | Betrug*, Betrüger*
measles        | measles                                            | Masern
vaccination    | vaccin*                                            | Impf*
outbreak       | outbreak*                                          | Ausbruch*
mine           | mining, miners, coal mine*, mine collapse          | Bergwerk*, Bergbau*, Bergleute*, Kumpel*, Grube*
percent        | percent, per cent                                  | Prozent*
"""

# Units of a figure that count the same thing (claims.units values; a claim's own quantity unit
# is free text, compared lower-cased): a figure in one matches a claim in another.
SAME_COUNT: tuple[frozenset[str], ...] = (
    frozenset({"soldiers", "troops"}),
    frozenset({"dead", "deaths", "casualties"}),
)


# Small words of both languages that say nothing about what a claim is about, and the reporting
# words every statement has. A word outside the vocabulary counts only when it is longer than
# three letters and not one of these.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """
    about after again against also been before being both could does doing down during each
    from further have having here into itself just more most much must only other over same
    should some such than that their them then there these they this those through under until
    very were what when where which while will with would your said says told added according
    reported reports report statement week weeks last first already since still

    aber alle allem allen aller alles also auch bereits bisher dabei damit dann darauf darüber
    dass dem demnach denen derzeit dessen diese diesem diesen dieser dieses doch dort durch eine
    einem einen einer eines etwa gegen habe haben hatte hatten heißt hieß hier ihre ihrem ihren
    ihrer immer jetzt kann könne können könnte könnten mehr nach nicht noch nun oder ohne schon
    sein seine seinem seinen seiner seit sich sie sind soll sollen sollte sowie über unter viel
    vom von vor war waren weiter welche wenn werde werden wird wurde wurden zudem zunächst zum
    zur zwei zwischen sagte sagt sagten erklärte erklärten teilte mitgeteilt berichtet berichte
    berichten berichtete berichteten bestätigt bestätigte bestätigten angaben zufolge

    monday tuesday wednesday thursday friday saturday sunday yesterday today
    montag dienstag mittwoch donnerstag freitag samstag sonntag gestern heute montagabend
    """
)


def _form_pattern(form: str) -> str:
    words = form.split()
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    pattern = r"\s+".join(parts).replace(r"\?", r"\w")  # servicem?n: serviceman, servicemen
    # An acronym keeps its case: "US" is not the "us" of "told us", "UN" not a "un".
    return f"(?-i:{pattern})" if form.isupper() else pattern


@dataclass(frozen=True)
class Concept:
    key: str
    english: tuple[str, ...]
    german: tuple[str, ...]
    pattern: re.Pattern[str]

    @property
    def forms(self) -> tuple[str, ...]:
        return (*self.english, *self.german)


def parse(vocabulary: str) -> tuple[Concept, ...]:
    """The concepts of a vocabulary written as `VOCABULARY` is; raises ValueError on a line
    that is not `key | English, … | German, …`."""
    concepts = []
    seen: set[str] = set()
    for number, raw in enumerate(vocabulary.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"Vocabulary line {number}: want 'key | English | German': {line!r}")
        key = parts[0]
        if key in seen:
            raise ValueError(f"Vocabulary line {number}: the concept {key!r} is listed twice.")
        seen.add(key)
        english, german = (
            tuple(form.strip() for form in part.split(",") if form.strip()) for part in parts[1:]
        )
        if not english or not german:
            raise ValueError(f"Vocabulary line {number}: {key!r} needs words in both languages.")
        alternatives = "|".join(_form_pattern(f) for f in dict.fromkeys((*english, *german)))
        # Whole words: "US" is not the start of "unser", "Front" not the end of "Confront".
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        concepts.append(Concept(key, english, german, pattern))
    return tuple(concepts)


@cache
def concepts() -> tuple[Concept, ...]:
    return parse(VOCABULARY)


@cache
def _concept_by_key() -> dict[str, Concept]:
    return {c.key: c for c in concepts()}


@dataclass(frozen=True)
class Terms:
    """What a text is about, in the vocabulary's concepts (by key) and its other content words
    (each cut to its first six letters, so "verlegt" and "Verlegung" meet, and marked with a
    leading `~` so a word never passes for a concept)."""

    concepts: frozenset[str]
    words: frozenset[str]

    @property
    def keys(self) -> frozenset[str]:
        return self.concepts | self.words

    def __bool__(self) -> bool:
        return bool(self.concepts or self.words)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
STEM_LETTERS = 6
WORD_MARK = "~"


# Claims' wordings come back for every statement of an article: read each once.
@lru_cache(maxsize=4096)
def terms(text: str) -> Terms:
    """The concepts a text names and its other content words."""
    found = set()
    covered: list[tuple[int, int]] = []
    for concept in concepts():
        for match in concept.pattern.finditer(text):
            found.add(concept.key)
            covered.append(match.span())
    words = set()
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) <= 3 or word in STOPWORDS:
            continue
        if any(start <= match.start() < end for start, end in covered):
            continue
        words.add(WORD_MARK + word[:STEM_LETTERS])
    return Terms(frozenset(found), frozenset(words))


def search_words(found: Terms, text: str, *, limit: int = 60) -> list[str]:
    """The words a full-text search for a claim about `text` looks for: its own content words,
    then every word, in both languages, of the concepts it names; at most `limit`. A word
    ending in `*` is a prefix; a phrase keeps its spaces."""
    wanted: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if WORD_MARK + word[:STEM_LETTERS].lower() in found.words:
            wanted.append(word)
    for key in sorted(found.concepts):
        wanted.extend(_concept_by_key()[key].forms)
    seen: dict[str, None] = {}
    for word in wanted:
        seen.setdefault(word.lower(), None)
    return list(seen)[:limit]


def label(key: str) -> str:
    """A term as a reader knows it: a concept by its first English word ("North Korea"), a
    content word by its stem ("verleg…")."""
    if key.startswith(WORD_MARK):
        return f"{key[len(WORD_MARK) :]}…"
    concept = _concept_by_key()[key]
    return concept.english[0].replace("*", "").replace("?", "a")


def same_count(unit: str, other: str) -> bool:
    """Whether two figures' units count the same thing ("soldiers" and "troops" do)."""
    a, b = unit.strip().lower(), other.strip().lower()
    if not a or not b:
        return False
    return a == b or any(a in family and b in family for family in SAME_COUNT)


def units_counting_alike(units: Iterable[str]) -> set[str]:
    """The units, lower-cased, with every unit that counts the same thing as one of them."""
    found = {u.strip().lower() for u in units if u.strip()}
    for family in SAME_COUNT:
        if found & family:
            found |= family
    return found
