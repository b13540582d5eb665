"""The worked example of shared/story.md: North Korean troops in Russia, October 2024.

Loaded by `manage.py load_demo`. Every row is keyed by a natural key, so loading twice changes
nothing. The story is replayed as if the newsroom had tracked it live: each row, its history,
each verdict change and each change event is recorded at its moment of the story (a few were
entered days after they were said), so "what did we know on 23 October?" has an answer.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.db import transaction

from actors.models import Actor, ActorKind, Affiliation, Alias
from claims import services
from claims.estimates import Estimate, EstimateKind, EstimateQualifier
from claims.models import (
    Claim,
    ClaimRelation,
    Credibility,
    DatePrecision,
    Measure,
    RelationKind,
    Stance,
    Statement,
    Topic,
    Verdict,
    VerdictChange,
)
from claims.quantities import NO_QUANTITY_FIELDS, Quantity, QuantityQualifier
from claims.units import Unit
from common import clock
from common.roles import ADMIN, ANALYST, EDITOR
from sources import services as source_services
from sources.models import Citation, Reliability, Source, SourceKind


def on(day: str) -> datetime:
    """Noon UTC of a story date: the same calendar day in every newsroom time zone."""
    return datetime.combine(date.fromisoformat(day), time(12), tzinfo=UTC)


# key: (name, kind, country, description, aliases)
ACTORS = {
    "nis": (
        "National Intelligence Service",
        ActorKind.INTELLIGENCE_SERVICE,
        "KR",
        "South Korea's intelligence service",
        ["NIS", "South Korean intelligence service", "südkoreanischer Geheimdienst"],
    ),
    "wood": (
        "Robert Wood",
        ActorKind.PERSON,
        "US",
        "Deputy US ambassador to the United Nations",
        [],
    ),
    "state_dept": (
        "US Department of State",
        ActorKind.GOVERNMENT_BODY,
        "US",
        "",
        ["State Department", "US-Außenministerium"],
    ),
    "nato": (
        "NATO",
        ActorKind.ORGANISATION,
        "",
        "North Atlantic Treaty Organization",
        ["Nato", "North Atlantic Treaty Organization"],
    ),
    "dprk_un": (
        "DPRK representative to the UN",
        ActorKind.PERSON,
        "KP",
        "Unnamed North Korean representative at the United Nations",
        ["North Korean UN representative", "nordkoreanischer UN-Vertreter"],
    ),
    "kim_yo_jong": (
        "Kim Yo Jong",
        ActorKind.PERSON,
        "KP",
        "Sister of Kim Jong Un",
        ["Kim Yo-jong", "Kim Jo Jong"],
    ),
    "kim_jong_un": (
        "Kim Jong Un",
        ActorKind.PERSON,
        "KP",
        "Leader of North Korea",
        ["Kim Jong-un", "Kim Jong-Un"],
    ),
    "kcna": (
        "Korean Central News Agency",
        ActorKind.MEDIA_OUTLET,
        "KP",
        "North Korean state media",
        ["KCNA", "KCNA Watch"],
    ),
    "zelensky": (
        "Volodymyr Zelensky",
        ActorKind.PERSON,
        "UA",
        "President of Ukraine",
        ["Selenskyj", "Zelenskyy", "Wolodymyr Selenskyj"],
    ),
    "zinoviev": (
        "Georgy Zinoviev",
        ActorKind.PERSON,
        "RU",
        "Russian ambassador to South Korea",
        ["Georgi Sinowjew"],
    ),
    "mfa_russia": (
        "Ministry of Foreign Affairs of Russia",
        ActorKind.GOVERNMENT_BODY,
        "RU",
        "",
        ["Russian foreign ministry", "russisches Außenministerium", "Moscow"],
    ),
    "gov_sk": (
        "Government of South Korea",
        ActorKind.GOVERNMENT_BODY,
        "KR",
        "",
        ["Seoul", "South Korean government", "südkoreanische Regierung"],
    ),
    "afp": ("AFP", ActorKind.NEWS_AGENCY, "FR", "Agence France-Presse", ["Agence France-Presse"]),
    "dpa": (
        "dpa",
        ActorKind.NEWS_AGENCY,
        "DE",
        "Deutsche Presse-Agentur",
        ["Deutsche Presse-Agentur"],
    ),
    "austin": ("Lloyd Austin", ActorKind.PERSON, "US", "US Secretary of Defense", []),
    "kirby": ("John Kirby", ActorKind.PERSON, "US", "White House spokesman", []),
    "rutte": ("Mark Rutte", ActorKind.PERSON, "NL", "NATO Secretary General", []),
    "gerasimov": (
        "Valery Gerasimov",
        ActorKind.PERSON,
        "RU",
        "Chief of the Russian General Staff",
        ["Waleri Gerassimow"],
    ),
    # Outlets that repeated the NIS figure (issue #16: origins, not copies).
    "yonhap": (
        "Yonhap News Agency",
        ActorKind.NEWS_AGENCY,
        "KR",
        "South Korean news agency",
        ["Yonhap"],
    ),
    "reuters": ("Reuters", ActorKind.NEWS_AGENCY, "GB", "", []),
    "korea_herald": ("The Korea Herald", ActorKind.MEDIA_OUTLET, "KR", "", ["Korea Herald"]),
    # Publishers of the cited sources.
    "un": ("United Nations", ActorKind.ORGANISATION, "", "", ["UN", "Vereinte Nationen"]),
    "ua_president": ("Office of the President of Ukraine", ActorKind.GOVERNMENT_BODY, "UA", "", []),
    "us_dod": (
        "US Department of Defense",
        ActorKind.GOVERNMENT_BODY,
        "US",
        "",
        ["Pentagon", "DoD"],
    ),
    "white_house": ("White House", ActorKind.GOVERNMENT_BODY, "US", "", ["Weißes Haus"]),
    "russia_mod": (
        "Ministry of Defence of Russia",
        ActorKind.GOVERNMENT_BODY,
        "RU",
        "",
        ["Russian MoD", "russisches Verteidigungsministerium"],
    ),
}

# (actor, organisation, role, start)
AFFILIATIONS = [
    ("wood", "state_dept", "Deputy US ambassador to the United Nations", None),
    ("zinoviev", "mfa_russia", "Russian ambassador to South Korea", None),
    ("austin", "us_dod", "Secretary of Defense", "2021-01-22"),
    ("kirby", "white_house", "National Security Communications Advisor", None),
    ("rutte", "nato", "Secretary General", "2024-10-01"),
    ("gerasimov", "russia_mod", "Chief of the General Staff", "2012-11-09"),
]

# key: (title, kind, publisher, published, language, reliability)
SOURCES = {
    "S1": (
        "AFP/dpa: US reacts to reported North Korean troop deployment to Russia",
        SourceKind.AGENCY_WIRE,
        "afp",
        "2024-10-22",
        "de",
        Reliability.B,
    ),
    "S2": (
        "NIS briefing to South Korean lawmakers on North Korean troops",
        SourceKind.INTELLIGENCE_BRIEFING,
        "nis",
        "2024-10-18",
        "ko",
        Reliability.B,
    ),
    "S3": (
        "UN Security Council meeting on Ukraine",
        SourceKind.TRANSCRIPT,
        "un",
        "2024-10-21",
        "en",
        Reliability.A,
    ),
    "S4": (
        "KCNA report on drone debris found in Pyongyang",
        SourceKind.STATE_MEDIA_REPORT,
        "kcna",
        "2024-10-19",
        "ko",
        Reliability.E,
    ),
    "S5": (
        "Zelensky video address",
        SourceKind.OFFICIAL_STATEMENT,
        "ua_president",
        "2024-10-21",
        "uk",
        Reliability.B,
    ),
    "S6": (
        "Russian foreign ministry readout of the ambassador's summons in Seoul",
        SourceKind.OFFICIAL_STATEMENT,
        "mfa_russia",
        "2024-10-21",
        "ru",
        Reliability.C,
    ),
    "S7": (
        "Remarks by US Secretary of Defense Lloyd Austin",
        SourceKind.TRANSCRIPT,
        "us_dod",
        "2024-10-23",
        "en",
        Reliability.A,
    ),
    "S8": (
        "White House press briefing",
        SourceKind.TRANSCRIPT,
        "white_house",
        "2024-10-23",
        "en",
        Reliability.A,
    ),
    "S9": (
        "NATO press conference on North Korean troops in Russia",
        SourceKind.TRANSCRIPT,
        "nato",
        "2024-10-28",
        "en",
        Reliability.A,
    ),
    "S10": (
        "Statement of the Russian General Staff on the Kursk region",
        SourceKind.OFFICIAL_STATEMENT,
        "russia_mod",
        "2025-04-26",
        "ru",
        Reliability.C,
    ),
    "S11": (
        "KCNA statement acknowledging the deployment",
        SourceKind.STATE_MEDIA_REPORT,
        "kcna",
        "2025-04-28",
        "ko",
        Reliability.C,
    ),
    # Reports repeating the NIS briefing: three more reports of the 1,500 soldiers, one origin.
    # Illustrative titles; what matters is whom each relies on.
    "R1": (
        "Yonhap: North Korea sends 1,500 special forces troops to Russia, NIS says",
        SourceKind.AGENCY_WIRE,
        "yonhap",
        "2024-10-18",
        "ko",
        Reliability.B,
    ),
    "R2": (
        "Reuters: North Korea has sent troops to Russia, South Korea's spy agency says",
        SourceKind.AGENCY_WIRE,
        "reuters",
        "2024-10-18",
        "en",
        Reliability.B,
    ),
    "R3": (
        "Korea Herald: 1,500 North Korean troops moved to Russia, citing Yonhap",
        SourceKind.NEWS_ARTICLE,
        "korea_herald",
        "2024-10-19",
        "en",
        Reliability.C,
    ),
}
CITATIONS = [
    *[("S1", cited) for cited in ("S2", "S3", "S4", "S5", "S6")],
    ("R1", "S2"),
    ("R2", "S2"),
    ("R3", "R1"),
]

TOPICS = {
    "troops": (
        "dprk-troops-in-russia",
        "DPRK troops in Russia",
        "Reports from October 2024 that North Korea sent soldiers to Russia.",
    ),
    "drones": (
        "drones-over-pyongyang",
        "Drones over Pyongyang",
        "North Korea's accusation that South Korea flew drones over its capital.",
    ),
}

# key: (topic, name, unit). What the story's figures count: how many soldiers are in Russia,
# and how many North Korea could send in all. Two measures, so one chart never mixes them.
MEASURES = {
    "in_russia": ("troops", "DPRK troops in Russia", Unit.SOLDIERS),
    "in_total": ("troops", "DPRK troops to be sent in total", Unit.SOLDIERS),
}


@dataclass(frozen=True)
class DemoClaim:
    topic: str
    text: str
    original_text: str
    claimant: str
    first_asserted: str
    precision: str = DatePrecision.DAY
    quantity: Quantity | None = None


CLAIMS = {
    "C0": DemoClaim(
        "troops",
        "North Korean soldiers have been sent to Russia to support its war against Ukraine",
        "Nordkorea hat Soldaten nach Russland geschickt, um den Krieg gegen die "
        "Ukraine zu unterstützen",
        "nis",
        "2024-10-18",
    ),
    "C1": DemoClaim(
        "troops",
        "North Korea has moved 1,500 soldiers to Russia",
        "Nordkorea hat 1500 Soldaten nach Russland verlegt",
        "nis",
        "2024-10-18",
        quantity=Quantity(Decimal(1500), "soldiers", QuantityQualifier.EXACT),
    ),
    "C2": DemoClaim(
        "troops",
        "North Korea could send about 12,000 soldiers in total",
        "Nordkorea könnte insgesamt rund 12.000 Soldaten schicken",
        "nis",
        "2024-10-18",
        quantity=Quantity(
            Decimal(12000), "soldiers", QuantityQualifier.APPROXIMATE, is_projection=True
        ),
    ),
    "C3": DemoClaim(
        "troops",
        "The soldiers are training in eastern Russia before being sent to the front in Ukraine",
        "Die Soldaten werden im Osten Russlands ausgebildet, bevor sie an die Front "
        "in der Ukraine geschickt werden",
        "nis",
        "2024-10-18",
    ),
    "C4": DemoClaim(
        "troops",
        "At least 3,000 North Korean soldiers have moved to eastern Russia",
        "",
        "kirby",
        "2024-10-23",
        quantity=Quantity(Decimal(3000), "soldiers", QuantityQualifier.AT_LEAST),
    ),
    "C5": DemoClaim(
        "drones",
        "South Korea flew drones carrying propaganda leaflets over Pyongyang",
        "Südkorea hat Drohnen mit Propaganda-Flugblättern über Pjöngjang fliegen lassen",
        "kim_yo_jong",
        "2024-10-01",
        precision=DatePrecision.MONTH,
    ),
    "C6": DemoClaim(
        "drones",
        "Parts of a South Korean drone were recovered in Pyongyang in October",
        "Teile einer südkoreanischen Drohne wurden im Oktober in Pjöngjang gefunden",
        "kcna",
        "2024-10-19",
    ),
    "C7": DemoClaim(
        "troops",
        "Russian–North Korean cooperation is not directed against South Korea's security interests",
        "Die russisch-nordkoreanische Zusammenarbeit richtet sich nicht gegen die "
        "Sicherheitsinteressen Südkoreas",
        "zinoviev",
        "2024-10-21",
    ),
}

RELATIONS = [("C4", RelationKind.REFINES, "C1")]


@dataclass(frozen=True)
class DemoStatement:
    actor: str
    stance: str
    claim: str
    source: str
    said: str
    quote: str
    credibility: int = Credibility.CANNOT_BE_JUDGED
    venue: str = ""
    # The figure the actor gives, and the measure it counts (a MEASURES key).
    estimate: Estimate | None = None
    measure: str = ""


def soldiers(
    value: int,
    qualifier: str,
    refers_to: str,
    *,
    kind: str = EstimateKind.OBSERVATION,
    precision: str = DatePrecision.DAY,
) -> Estimate:
    return Estimate(
        unit=Unit.SOLDIERS,
        qualifier=qualifier,
        value=Decimal(value),
        kind=kind,
        refers_to=date.fromisoformat(refers_to),
        refers_to_precision=precision,
    )


NIS_MOVED = soldiers(1500, EstimateQualifier.EXACT, "2024-10-18")
NIS_BY_DECEMBER = soldiers(
    10000,
    EstimateQualifier.APPROXIMATE,
    "2024-12-01",
    kind=EstimateKind.PROJECTION,
    precision=DatePrecision.MONTH,
)
NIS_IN_TOTAL = soldiers(
    12000,
    EstimateQualifier.UP_TO,
    "2024-12-31",
    kind=EstimateKind.PROJECTION,
    precision=DatePrecision.YEAR,
)
KIRBY_IN_RUSSIA = soldiers(3000, EstimateQualifier.AT_LEAST, "2024-10-23")

NIS_BRIEFING = (
    "1,500 soldiers have been moved to Russia, are training in the east, and up to about 12,000 "
    "could be sent in total"
)
NIS_FIGURE = "North Korea has moved 1,500 special forces soldiers to Russia."
STATEMENTS = [
    DemoStatement(
        "nis",
        Stance.ASSERTS,
        "C1",
        "S2",
        "2024-10-18",
        NIS_BRIEFING,
        Credibility.PROBABLY_TRUE,
        estimate=NIS_MOVED,
        measure="in_russia",
    ),
    DemoStatement(
        "nis",
        Stance.ASSERTS,
        "C2",
        "S2",
        "2024-10-18",
        NIS_BRIEFING,
        Credibility.POSSIBLY_TRUE,
        estimate=NIS_IN_TOTAL,
        measure="in_total",
    ),
    # The same figure repeated: three more reports, all leading back to the NIS briefing.
    *[
        DemoStatement(
            "nis",
            Stance.ASSERTS,
            "C1",
            report,
            said,
            NIS_FIGURE,
            Credibility.PROBABLY_TRUE,
            estimate=NIS_MOVED,
            measure="in_russia",
        )
        for report, said in (
            ("R1", "2024-10-18"),
            ("R2", "2024-10-18"),
            ("R3", "2024-10-18"),
        )
    ],
    DemoStatement(
        "nis",
        Stance.ASSERTS,
        "C3",
        "S2",
        "2024-10-18",
        "The soldiers are training in eastern Russia; about 10,000 are expected there by "
        "December, before they are sent to the front.",
        Credibility.POSSIBLY_TRUE,
        estimate=NIS_BY_DECEMBER,
        measure="in_russia",
    ),
    DemoStatement(
        "wood",
        Stance.COMMENTS,
        "C0",
        "S3",
        "2024-10-21",
        "If true, a dangerous and highly concerning development. It would mean a clear "
        "deepening of military ties; the US is consulting its allies.",
        Credibility.CANNOT_BE_JUDGED,
        venue="UN Security Council",
    ),
    DemoStatement(
        "dprk_un",
        Stance.DENIES,
        "C0",
        "S3",
        "2024-10-21",
        "The reports aim to damage the DPRK's reputation and undermine legitimate, "
        "friendly relations between sovereign states.",
        Credibility.IMPROBABLE,
        venue="UN Security Council",
    ),
    DemoStatement(
        "state_dept",
        Stance.CANNOT_CONFIRM,
        "C0",
        "S1",
        "2024-10-21",
        "We cannot yet confirm whether the reports are accurate.",
    ),
    DemoStatement(
        "nato",
        Stance.CANNOT_CONFIRM,
        "C0",
        "S1",
        "2024-10-21",
        "NATO has not confirmed the reports; if true, it would be a significant escalation.",
    ),
    DemoStatement(
        "kim_yo_jong",
        Stance.DISPUTES,
        "C0",
        "S1",
        "2024-10-21",
        "Seoul and Kyiv make indiscriminate, unproven statements against nuclear-armed states.",
        Credibility.DOUBTFUL,
    ),
    DemoStatement(
        "kim_yo_jong",
        Stance.ASSERTS,
        "C5",
        "S1",
        "2024-10-21",
        "The South again sent drones over Pyongyang, a despicable provocation that is "
        "under investigation.",
        Credibility.DOUBTFUL,
    ),
    DemoStatement(
        "kcna",
        Stance.ASSERTS,
        "C6",
        "S4",
        "2024-10-19",
        "Parts of a South Korean drone were recovered in Pyongyang.",
        Credibility.DOUBTFUL,
    ),
    DemoStatement(
        "zelensky",
        Stance.SUPPORTS,
        "C0",
        "S5",
        "2024-10-21",
        "If North Korea can interfere in a war in Europe, pressure on the regime is "
        "clearly not enough.",
        Credibility.POSSIBLY_TRUE,
    ),
    DemoStatement(
        "zinoviev",
        Stance.ASSERTS,
        "C7",
        "S6",
        "2024-10-21",
        "The cooperation between Russia and North Korea is not aimed at South Korea's "
        "security interests.",
        Credibility.DOUBTFUL,
        venue="Seoul",
    ),
    DemoStatement(
        "mfa_russia",
        Stance.CANNOT_CONFIRM,
        "C0",
        "S6",
        "2024-10-21",
        "Moscow did not confirm the reports.",
    ),
    DemoStatement(
        "austin",
        Stance.SUPPORTS,
        "C0",
        "S7",
        "2024-10-23",
        "There is evidence that there are North Korean troops in Russia.",
        Credibility.PROBABLY_TRUE,
    ),
    DemoStatement(
        "kirby",
        Stance.ASSERTS,
        "C4",
        "S8",
        "2024-10-23",
        "At least 3,000 North Korean soldiers moved to eastern Russia in October.",
        Credibility.PROBABLY_TRUE,
        venue="White House press briefing",
        estimate=KIRBY_IN_RUSSIA,
        measure="in_russia",
    ),
    DemoStatement(
        "rutte",
        Stance.SUPPORTS,
        "C0",
        "S9",
        "2024-10-28",
        "North Korean troops have been sent to Russia and units have been deployed to "
        "the Kursk region.",
        Credibility.CONFIRMED,
        venue="NATO headquarters",
    ),
    DemoStatement(
        "gerasimov",
        Stance.SUPPORTS,
        "C0",
        "S10",
        "2025-04-26",
        "North Korean soldiers fought in the liberation of the Kursk region.",
        Credibility.CONFIRMED,
    ),
    DemoStatement(
        "kcna",
        Stance.SUPPORTS,
        "C0",
        "S11",
        "2025-04-28",
        "North Korea acknowledges the deployment of its troops to Russia.",
        Credibility.CONFIRMED,
    ),
]

# (claim, when, to, rationale, evidence)
VERDICT_HISTORY = [
    (
        "C0",
        "2024-10-21",
        Verdict.DISPUTED,
        "Asserted by the NIS, denied by the DPRK; neither the US nor NATO can confirm.",
        [],
    ),
    (
        "C6",
        "2024-10-21",
        Verdict.DISPUTED,
        "The only source is North Korean state media; no independent confirmation.",
        ["S4"],
    ),
    (
        "C1",
        "2024-10-23",
        Verdict.PARTLY_CONFIRMED,
        "The deployment is confirmed; the US gives a higher figure (C4).",
        ["S8"],
    ),
    (
        "C0",
        "2024-10-28",
        Verdict.CONFIRMED,
        "The US defense secretary and the NATO secretary general confirm the deployment.",
        ["S7", "S9"],
    ),
]

DEMO_USERS = {
    ANALYST: ("analyst-demo-2024", False, False),  # password, staff, superuser
    EDITOR: ("editor-demo-2024", True, False),
    ADMIN: ("admin-demo-2024", True, True),
}


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)  # username -> password, if set now

    def count(self, kind: str, created: bool) -> None:
        self.created[kind] = self.created.get(kind, 0) + int(created)


# The newsroom starts following the story the morning the NIS briefing is reported: the
# directory (actors, topics) is entered then.
STORY_START = datetime(2024, 10, 18, 8, 0, tzinfo=UTC)
# Most rows are entered the day they were said. These were entered later, so that the two
# clocks tell different stories: the NIS's projection of 12,000 was noticed in a later reading
# of the briefing, and the UN transcript with the DPRK's denial came days after the meeting.
# "as_of=2024-10-23" leaves them out, "said_by=2024-10-23" has them.
ENTERED_LATE = {
    "C2": datetime(2024, 10, 25, 9, 30, tzinfo=UTC),
    ("nis", "C2"): datetime(2024, 10, 25, 9, 30, tzinfo=UTC),
    ("dprk_un", "C0"): datetime(2024, 10, 24, 10, 0, tzinfo=UTC),
}
# Editors decide in the afternoon of the day the news came in.
DECIDED_AFTER = timedelta(hours=4)

# The order of writes entered at the same moment: what a write refers to is entered first.
DIRECTORY, SOURCE, CITATION, CLAIM, RELATION, STATEMENT, VERDICT = range(7)


@transaction.atomic
def load_demo(*, set_passwords: bool) -> DemoSummary:
    """Load the worked example; safe to run again (a second run creates nothing).

    The story is replayed in the order the newsroom would have entered it, each write recorded
    at its moment of the story (common.clock), so that the rows, their history, the verdict
    changes and the changes feed all carry those moments and "as of 19 October" can be asked.

    `set_passwords`: give new demo users their documented passwords (only in DEBUG); otherwise
    they get unusable passwords and an admin sets real ones.
    """
    summary = DemoSummary()
    users = _demo_users(summary, set_passwords=set_passwords)
    actors: dict[str, Actor] = {}
    sources: dict[str, Source] = {}
    topics: dict[str, Topic] = {}
    claims: dict[str, Claim] = {}
    measures: dict[str, Measure] = {}
    steps: list[tuple[datetime, int, Callable[[], None]]] = []

    def directory() -> None:
        for key, (name, kind, country, description, aliases) in ACTORS.items():
            actor, created = Actor.objects.get_or_create(
                name=name, kind=kind, country=country, defaults={"description": description}
            )
            summary.count("actors", created)
            actors[key] = actor
            for alias in aliases:
                _, created = Alias.objects.get_or_create(actor=actor, name=alias)
                summary.count("aliases", created)
        for actor_key, org_key, role, start in AFFILIATIONS:
            _, created = Affiliation.objects.get_or_create(
                actor=actors[actor_key],
                organisation=actors[org_key],
                role=role,
                defaults={"start_date": date.fromisoformat(start) if start else None},
            )
            summary.count("affiliations", created)
        for key, (slug, title, description) in TOPICS.items():
            topics[key], created = Topic.objects.get_or_create(
                slug=slug, defaults={"title": title, "description": description}
            )
            summary.count("topics", created)
        for key, (topic_key, name, unit) in MEASURES.items():
            existing = Measure.objects.filter(topic=topics[topic_key], name=name).first()
            measures[key] = existing or services.estimates.measure_create(
                topic=topics[topic_key], name=name, unit=unit, editor=None
            )
            summary.count("measures", existing is None)

    steps.append((STORY_START, DIRECTORY, directory))

    def source_step(key: str) -> Callable[[], None]:
        title, source_kind, publisher, published, language, reliability = SOURCES[key]

        def enter() -> None:
            sources[key], created = Source.objects.get_or_create(
                title=title,
                publisher=actors[publisher],
                defaults={
                    "kind": source_kind,
                    "published_at": on(published),
                    "language": language,
                    "reliability": reliability,
                },
            )
            summary.count("sources", created)

        return enter

    for key, (*_, published, _language, _reliability) in SOURCES.items():
        steps.append((on(published), SOURCE, source_step(key)))

    def citation_step(citing: str, cited: str) -> Callable[[], None]:
        def enter() -> None:
            created = not Citation.objects.filter(
                citing=sources[citing], cited=sources[cited]
            ).exists()
            if created:
                source_services.cite_source(
                    citing=sources[citing], cited=sources[cited], editor=None
                )
            summary.count("citations", created)

        return enter

    for citing, cited in CITATIONS:
        steps.append((on(SOURCES[citing][3]), CITATION, citation_step(citing, cited)))

    def claim_entered(key: str) -> datetime:
        # A claim first asserted before the newsroom followed the story (C5, "in October")
        # is entered when the story starts.
        return ENTERED_LATE.get(key) or max(on(CLAIMS[key].first_asserted), STORY_START)

    def claim_step(key: str) -> Callable[[], None]:
        demo = CLAIMS[key]

        def enter() -> None:
            claims[key], created = Claim.objects.get_or_create(
                topic=topics[demo.topic],
                text=demo.text,
                defaults={
                    "original_text": demo.original_text,
                    "original_language": "de" if demo.original_text else "",
                    "claimant": actors[demo.claimant],
                    "first_asserted_on": date.fromisoformat(demo.first_asserted),
                    "first_asserted_precision": demo.precision,
                    **(demo.quantity.as_fields() if demo.quantity else NO_QUANTITY_FIELDS),
                },
            )
            summary.count("claims", created)

        return enter

    for key in CLAIMS:
        steps.append((claim_entered(key), CLAIM, claim_step(key)))

    def relation_step(from_key: str, relation_kind: str, to_key: str) -> Callable[[], None]:
        def enter() -> None:
            _, created = ClaimRelation.objects.get_or_create(
                from_claim=claims[from_key], to_claim=claims[to_key], kind=relation_kind
            )
            summary.count("relations", created)

        return enter

    for from_key, relation_kind, to_key in RELATIONS:
        entered = max(claim_entered(from_key), claim_entered(to_key))
        steps.append((entered, RELATION, relation_step(from_key, relation_kind, to_key)))

    def statement_step(row: DemoStatement) -> Callable[[], None]:
        def enter() -> None:
            claim, actor, source = claims[row.claim], actors[row.actor], sources[row.source]
            exists = Statement.objects.filter(
                claim=claim, actor=actor, source=source, stance=row.stance
            ).exists()
            if not exists:
                services.record_statement(
                    claim=claim,
                    actor=actor,
                    source=source,
                    stance=row.stance,
                    recorded_by=None,
                    quote=row.quote,
                    quote_language="en",
                    said_at=on(row.said),
                    venue=row.venue,
                    credibility=row.credibility,
                    estimate=row.estimate.with_measure(measures[row.measure].pk)
                    if row.estimate
                    else None,
                )
            summary.count("statements", not exists)

        return enter

    for statement in STATEMENTS:
        # Known once the source reporting it is: what S1 (22 October) reports of the 21st is
        # entered on the 22nd.
        entered = ENTERED_LATE.get((statement.actor, statement.claim)) or max(
            on(statement.said), on(SOURCES[statement.source][3])
        )
        steps.append((entered, STATEMENT, statement_step(statement)))

    def verdict_step(
        claim_key: str, when: str, to: str, rationale: str, evidence: list[str]
    ) -> Callable[[], None]:
        def enter() -> None:
            claim = claims[claim_key]
            exists = VerdictChange.objects.filter(claim=claim, to_verdict=to).exists()
            if not exists:
                claim.refresh_from_db()
                services.change_verdict(
                    claim,
                    to=to,
                    editor=users[EDITOR],
                    rationale=rationale,
                    evidence=[sources[key] for key in evidence],
                    expected_version=claim.version,
                    decided_at=on(when),
                )
            summary.count("verdict changes", not exists)

        return enter

    for claim_key, when, to, rationale, evidence in VERDICT_HISTORY:
        steps.append(
            (
                on(when) + DECIDED_AFTER,
                VERDICT,
                verdict_step(claim_key, when, to, rationale, evidence),
            )
        )

    steps.sort(key=lambda step: (step[0], step[1]))
    for moment, _order, enter in steps:
        with clock.recording_at(moment):
            enter()
    return summary


def reset_demo_passwords() -> list[str]:
    """Give the demo users that exist their documented passwords again (someone changed one, or
    the demo was loaded with DEBUG off); returns their names. Creates no user."""
    users = list(get_user_model().objects.filter(username__in=DEMO_USERS).order_by("username"))
    for user in users:
        user.set_password(DEMO_USERS[user.username][0])
        user.save(update_fields=["password"])
    return [user.username for user in users]


def _demo_users(summary: DemoSummary, *, set_passwords: bool) -> dict[str, User]:
    users = {}
    for name, (password, is_staff, is_superuser) in DEMO_USERS.items():
        user, created = get_user_model().objects.get_or_create(
            username=name, defaults={"is_staff": is_staff, "is_superuser": is_superuser}
        )
        if created:
            if set_passwords:
                user.set_password(password)
                summary.users[name] = password
            else:
                user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=name))
        summary.count("users", created)
        users[name] = user
    return users
