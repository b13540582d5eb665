"""What kind of actor a name is, guessed from the name alone, for a new actor created from
intake: "Verteidigungsministerium" is a government body, "Korea Times" a media outlet, "Yonhap"
a news agency, "Markus Feldhaus" a person. The editor sees the guess and can change it.

The cues are one ordered table (CUES); the first row with a cue in the name wins, so the more
specific rows come first: an intelligence service before the government bodies ("Foreign
Intelligence Service" is a service, but an intelligence one), a news agency before the other
media ("Associated Press" is not a press outlet; "die Agentur" alone is a news agency, a
"Bundesagentur" a government body), the government bodies before the organisations. A cue
is matched against the name's words, casefolded:

- a word ("police") matches that word;
- a phrase ("white house") matches those words in a row;
- a cue starting with "-" ("-ministerium") matches a German compound ending in it
  (Verteidigungsministerium, Bundesregierung, Süddeutsche Zeitung's "zeitung" too).

No cue and a name written like a person's ("First Last", up to four capitalised words with
particles such as "von" or "al") gives a person; an acronym (NATO, OSZE) an organisation; and
anything else the caller's default, an organisation unless the caller knows better (the names
the analysis found as people's). The kinds are those of actors.models.ActorKind, as plain
strings: this package knows nothing of the database.
"""

from __future__ import annotations

import re

from .lexicon import GOVERNMENT_BODY, INTELLIGENCE_SERVICE, MEDIA_OUTLET, NEWS_AGENCY, words

PERSON, ORGANISATION, STATE = "person", "organisation", "state"

CUES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        INTELLIGENCE_SERVICE,
        words(
            "intelligence secret-service security-service spy -geheimdienst -nachrichtendienst "
            "verfassungsschutz cia fsb svr gru nis bnd mossad mi5 mi6 sbu hur kgb"
        ),
    ),
    (
        NEWS_AGENCY,
        words(
            "agentur news-agency press-agency wire-service -nachrichtenagentur -presseagentur "
            "presse-agentur associated-press reuters afp agence-france-presse dpa ap yonhap "
            "kyodo xinhua tass interfax ria-novosti ukrinform unian kcna ansa efe epd kna apa "
            "sda bloomberg"
        ),
    ),
    (
        GOVERNMENT_BODY,
        words(
            "ministry -ministerium government -regierung agency -agentur -behörde authority "
            "department office service -dienst -amt police -polizei army armee military militär "
            "armed-forces -streitkräfte navy air-force luftwaffe bundeswehr coast-guard "
            "-küstenwache commission kommission council rat parliament parlament bundestag "
            "senate senat congress kongress kremlin kreml pentagon white-house court -gericht "
            "prosecutor prosecutors -staatsanwaltschaft cabinet kabinett presidency "
            "präsidialamt chancellery -kanzleramt embassy -botschaft"
        ),
    ),
    (
        MEDIA_OUTLET,
        words(
            "news times -zeitung press presse post herald journal tribune "
            "gazette daily -blatt -kurier kurier -anzeiger rundschau nachrichten telegraph "
            "guardian observer chronicle magazine -magazin tv radio -rundfunk -fernsehen "
            "broadcasting broadcaster television channel media medien spiegel bbc cnn ard zdf "
            "tagesschau"
        ),
    ),
    (
        STATE,
        words(
            "republic -republik kingdom -königreich federation föderation emirates "
            "united-states vereinigte-staaten "
            # Capitals that stand for their state in news text ("Pyongyang has not confirmed").
            "pyongyang pjöngjang seoul moscow moskau kyiv kiew kiev washington beijing peking "
            "tokyo tokio berlin paris london"
        ),
    ),
    (
        ORGANISATION,
        words(
            "inc inc. gmbh ag se ltd ltd. llc plc corp corp. corporation company co. group "
            "-konzern holding bank foundation -stiftung institute -institut university "
            "-universität association -verband union party -partei committee -komitee "
            "organisation organization -organisation ngo united-nations "
            "vereinte-nationen red-cross international"
        ),
    ),
)
# Words of a person's name that are not capitalised: Ursula von der Leyen, Abu Bakr al-Baghdadi.
NAME_PARTICLES = words("von van der den de da di du del la le al el bin ibn zu ter")
_WORD = re.compile(r"[^\W\d_][\w.'’-]*", re.UNICODE)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*\.?$", re.UNICODE)


def guess_actor_kind(name: str, *, default: str = ORGANISATION) -> str:
    """The kind of actor `name` most likely names; `default` when nothing in it tells."""
    written = _WORD.findall(name)
    folded = [w.casefold() for w in written]
    for kind, cues in CUES:
        if any(_has_cue(folded, cue) for cue in cues):
            return kind
    if not written:
        return default
    if len(written) == 1 and written[0].isupper() and len(written[0]) > 1:
        return ORGANISATION  # an acronym: NATO, OSZE, UNICEF
    if _looks_like_a_person(written):
        return PERSON
    return default


def _has_cue(folded: list[str], cue: str) -> bool:
    if cue.startswith("-"):
        ending = cue[1:]
        return any(word.endswith(ending) for word in folded)
    parts = cue.split("-")
    if len(parts) == 1:
        return cue in folded
    # A phrase: its words in a row ("white house"), or written as one hyphenated word.
    if cue in folded:
        return True
    n = len(parts)
    return any(folded[i : i + n] == parts for i in range(len(folded) - n + 1))


def _looks_like_a_person(written: list[str]) -> bool:
    """Two to four capitalised name words, with lower-case particles between them."""
    names = [w for w in written if w.casefold() not in NAME_PARTICLES]
    if not 2 <= len(names) <= 4 or not written[0][0].isupper():
        return False
    return all(
        _NAME_WORD.match(w) and w[0].isupper() and not (w.isupper() and len(w) > 2) for w in names
    )
