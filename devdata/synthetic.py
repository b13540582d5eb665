"""Synthetic ClaimTrack data for performance work: `manage.py seed_synthetic --claims N`.

`SyntheticData` generates rows, not model instances: one tuple per row in the column order of
`TABLES`, handed out a chunk of claims at a time (`SyntheticData.chunks`), so memory stays
bounded and the command can COPY them into PostgreSQL or bulk_create them elsewhere.

The shape follows the worked example (devdata.demo) at scale:

- topics run for weeks, overlap, and each has a cast of actors from two countries;
- actors are people, governments, ministries, intelligence services, media outlets and news
  agencies from about forty countries, with aliases in other spellings, languages and scripts;
- every statement is recorded in a source; articles, wires and transcripts of one topic and day
  carry several statements, wire reports cite briefings and articles cite wires (provenance
  chains), and checked sources have snapshots consistent with their health;
- about one claim in four has a quantity, some with an upper bound, some projections;
- verdict histories are chained (each change starts from the previous verdict) and end in the
  claim's verdict, with `Claim.version == 1 + number of changes`;
- review flags are opened the way the services open them (a statement contradicting the
  verdict, a source that changed or vanished, a stale claim), some since resolved, never two
  open for the same claim, reason and source;
- a ChangeEvent for every statement, verdict change and flag, with the services' payloads, in
  time order: event ids grow with `occurred_at` across the whole run.

Determinism: everything is drawn from random.Random streams seeded by the seed, including
UUIDs and timestamps (the synthetic newsroom's clock ends on `END`), so the same seed gives the
same rows. Primary keys are allocated from the `IdBases` the caller passes (above the current
maximum of each table) and actors already in the database are reused by (name, kind, country),
so only ids and reused actors depend on what the database held before.
"""

import hashlib
import math
import random
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.text import slugify

from actors.models import Actor, ActorKind, Affiliation, Alias
from claims.models import (
    ChangeEvent,
    Claim,
    ClaimRelation,
    DatePrecision,
    EventKind,
    FlagReason,
    QuantityQualifier,
    RelationKind,
    ReviewFlag,
    Stance,
    Statement,
    Topic,
    Verdict,
    VerdictChange,
)
from sources.models import Citation, Health, Snapshot, Source, SourceKind

EDITOR_USERNAME = "synthetic-editor"
# The synthetic newsroom's clock: claims are recorded between START and CLAIMS_END, and nothing
# happens after END. Fixed, so that a seed gives the same rows whenever it runs.
START = datetime(2019, 1, 1, tzinfo=UTC)
CLAIMS_END = datetime(2025, 1, 31, tzinfo=UTC)
END = datetime(2025, 6, 30, tzinfo=UTC)
_START_S = int(START.timestamp())
_CLAIMS_SPAN_S = int((CLAIMS_END - START).total_seconds())
_END_S = int(END.timestamp())
DAY, HOUR = 86_400, 3_600

STATEMENTS_PER_CLAIM = 3
# The timeline benchmark needs a few claims with a long history: the first claim of the first
# topic, and one more every HEAVY_EVERY claims.
HEAVY_STATEMENTS = 500
HEAVY_EVERY = 250_000
CLAIMS_PER_TOPIC = 100
CHUNK_CLAIMS = 20_000


def topic_slug_prefix(seed: int) -> str:
    """Every topic of a run starts with this; the command uses it to refuse a repeated seed."""
    return f"synthetic-{seed}-"


# --- Tables ---------------------------------------------------------------------------------


class Table:
    def __init__(self, model: type[models.Model], columns: str) -> None:
        self.model = model
        self.columns: tuple[str, ...] = tuple(columns.split())  # attnames, in row order


TABLES: dict[str, Table] = {
    # In foreign-key order: a table only refers to tables above it.
    "actor": Table(Actor, "id public_id name kind country description wikidata_qid recorded_at"),
    "alias": Table(Alias, "id actor_id name language recorded_at"),
    "affiliation": Table(
        Affiliation,
        "id actor_id organisation_id role start_date end_date recorded_at",
    ),
    "topic": Table(Topic, "id public_id slug title description recorded_at"),
    "source": Table(
        Source,
        "id public_id title url publisher_id published_at language kind reliability text "
        "health health_changed_at last_checked_at next_check_at check_interval "
        "consecutive_failures recorded_at",
    ),
    "citation": Table(Citation, "id citing_id cited_id note recorded_at"),
    "snapshot": Table(
        Snapshot,
        "id source_id fetched_at requested_url final_url redirect_chain status_code etag "
        "last_modified byte_count content_hash text changed diff health error due_at "
        "recorded_at",
    ),
    "claim": Table(
        Claim,
        "id public_id topic_id text original_text original_language claimant_id "
        "first_asserted_on first_asserted_precision quantity_value quantity_max quantity_unit "
        "quantity_qualifier quantity_is_projection verdict version recorded_at updated_at",
    ),
    "claimrelation": Table(ClaimRelation, "id from_claim_id to_claim_id kind note recorded_at"),
    "statement": Table(
        Statement,
        "id public_id claim_id actor_id source_id stance quote quote_language translation "
        "said_at venue credibility recorded_by_id recorded_at",
    ),
    "verdictchange": Table(
        VerdictChange,
        "id public_id claim_id from_verdict to_verdict editor_id rationale version decided_at "
        "recorded_at",
    ),
    "evidence": Table(VerdictChange.evidence.through, "id verdictchange_id source_id"),
    "reviewflag": Table(
        ReviewFlag,
        "id public_id claim_id reason status detail source_id statement_id opened_at "
        "resolved_at resolved_by_id resolution_note recorded_at",
    ),
    "changeevent": Table(ChangeEvent, "id kind claim_id source_id payload occurred_at"),
}
# JSON columns arrive as JSON text (what COPY wants); other writers decode them.
JSON_COLUMNS = {("snapshot", "redirect_chain"), ("changeevent", "payload")}

Chunk = dict[str, list[tuple[Any, ...]]]


@dataclass
class IdBases:
    """The first primary key to use per table (one above the table's current maximum)."""

    next_id: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 1))

    def take(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value


# --- Word lists -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    code: str
    en: str
    de: str
    capital: str
    style: str  # how people there are named
    language: str  # what its media publish in


COUNTRIES = [
    Country(*row)
    for row in [
        ("NO", "Norway", "Norwegen", "Oslo", "nordic", "no"),
        ("SE", "Sweden", "Schweden", "Stockholm", "nordic", "sv"),
        ("DK", "Denmark", "Dänemark", "Copenhagen", "nordic", "da"),
        ("FI", "Finland", "Finnland", "Helsinki", "fi", "fi"),
        ("EE", "Estonia", "Estland", "Tallinn", "fi", "et"),
        ("PL", "Poland", "Polen", "Warsaw", "pl", "pl"),
        ("DE", "Germany", "Deutschland", "Berlin", "de", "de"),
        ("AT", "Austria", "Österreich", "Vienna", "de", "de"),
        ("FR", "France", "Frankreich", "Paris", "fr", "fr"),
        ("BE", "Belgium", "Belgien", "Brussels", "fr", "fr"),
        ("IT", "Italy", "Italien", "Rome", "it", "it"),
        ("ES", "Spain", "Spanien", "Madrid", "es", "es"),
        ("PT", "Portugal", "Portugal", "Lisbon", "pt", "pt"),
        ("GB", "Britain", "Großbritannien", "London", "en", "en"),
        ("IE", "Ireland", "Irland", "Dublin", "en", "en"),
        ("HU", "Hungary", "Ungarn", "Budapest", "hu", "hu"),
        ("RO", "Romania", "Rumänien", "Bucharest", "ro", "ro"),
        ("BG", "Bulgaria", "Bulgarien", "Sofia", "ru", "bg"),
        ("RS", "Serbia", "Serbien", "Belgrade", "sl", "sr"),
        ("HR", "Croatia", "Kroatien", "Zagreb", "sl", "hr"),
        ("GR", "Greece", "Griechenland", "Athens", "el", "el"),
        ("RU", "Russia", "Russland", "Moscow", "ru", "ru"),
        ("BY", "Belarus", "Belarus", "Minsk", "ru", "be"),
        ("GE", "Georgia", "Georgien", "Tbilisi", "ka", "ka"),
        ("AM", "Armenia", "Armenien", "Yerevan", "hy", "hy"),
        ("AZ", "Azerbaijan", "Aserbaidschan", "Baku", "az", "az"),
        ("KZ", "Kazakhstan", "Kasachstan", "Astana", "ru", "kk"),
        ("IL", "Israel", "Israel", "Jerusalem", "he", "he"),
        ("JO", "Jordan", "Jordanien", "Amman", "ar", "ar"),
        ("QA", "Qatar", "Katar", "Doha", "ar", "ar"),
        ("EG", "Egypt", "Ägypten", "Cairo", "ar", "ar"),
        ("MA", "Morocco", "Marokko", "Rabat", "ar", "ar"),
        ("NG", "Nigeria", "Nigeria", "Abuja", "ng", "en"),
        ("KE", "Kenya", "Kenia", "Nairobi", "ke", "en"),
        ("ZA", "South Africa", "Südafrika", "Pretoria", "en", "en"),
        ("IN", "India", "Indien", "New Delhi", "hi", "hi"),
        ("PK", "Pakistan", "Pakistan", "Islamabad", "ar", "ur"),
        ("CN", "China", "China", "Beijing", "zh", "zh"),
        ("TW", "Taiwan", "Taiwan", "Taipei", "zh", "zh"),
        ("JP", "Japan", "Japan", "Tokyo", "ja", "ja"),
        ("KR", "South Korea", "Südkorea", "Seoul", "ko", "ko"),
        ("KP", "North Korea", "Nordkorea", "Pyongyang", "ko", "ko"),
        ("VN", "Vietnam", "Vietnam", "Hanoi", "vi", "vi"),
        ("ID", "Indonesia", "Indonesien", "Jakarta", "id", "id"),
        ("AU", "Australia", "Australien", "Canberra", "en", "en"),
        ("CA", "Canada", "Kanada", "Ottawa", "en", "en"),
        ("MX", "Mexico", "Mexiko", "Mexico City", "es", "es"),
        ("BR", "Brazil", "Brasilien", "Brasília", "pt", "pt"),
        ("AR", "Argentina", "Argentinien", "Buenos Aires", "es", "es"),
        ("CL", "Chile", "Chile", "Santiago", "es", "es"),
        ("CO", "Colombia", "Kolumbien", "Bogotá", "es", "es"),
    ]
]


class NameStyle:
    """How to make up plausible names in one naming tradition.

    Word lists are whitespace-separated; town endings are separated by "|" since some start
    with a space ("| del Río" gives "Almar del Río").
    """

    def __init__(
        self,
        males: str,
        females: str,
        stems: str,  # surname = stem + ending, or a whole surname when there are no endings
        endings: str = "",
        *,
        female_endings: Mapping[str, str] | None = None,  # male ending -> female ending
        family_first: bool = False,
        double_surname: bool = False,
        towns: str = "",
    ) -> None:
        self.males, self.females = males.split(), females.split()
        self.stems, self.endings = stems.split(), endings.split()
        self.female_endings = female_endings or {}
        self.family_first = family_first
        self.double_surname = double_surname
        self.town_endings = towns.split("|")


# fmt: off
STYLES: dict[str, NameStyle] = {
    "en": NameStyle(
        "James Oliver Daniel Thomas Samuel George Michael Peter Owen",
        "Emma Olivia Grace Sarah Helen Claire Ruth Alice Fiona",
        "Ash Brad Cal Dun Fair Hal Kings Mor Penn Red Whit Wood Hart Lang Black Stan Thorn Brook",
        "ford ley ton well wick by field more er son den",
        towns="ford|ton|bury|field|port|mouth|wick",
    ),
    "ng": NameStyle(
        "Chinedu Emeka Tunde Babajide Oluwaseun Ibrahim Musa Obinna",
        "Ngozi Adaeze Folake Ifeoma Amaka Aisha Funmilayo Chiamaka",
        "Okafor Adeyemi Okonkwo Balogun Eze Bello Nwosu Adebayo Olawale Obi Abubakar Chukwu "
        "Danjuma Lawal Onyekachi Afolabi",
        towns="|-Ekiti| Central",
    ),
    "ke": NameStyle(
        "David Peter Joseph Brian Dennis Samuel Kipchoge Otieno",
        "Grace Mercy Faith Wanjiru Akinyi Njeri Chebet Wambui",
        "Otieno Kamau Mwangi Ochieng Kiprop Wanjala Njoroge Kariuki Omondi Mutua Kibet Odhiambo "
        "Kimani Wafula Ruto Koech",
        towns="|ni",
    ),
    "de": NameStyle(
        "Jonas Lukas Matthias Stefan Felix Jürgen Tobias Florian Uwe",
        "Anna Katrin Sabine Lea Sophie Jutta Bärbel Franziska Heike",
        "Stein Berg Hof Brand Kessel Lind Wald Roth Krög Müll Schwarz Weiß Hölz Bäck Groß Kühn "
        "Falk Vogt Wiesen",
        "er mann berger meier huber hardt ler bach inger stätter",
        towns="burg|hausen|stadt|dorf|heim|feld|brück",
    ),
    "fr": NameStyle(
        "Jean Luc Antoine Étienne Mathieu Olivier François Rémi",
        "Camille Élise Manon Chloé Margaux Hélène Amélie Inès",
        "Dub Lef Mor Gar Laur Roch Faur Bon Merc Chev Ber Lamb Rouss Perr Blanch Gauth",
        "ois èvre eau nier ent on ier et and ault",
        towns="ville|court|mont|bourg|-sur-Mer|-les-Bains",
    ),
    "es": NameStyle(
        "Javier Carlos Alejandro José Andrés Raúl Diego Sergio",
        "Lucía María Carmen Elena Sofía Paula Isabel Marta",
        "García Fernández López Martínez Sánchez Romero Navarro Domínguez Gutiérrez Ortega "
        "Delgado Castillo Morales Vázquez Herrera Jiménez Ruiz Álvarez Muñoz Iglesias Peña",
        double_surname=True,
        towns="| del Río| de la Sierra|illa",
    ),
    "pt": NameStyle(
        "João Pedro Tiago Rafael Lucas Gabriel Rodrigo Gonçalo",
        "Ana Beatriz Mariana Joana Inês Leonor Camila Luíza",
        "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Gonçalves Araújo "
        "Carvalho Ribeiro Almeida Lopes Sousa Barbosa Cardoso Teixeira",
        double_surname=True,
        towns="| do Sul|ópolis|ense",
    ),
    "it": NameStyle(
        "Marco Luca Giovanni Matteo Alessandro Francesco Davide",
        "Giulia Chiara Francesca Sara Martina Alessia Federica",
        "Ross Bian Ferr Ricc Gall Cont Esposit Marin Colomb Grec Brun Rinald Santor Lombard "
        "Mancin Bellucc",
        "i o ini etti elli ari one",
        towns="| Marittima|ano|ello",
    ),
    "pl": NameStyle(
        "Łukasz Piotr Krzysztof Tomasz Paweł Michał Grzegorz",
        "Agnieszka Katarzyna Małgorzata Anna Joanna Ewa Zofia",
        "Wiśni Kowal Kamiń Lewand Zieliń Szymań Dąbr Kozł Jabłoń Wróbl Grab Sob Mal Ostr Pietr",
        "ski owski ewski czyk ak",
        female_endings={"ski": "ska", "owski": "owska", "ewski": "ewska"},
        towns="ów|owice|sk|no",
    ),
    "ru": NameStyle(
        "Alexei Dmitri Sergei Mikhail Andrei Yuri Nikolai Vladimir Pavel Igor Georgy",
        "Olga Natalia Irina Tatiana Yelena Svetlana Marina Yulia",
        "Petr Ivan Sokol Volk Kuznets Moroz Lebed Zhuk Orl Belk Krasn Grom Shar Chern Vorob "
        "Sidor Zaits Medved Tikhon Golub Zinovi Shchegl",
        "ov ev in sky",
        female_endings={"ov": "ova", "ev": "eva", "in": "ina", "sky": "skaya"},
        towns="sk|grad|ovo|insk|ogorsk",
    ),
    "sl": NameStyle(
        "Marko Nikola Stefan Luka Ivan Dragan Miloš Zoran",
        "Jelena Milica Ana Ivana Marija Dragana Snežana Vesna",
        "Petr Jovan Nikol Mark Stojan Đorđ Ilij Pavl Rad Bogdan Vuk Kovač Simon",
        "ović ić ević",
        towns="ac|ovo|ica|grad",
    ),
    "el": NameStyle(
        "Nikos Giorgos Dimitris Kostas Yannis Vasilis Stavros",
        "Maria Eleni Katerina Sofia Dimitra Ioanna Vasiliki",
        "Papad Georgi Konstantin Nikol Alexandr Vlach Karagi Oikon Christod Stavr Makr",
        "opoulos akis idis os",
        female_endings={"opoulos": "opoulou", "akis": "aki", "idis": "idou", "os": "ou"},
        towns="ia|os|i",
    ),
    "nordic": NameStyle(
        "Lars Erik Magnus Henrik Anders Nils Ole Sven Bjørn",
        "Ingrid Astrid Sigrid Karin Liv Maja Freja Solveig Åsa",
        "Lind Berg Dahl Holm Sund Strand Ny Sjö Fjell Ås Lund Hag Søren Björk Ek",
        "berg gren ström qvist vik stad heim sen lund dal",
        towns="vik|by|stad|köping|havn|sund",
    ),
    "fi": NameStyle(
        "Mikko Juha Antti Jukka Ville Timo Kalle Mart",
        "Aino Laura Sanna Päivi Tuula Riikka Kadri Liis",
        "Virta Korho Mäki Järvi Niemi Laakso Heikki Salo Lahti Kallio Koski Rinta Tamm Saar",
        "nen la lä mäki aho järvi",
        towns="la|järvi|koski|salmi|küla",
    ),
    "hu": NameStyle(
        "László Gábor Zoltán Attila Péter Balázs Tamás Csaba",
        "Katalin Zsófia Eszter Réka Ildikó Anikó Judit Orsolya",
        "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács "
        "Juhász Lakatos Mészáros Oláh Rácz Fekete Szilágyi Török Fehér",
        family_first=True,
        towns="háza|vár|falva|egyháza",
    ),
    "ro": NameStyle(
        "Andrei Mihai Ion Cristian Radu Florin Bogdan Ștefan",
        "Ioana Elena Andreea Maria Alexandra Roxana Simona Irina",
        "Pop Ion Dumitr Stoic Constantin Georg Marin Radul Vasil Nicol Ciobot Moldov Stan Tudor",
        "escu eanu aru ache",
        towns="ești|eni|ița",
    ),
    "ka": NameStyle(
        "Giorgi Levan Davit Irakli Nikoloz Zurab Lasha",
        "Nino Tamar Ketevan Mariam Salome Ana Eka",
        "Berid Kapanad Gelash Maisur Lomid Tsiklaur Abashid Chkheid Jorjad Kvarats Gogich Mchedl",
        "ze shvili ia ava eli",
        towns="i|eti|uri",
    ),
    "hy": NameStyle(
        "Aram Tigran Armen Hayk Davit Gor Vahe Samvel",
        "Anahit Lilit Mariam Ani Nare Sona Gayane Armine",
        "Petros Hakob Grigor Sargs Vardan Harutyun Avetis Manuk Khachatr Ghazar Hovhannis",
        "yan ian",
        towns="avan|ashen|adzor",
    ),
    "az": NameStyle(
        "Elvin Rashad Tural Farid Orkhan Kamran Ilgar",
        "Aysel Leyla Gunel Nigar Sevinj Aynur Lala",
        "Aliy Mammad Hasan Huseyn Guliy Ismayil Abbas Rahim Jafar Karim Askar Bayram",
        "ev ov li",
        female_endings={"ev": "eva", "ov": "ova"},
        towns="li|abad|chay",
    ),
    "ar": NameStyle(
        "Ahmed Mohammed Omar Youssef Khalid Hassan Tarek Karim",
        "Fatima Layla Amira Nour Salma Rania Huda Yasmin",
        "Al-Rashid Al-Hakim Al-Masri Najjar Haddad Saleh Amin Khatib El-Sayed Farouk "
        "Al-Hashemi Al-Tamimi Obeidi Jaber Khan Mansour Al-Qasimi Nasser Qureshi",
        towns="|iya|abad",
    ),
    "he": NameStyle(
        "Avi Yossi Eitan Noam Amit Daniel Itai Omer",
        "Noa Tamar Yael Shira Michal Ronit Maya Adi",
        "Cohen Levi Mizrahi Peretz Biton Dahan Avraham Friedman Azoulay Katz Malka Ben-David "
        "Shapiro Golan Segal Ohana",
        towns="| Tikva| Yam",
    ),
    "hi": NameStyle(
        "Arjun Rahul Vikram Sanjay Amit Rohan Anil Suresh",
        "Priya Ananya Kavita Neha Pooja Deepa Sunita Lakshmi",
        "Sharma Verma Gupta Patel Iyer Reddy Nair Singh Chopra Mehta Joshi Kapoor Banerjee Rao "
        "Malhotra Desai Pillai",
        towns="pur|abad|nagar|garh",
    ),
    "zh": NameStyle(
        "Wei Jun Ming Hao Qiang Lei Tao Bo Jian",
        "Fang Jing Xiao Mei Ling Yan Hong Lan Xin",
        "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo",
        family_first=True,
        towns="zhou|yang|shan|an|ning",
    ),
    "ja": NameStyle(
        "Haruto Ren Sōta Kenji Takeshi Hiroshi Daiki Kaito Yūto",
        "Yui Aoi Hina Yuki Akiko Sakura Emi Naomi Yōko",
        "Satō Suzuki Takahashi Tanaka Watanabe Itō Yamamoto Nakamura Kobayashi Katō Yoshida "
        "Yamada Sasaki Matsumoto Inoue Kimura Hayashi Shimizu Ōta Kondō",
        towns="yama|kawa|shima|saki|hara",
    ),
    "ko": NameStyle(
        "Min Ji Seo Hyun Jun Young Soo Woo Jae Ho Sung Dong Sang Chul Jong",
        "Eun Hye Yeon Kyung Ji Seo Min Yo Soo Ah Hee",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song",
        family_first=True,
        towns="-dong|-ri|-gun|san",
    ),
    "vi": NameStyle(
        "Hùng Tuấn Dũng Nam Long Hải Minh Quang",
        "Lan Linh Hương Phương Thảo Mai Ngọc Trang",
        "Nguyễn Trần Lê Phạm Hoàng Phan Vũ Đặng Bùi Đỗ",
        family_first=True,
        towns=" Hà| Giang| Bình| Thuận",
    ),
    "id": NameStyle(
        "Budi Agus Rizky Joko Wahyu Eko Hendra Dedi",
        "Dewi Siti Putri Fitri Indah Rina Ayu Sri",
        "Santoso Wijaya Kurniawan Susanto Hidayat Saputra Pratama Setiawan Halim Gunawan "
        "Nugroho Lestari Siregar Harahap",
        towns="jaya|rejo|sari| Baru",
    ),
}
# fmt: on

# Syllables for made-up place names, shared by all styles; each style adds its own endings.
TOWN_STEMS = [
    "Al", "Bar", "Cor", "Dal", "Ester", "Fen", "Gor", "Hal", "Ir", "Kar", "Lom", "Mar", "Nor",
    "Or", "Pel", "Ros", "Sal", "Tor", "Ul", "Var", "Zel", "Bren", "Cal", "Dor", "Kel", "Mir",
    "Nal", "Sev", "Tal", "Vol",
]  # fmt: skip
TOWN_MIDDLES = ["", "a", "e", "i", "o", "an", "en", "in", "or", "el"]

VIETNAMESE_MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Quang", "Hữu", "Ngọc"]
KOREAN_FAMILY_VARIANTS = {"Lee": "Yi", "Park": "Pak", "Choi": "Choe", "Jung": "Chung"}
ARABIC_GIVEN_VARIANTS = {
    "Mohammed": ("Muhammad", "en"),
    "Youssef": ("Jussuf", "de"),
    "Omar": ("Umar", "en"),
    "Khalid": ("Chalid", "de"),
    "Hassan": ("Hasan", "en"),
    "Ahmed": ("Ahmad", "en"),
}
# Latin letters that NFKD does not decompose.
_FOLD = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "Ae", "æ": "ae"}
)
# Transliterations of Russian-style names, applied in one pass, longest match first.
_CYRILLIC = {
    "shch": "щ", "skaya": "ская", "sky": "ский", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч",
    "sh": "ш", "yu": "ю", "ya": "я", "ye": "е", "ei": "ей", "iy": "ий", "x": "кс", "y": "ы",
    **dict(zip("abvgdeziklmnoprstuf", "абвгдезиклмнопрстуф", strict=True)),
}  # fmt: skip
_GERMAN_RU = {
    "shch": "schtsch", "zh": "sch", "sh": "sch", "ch": "tsch", "kh": "ch", "ts": "z",
    "iev": "jew", "sky": "ski", "v": "w", "y": "j", "z": "s",
}  # fmt: skip
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTHS_EN += ["September", "October", "November", "December"]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"]
MONTHS_DE += ["September", "Oktober", "November", "Dezember"]
COMMODITIES = [
    ("oil", "Öl"), ("coal", "Kohle"), ("grain", "Getreide"), ("steel", "Stahl"),
    ("fertiliser", "Dünger"), ("aluminium", "Aluminium"), ("timber", "Holz"),
]  # fmt: skip
COMPANY_ENDINGS = ["Energy", "Logistics", "Telecom", "Shipping", "Holdings", "Grid", "Bank"]
NEWSPAPER_NAMES = {
    "en": ["The {t} Herald", "The {t} Courier", "The {t} Post", "The {t} Observer", "{t} Times"],
    "de": ["{t}er Morgenpost", "{t}er Allgemeine", "{t}er Rundschau", "{t}er Anzeiger"],
    "fr": ["Le Courrier de {t}", "Le Journal de {t}", "La Voix de {t}", "Le Républicain de {t}"],
    "es": ["El Diario de {t}", "El Heraldo de {t}", "El Correo de {t}", "La Voz de {t}"],
    "pt": ["O Jornal de {t}", "Diário de {t}", "Correio de {t}"],
    "it": ["Il Corriere di {t}", "Il Giornale di {t}", "La Gazzetta di {t}"],
}
GENERIC_OUTLETS = ["{c} Today", "Radio {c}", "{c} Television", "{cap} Times", "{c} Daily News"]

# (name, German alias, acronym or "")
MINISTRIES = [
    ("Ministry of Foreign Affairs of {c}", "Außenministerium ({d})", "MFA"),
    ("Ministry of Defence of {c}", "Verteidigungsministerium ({d})", "MoD"),
    ("Ministry of the Interior of {c}", "Innenministerium ({d})", ""),
    ("Ministry of Health of {c}", "Gesundheitsministerium ({d})", ""),
    ("Office of the President of {c}", "Präsidialamt ({d})", ""),
    ("Election Commission of {c}", "Wahlkommission ({d})", ""),
    ("Central Bank of {c}", "Zentralbank ({d})", ""),
]
INTELLIGENCE = [
    ("Foreign Intelligence Service of {c}", "Auslandsgeheimdienst ({d})", "FIS"),
    ("National Intelligence Agency of {c}", "Nationaler Nachrichtendienst ({d})", "NIA"),
]
INTERNATIONAL_ORGS = [
    ("United Nations", ["UN", "Vereinte Nationen", "Nations unies"]),
    ("International Atomic Energy Agency", ["IAEA", "Internationale Atomenergiebehörde"]),
    ("World Health Organization", ["WHO", "Weltgesundheitsorganisation"]),
    ("Organization for Security and Co-operation in Europe", ["OSCE", "OSZE"]),
    ("International Committee of the Red Cross", ["ICRC", "IKRK"]),
    ("Northern Cooperation Council", ["NCC", "Nordischer Kooperationsrat"]),
    ("Observers for Fair Elections", ["OFE", "Beobachter für faire Wahlen"]),
    ("Open Source Investigations Collective", ["OSIC"]),
    ("Institute for Conflict Studies", ["ICS", "Institut für Konfliktforschung"]),
    ("Maritime Security Monitor", ["MSM"]),
]
GLOBAL_AGENCIES = [
    ("Interwire", ["IW"]),
    ("Globus News Agency", ["GNA", "Globus"]),
    ("Agence Méridien-Presse", ["AMP", "Agence Meridien-Presse"]),
    ("Nordpress", ["NP"]),
]
ROLES = {
    ActorKind.GOVERNMENT_BODY: ["Minister", "Deputy minister", "Spokesperson", "State secretary"],
    ActorKind.INTELLIGENCE_SERVICE: ["Director", "Deputy director", "Spokesperson"],
    ActorKind.MEDIA_OUTLET: ["Correspondent", "Editor-in-chief", "Reporter"],
    ActorKind.ORGANISATION: ["Chief executive", "Spokesperson", "Analyst", "Chair"],
}


@dataclass(frozen=True)
class QuantityTemplate:
    fact: tuple[str, str]  # en, de; {Q} is the quantity phrase
    projection: tuple[str, str]
    unit: str
    low: float
    high: float
    decimals: int = 0
    unit_words: tuple[str, str] = ("", "")  # after the number: "percent", "Prozent"


@dataclass(frozen=True)
class Archetype:
    title: str
    description: str
    claims: Sequence[tuple[str, str]]  # en, de
    quantities: Sequence[QuantityTemplate]


PERCENT = ("percent", "Prozent")
# fmt: off
ARCHETYPES = [
    Archetype(
        "{A} troops in {B}",
        "Reports that {A} has sent soldiers to {B}, and what they are doing there.",
        [
            ("{A} has sent soldiers to {B} to support its war effort",
             "{A_de} hat Soldaten nach {B_de} geschickt, um dessen Kriegsführung zu unterstützen"),
            ("Soldiers from {A} are training near {P} before being sent to the front",
             "Soldaten aus {A_de} werden bei {P} ausgebildet, bevor sie an die Front kommen"),
            ("{B} has supplied {A} with air-defence systems in return",
             "{B_de} hat {A_de} im Gegenzug Luftabwehrsysteme geliefert"),
            ("Units from {A} have been deployed to the region around {P}",
             "Einheiten aus {A_de} wurden in die Region um {P} verlegt"),
            ("The cooperation between {A} and {B} is not directed against third countries",
             "Die Zusammenarbeit zwischen {A_de} und {B_de} richtet sich nicht gegen Drittstaaten"),
        ],
        [
            QuantityTemplate(
                ("{A} has moved {Q} soldiers to {B}",
                 "{A_de} hat {Q} Soldaten nach {B_de} verlegt"),
                ("{A} could send {Q} soldiers to {B} in total",
                 "{A_de} könnte insgesamt {Q} Soldaten nach {B_de} schicken"),
                "soldiers", 300, 50_000,
            ),
            QuantityTemplate(
                ("{Q} soldiers from {A} have been killed or wounded near {P}",
                 "{Q} Soldaten aus {A_de} wurden bei {P} getötet oder verwundet"),
                ("Losses among soldiers from {A} could reach {Q}",
                 "Die Verluste unter Soldaten aus {A_de} könnten {Q} erreichen"),
                "casualties", 20, 5_000,
            ),
            QuantityTemplate(
                ("{B} has received {Q} artillery shells from {A}",
                 "{B_de} hat {Q} Artilleriegranaten aus {A_de} erhalten"),
                ("{A} could deliver {Q} artillery shells to {B} this year",
                 "{A_de} könnte in diesem Jahr {Q} Artilleriegranaten an {B_de} liefern"),
                "shells", 10_000, 3_000_000,
            ),
        ],
    ),
    Archetype(
        "Drones over {P}",
        "The accusation by {A} that {B} flew drones over {P}.",
        [
            ("{B} flew drones carrying leaflets over {P}",
             "{B_de} hat Drohnen mit Flugblättern über {P} fliegen lassen"),
            ("Parts of a drone from {B} were recovered in {P}",
             "Teile einer Drohne aus {B_de} wurden in {P} gefunden"),
            ("The drone flights over {P} were staged by {A}",
             "Die Drohnenflüge über {P} wurden von {A_de} inszeniert"),
            ("Air defences in {A} failed to detect the drones over {P}",
             "Die Luftabwehr von {A_de} hat die Drohnen über {P} nicht erkannt"),
        ],
        [
            QuantityTemplate(
                ("{Q} drones were shot down over {P}",
                 "{Q} Drohnen wurden über {P} abgeschossen"),
                ("{A} expects {Q} further drone incursions",
                 "{A_de} erwartet {Q} weitere Drohneneinflüge"),
                "drones", 2, 400,
            ),
            QuantityTemplate(
                ("The drones dropped {Q} leaflets over {P}",
                 "Die Drohnen warfen {Q} Flugblätter über {P} ab"),
                ("{B} plans to drop {Q} leaflets over {P}",
                 "{B_de} plant, {Q} Flugblätter über {P} abzuwerfen"),
                "leaflets", 1_000, 2_000_000,
            ),
        ],
    ),
    Archetype(
        "{A} election {Y}",
        "Claims about the conduct and results of the {Y} election in {A}.",
        [
            ("The {Y} election in {A} was manipulated",
             "Die Wahl {Y} in {A_de} wurde manipuliert"),
            ("Observers were refused access to polling stations in {P}",
             "Beobachtern wurde der Zugang zu Wahllokalen in {P} verweigert"),
            ("Ballots in {P} were counted twice",
             "Stimmzettel in {P} wurden doppelt gezählt"),
            ("{B} funded an influence campaign ahead of the election in {A}",
             "{B_de} hat vor der Wahl in {A_de} eine Einflusskampagne finanziert"),
        ],
        [
            QuantityTemplate(
                ("Turnout in the election in {A} was {Q}",
                 "Die Wahlbeteiligung in {A_de} lag bei {Q}"),
                ("Turnout in {A} is expected to reach {Q}",
                 "Die Wahlbeteiligung in {A_de} dürfte {Q} erreichen"),
                "percent", 25, 92, 1, PERCENT,
            ),
            QuantityTemplate(
                ("{Q} votes were cast twice in {P}",
                 "In {P} wurden {Q} Stimmen doppelt abgegeben"),
                ("Up to {Q} votes in {P} could be invalid",
                 "Bis zu {Q} Stimmen in {P} könnten ungültig sein"),
                "votes", 100, 200_000,
            ),
            QuantityTemplate(
                ("The ruling party in {A} won {Q} of the vote",
                 "Die Regierungspartei in {A_de} erhielt {Q} der Stimmen"),
                ("The ruling party in {A} is projected to win {Q} of the vote",
                 "Der Regierungspartei in {A_de} werden {Q} der Stimmen vorhergesagt"),
                "percent", 20, 75, 1, PERCENT,
            ),
        ],
    ),
    Archetype(
        "{A} sanctions on {B}",
        "Trade with {B} despite the sanctions imposed by {A}.",
        [
            ("A shipment of {X} from {B} reached {P} despite the sanctions",
             "Eine Lieferung {X_de} aus {B_de} hat trotz der Sanktionen {P} erreicht"),
            ("{O} helped {B} evade the sanctions",
             "{O} hat {B_de} geholfen, die Sanktionen zu umgehen"),
            ("The sanctions imposed by {A} have had no effect on the economy of {B}",
             "Die Sanktionen von {A_de} haben keine Wirkung auf die Wirtschaft von {B_de}"),
        ],
        [
            QuantityTemplate(
                ("{B} exported {Q} tonnes of {X} to {A} last year",
                 "{B_de} hat im vergangenen Jahr {Q} Tonnen {X_de} nach {A_de} exportiert"),
                ("{B} could export {Q} tonnes of {X} this year",
                 "{B_de} könnte in diesem Jahr {Q} Tonnen {X_de} exportieren"),
                "tonnes", 1_000, 20_000_000,
            ),
            QuantityTemplate(
                ("Exports from {B} to {A} fell by {Q}",
                 "Die Exporte von {B_de} nach {A_de} sind um {Q} gesunken"),
                ("Exports from {B} to {A} could fall by {Q}",
                 "Die Exporte von {B_de} nach {A_de} könnten um {Q} sinken"),
                "percent", 2, 80, 1, PERCENT,
            ),
        ],
    ),
    Archetype(
        "Flooding in {P}",
        "The floods around {P} in {A} and the response of the authorities.",
        [
            ("The dam near {P} was breached deliberately",
             "Der Damm bei {P} wurde absichtlich zerstört"),
            ("Authorities in {A} ignored flood warnings for {P}",
             "Die Behörden in {A_de} haben Hochwasserwarnungen für {P} ignoriert"),
            ("{B} offered to send rescue teams to {P}",
             "{B_de} hat angeboten, Rettungsteams nach {P} zu schicken"),
            ("Drinking water in {P} is contaminated",
             "Das Trinkwasser in {P} ist verseucht"),
        ],
        [
            QuantityTemplate(
                ("{Q} people were displaced by the flooding around {P}",
                 "{Q} Menschen wurden durch das Hochwasser um {P} vertrieben"),
                ("The flooding could displace {Q} people around {P}",
                 "Das Hochwasser könnte {Q} Menschen um {P} vertreiben"),
                "people", 100, 2_000_000,
            ),
            QuantityTemplate(
                ("{Q} people died in the floods around {P}",
                 "{Q} Menschen sind beim Hochwasser um {P} ums Leben gekommen"),
                ("The death toll around {P} could rise to {Q}",
                 "Die Zahl der Toten um {P} könnte auf {Q} steigen"),
                "deaths", 1, 3_000,
            ),
            QuantityTemplate(
                ("The damage around {P} amounts to {Q} million euros",
                 "Der Schaden um {P} beläuft sich auf {Q} Millionen Euro"),
                ("The damage around {P} could reach {Q} million euros",
                 "Der Schaden um {P} könnte {Q} Millionen Euro erreichen"),
                "million EUR", 5, 20_000,
            ),
        ],
    ),
    Archetype(
        "Outbreak in {P}",
        "An outbreak of an infectious disease in {P}, {A}.",
        [
            ("The outbreak in {P} started in a laboratory",
             "Der Ausbruch in {P} hat in einem Labor begonnen"),
            ("Hospitals in {P} have run out of oxygen",
             "Den Krankenhäusern in {P} ist der Sauerstoff ausgegangen"),
            ("Vaccines from {B} were delivered to {P}",
             "Impfstoffe aus {B_de} wurden nach {P} geliefert"),
            ("Authorities in {A} concealed the first cases",
             "Die Behörden in {A_de} haben die ersten Fälle verschwiegen"),
        ],
        [
            QuantityTemplate(
                ("{Q} cases were recorded in {P}",
                 "In {P} wurden {Q} Fälle registriert"),
                ("Cases in {P} could rise to {Q}",
                 "Die Fälle in {P} könnten auf {Q} steigen"),
                "cases", 10, 500_000,
            ),
            QuantityTemplate(
                ("{Q} of adults in {P} have been vaccinated",
                 "{Q} der Erwachsenen in {P} sind geimpft"),
                ("{Q} of adults in {P} could be vaccinated by the end of the year",
                 "Bis Jahresende könnten {Q} der Erwachsenen in {P} geimpft sein"),
                "percent", 5, 95, 1, PERCENT,
            ),
        ],
    ),
    Archetype(
        "Cyberattack on {O}",
        "The attack on the systems of {O} and who was behind it.",
        [
            ("Hackers linked to {B} attacked {O}",
             "Mit {B_de} verbundene Hacker haben {O} angegriffen"),
            ("{O} knew about the vulnerability for months",
             "{O} wusste seit Monaten von der Sicherheitslücke"),
            ("The attack on {O} disrupted power supplies in {P}",
             "Der Angriff auf {O} hat die Stromversorgung in {P} gestört"),
        ],
        [
            QuantityTemplate(
                ("Data of {Q} customers of {O} were stolen",
                 "Daten von {Q} Kunden von {O} wurden gestohlen"),
                ("Data of {Q} customers of {O} could be affected",
                 "Daten von {Q} Kunden von {O} könnten betroffen sein"),
                "customers", 1_000, 80_000_000,
            ),
            QuantityTemplate(
                ("{O} paid a ransom of {Q} million euros",
                 "{O} hat ein Lösegeld von {Q} Millionen Euro gezahlt"),
                ("The attackers demand {Q} million euros from {O}",
                 "Die Angreifer fordern {Q} Millionen Euro von {O}"),
                "million EUR", 0.5, 200, 1,
            ),
        ],
    ),
    Archetype(
        "{A} budget {Y}",
        "Spending plans and economic figures of the {Y} budget of {A}.",
        [
            ("{A} has cut pensions to pay for defence",
             "{A_de} hat die Renten gekürzt, um die Verteidigung zu finanzieren"),
            ("The central bank of {A} has run out of foreign reserves",
             "Die Zentralbank von {A_de} hat keine Devisenreserven mehr"),
            ("{A} has received a secret loan from {B}",
             "{A_de} hat einen geheimen Kredit von {B_de} erhalten"),
        ],
        [
            QuantityTemplate(
                ("{A} spends {Q} billion euros a year on defence",
                 "{A_de} gibt jährlich {Q} Milliarden Euro für Verteidigung aus"),
                ("{A} will spend {Q} billion euros on defence in {Y}",
                 "{A_de} wird {Y} {Q} Milliarden Euro für Verteidigung ausgeben"),
                "billion EUR", 0.5, 120, 1,
            ),
            QuantityTemplate(
                ("Inflation in {A} rose to {Q}",
                 "Die Inflation in {A_de} ist auf {Q} gestiegen"),
                ("Inflation in {A} is expected to reach {Q}",
                 "Die Inflation in {A_de} dürfte {Q} erreichen"),
                "percent", 0.5, 60, 1, PERCENT,
            ),
            QuantityTemplate(
                ("Unemployment in {A} stands at {Q}",
                 "Die Arbeitslosigkeit in {A_de} liegt bei {Q}"),
                ("Unemployment in {A} could rise to {Q}",
                 "Die Arbeitslosigkeit in {A_de} könnte auf {Q} steigen"),
                "percent", 2, 30, 1, PERCENT,
            ),
        ],
    ),
    Archetype(
        "{A}–{B} talks",
        "Negotiations between {A} and {B}.",
        [
            ("{A} and {B} have agreed on a ceasefire around {P}",
             "{A_de} und {B_de} haben sich auf eine Waffenruhe um {P} geeinigt"),
            ("The ambassador of {A} was summoned in {B}",
             "Der Botschafter von {A_de} wurde in {B_de} einbestellt"),
            ("{A} has offered {B} an exchange of prisoners",
             "{A_de} hat {B_de} einen Gefangenenaustausch angeboten"),
            ("The talks in {P} have collapsed",
             "Die Gespräche in {P} sind gescheitert"),
        ],
        [
            QuantityTemplate(
                ("{A} and {B} exchanged {Q} prisoners",
                 "{A_de} und {B_de} haben {Q} Gefangene ausgetauscht"),
                ("{A} and {B} could exchange {Q} prisoners",
                 "{A_de} und {B_de} könnten {Q} Gefangene austauschen"),
                "prisoners", 2, 1_500,
            ),
        ],
    ),
    Archetype(
        "Pipeline near {P}",
        "Damage to the gas pipeline near {P} and gas supplies from {A}.",
        [
            ("Sabotage damaged the pipeline near {P}",
             "Sabotage hat die Pipeline bei {P} beschädigt"),
            ("A vessel linked to {B} was near the pipeline before the damage",
             "Ein mit {B_de} verbundenes Schiff war vor dem Schaden in der Nähe der Pipeline"),
            ("{A} knew about the planned attack on the pipeline",
             "{A_de} wusste von dem geplanten Anschlag auf die Pipeline"),
        ],
        [
            QuantityTemplate(
                ("{A} has cut gas supplies to {B} by {Q}",
                 "{A_de} hat die Gaslieferungen an {B_de} um {Q} gekürzt"),
                ("{A} could cut gas supplies to {B} by {Q}",
                 "{A_de} könnte die Gaslieferungen an {B_de} um {Q} kürzen"),
                "percent", 5, 100, 0, PERCENT,
            ),
            QuantityTemplate(
                ("The pipeline carried {Q} million cubic metres of gas a day",
                 "Die Pipeline transportierte täglich {Q} Millionen Kubikmeter Gas"),
                ("The pipeline could carry {Q} million cubic metres of gas a day",
                 "Die Pipeline könnte täglich {Q} Millionen Kubikmeter Gas transportieren"),
                "million m³/day", 5, 170,
            ),
        ],
    ),
]
# fmt: on
# Said about the time of a claim; keeps a topic's hundred claims from reading alike.
WHEN = [
    ("", ""),
    ("", ""),
    ("", ""),
    (" in {M}", " – im {M_de}"),
    (" last week", " – letzte Woche"),
    (" earlier this year", " – Anfang des Jahres"),
]  # fmt: skip
QUALIFIER_WORDS = {
    QuantityQualifier.EXACT: ("{n}", "{n}"),
    QuantityQualifier.APPROXIMATE: ("about {n}", "rund {n}"),
    QuantityQualifier.AT_LEAST: ("at least {n}", "mindestens {n}"),
    QuantityQualifier.UP_TO: ("up to {n}", "bis zu {n}"),
    QuantityQualifier.PROJECTED: ("{n}", "{n}"),
}
RANGE_WORDS = ("between {n} and {m}", "zwischen {n} und {m}")

# (en, de) per stance: {C} the claim in English as a sentence, {c} as a clause, {d} in German.
# fmt: off
QUOTES: dict[str, list[tuple[str, str]]] = {
    Stance.ASSERTS: [
        ("{C}.", "{d}."),
        ("Our information is clear: {c}.", "Unsere Erkenntnisse sind eindeutig: {d}."),
        ("We can say with confidence: {c}.", "Wir können mit Sicherheit sagen: {d}."),
    ],
    Stance.SUPPORTS: [
        ("This matches our own information. {C}.",
         "Das deckt sich mit unseren Informationen. {d}."),
        ("There is evidence for it: {c}.", "Es gibt Belege dafür: {d}."),
        ("We have seen the same reports and find them credible.",
         "Wir kennen diese Berichte und halten sie für glaubwürdig."),
    ],
    Stance.COMMENTS: [
        ("If true, it would be a serious development.",
         "Sollte das zutreffen, wäre es eine ernste Entwicklung."),
        ("We are following the reports closely and consulting our partners.",
         "Wir verfolgen die Berichte genau und beraten uns mit unseren Partnern."),
        ("It is too early to draw conclusions.", "Es ist zu früh, um Schlüsse zu ziehen."),
    ],
    Stance.CANNOT_CONFIRM: [
        ("We cannot confirm the reports at this time.",
         "Wir können die Berichte derzeit nicht bestätigen."),
        ("We have no information that would confirm it.",
         "Uns liegen keine Informationen vor, die das bestätigen."),
    ],
    Stance.DISPUTES: [
        ("These claims are unproven and serve propaganda purposes.",
         "Diese Behauptungen sind unbelegt und dienen der Propaganda."),
        ("We doubt that {c}. There is no evidence.",
         "Wir bezweifeln das: „{d}“? Es gibt keine Belege."),
    ],
    Stance.DENIES: [
        ("The claim that {c} is a fabrication.", "Die Behauptung „{d}“ ist frei erfunden."),
        ("The reports are meant to damage our reputation.",
         "Die Berichte sollen unserem Ansehen schaden."),
    ],
    Stance.RETRACTS: [
        ("We withdraw our earlier statement that {c}; it cannot be upheld.",
         "Wir ziehen unsere frühere Angabe zurück: „{d}“ lässt sich nicht halten."),
    ],
}
# fmt: on
VENUES = [
    "press conference",
    "UN Security Council",
    "parliamentary hearing",
    "television interview",
    "radio interview",
    "party congress",
    "state visit",
    "security conference",
]  # fmt: skip
RATIONALES: dict[str, list[str]] = {
    Verdict.DISPUTED: [
        "Asserted by {claimant}, contested by others; no independent confirmation yet.",
        "The available sources contradict each other.",
        "Only one origin so far, and it is contested.",
    ],
    Verdict.PARTLY_CONFIRMED: [
        "The core of the claim is confirmed; the details are not.",
        "Confirmed in part by {n} independent origins; the figures remain open.",
    ],
    Verdict.CONFIRMED: [
        "Confirmed by {n} independent origins.",
        "Official records and independent reporting confirm the claim.",
    ],
    Verdict.DENIED: [
        "Independent evidence contradicts the claim.",
        "The only origin is {claimant}; other sources show the opposite.",
    ],
    Verdict.RETRACTED: ["{claimant} has withdrawn the claim."],
    Verdict.UNVERIFIED: [
        "The earlier assessment rested on a single origin; unverified until new evidence arrives.",
    ],
}
RESOLUTION_NOTES = [
    "Checked; the claim stands.",
    "Source re-read; the quote is still there in other words.",
    "Verdict reviewed, no change needed.",
    "Archived copy found; the evidence is kept.",
    "",
]
BOILERPLATE = (
    " The report was updated with reactions from the region. Officials were not immediately "
    "available for comment. Independent verification of the figures was not possible."
)

# Likely next verdicts from each verdict (weights).
TRANSITIONS: dict[str, dict[str, int]] = {
    Verdict.UNVERIFIED: {"disputed": 35, "partly_confirmed": 20, "confirmed": 25, "denied": 20},
    Verdict.DISPUTED: {"confirmed": 35, "denied": 30, "partly_confirmed": 25, "unverified": 10},
    Verdict.PARTLY_CONFIRMED: {"confirmed": 50, "disputed": 30, "denied": 10, "unverified": 10},
    Verdict.CONFIRMED: {"disputed": 40, "retracted": 20, "partly_confirmed": 30, "unverified": 10},
    Verdict.DENIED: {"disputed": 40, "confirmed": 20, "unverified": 20, "retracted": 20},
    Verdict.RETRACTED: {"disputed": 50, "unverified": 50},
}
# Stances of the statements after the first, by the claim's final verdict.
STANCE_WEIGHTS: dict[str, dict[str, int]] = {
    Verdict.CONFIRMED: {
        "supports": 38, "asserts": 18, "comments": 15, "cannot_confirm": 10, "disputes": 9,
        "denies": 9, "retracts": 1,
    },
    Verdict.DENIED: {
        "denies": 30, "disputes": 25, "comments": 15, "cannot_confirm": 15, "asserts": 8,
        "supports": 6, "retracts": 1,
    },
    Verdict.DISPUTED: {
        "disputes": 25, "denies": 20, "supports": 15, "asserts": 15, "comments": 15,
        "cannot_confirm": 10,
    },
    Verdict.PARTLY_CONFIRMED: {
        "supports": 25, "asserts": 15, "comments": 20, "cannot_confirm": 15, "disputes": 15,
        "denies": 10,
    },
    Verdict.UNVERIFIED: {
        "comments": 25, "cannot_confirm": 25, "supports": 15, "asserts": 15, "disputes": 10,
        "denies": 10,
    },
    Verdict.RETRACTED: {
        "disputes": 25, "denies": 25, "comments": 20, "cannot_confirm": 15, "supports": 10,
        "asserts": 5,
    },
}  # fmt: skip
CREDIBILITY_WEIGHTS: dict[str, dict[int, int]] = {
    "positive": {1: 10, 2: 30, 3: 35, 4: 15, 6: 10},
    "negative": {3: 15, 4: 35, 5: 35, 6: 15},
    "neutral": {3: 20, 4: 20, 6: 60},
    "retracts": {5: 50, 6: 50},
}
STANCE_CREDIBILITY = {
    "asserts": "positive", "supports": "positive", "disputes": "negative", "denies": "negative",
    "comments": "neutral", "cannot_confirm": "neutral", "retracts": "retracts",
}  # fmt: skip
# A statement against the current verdict reopens the question (claims.services).
CONTRADICTING: dict[str, set[str]] = {
    Verdict.CONFIRMED: {Stance.DENIES, Stance.DISPUTES},
    Verdict.DENIED: {Stance.ASSERTS, Stance.SUPPORTS},
}
# What kind of document records a statement, by the speaker's kind.
SOURCE_KIND_WEIGHTS: dict[str, dict[str, int]] = {
    ActorKind.PERSON: {
        "transcript": 25, "news_article": 35, "agency_wire": 20, "social_post": 15,
        "official_statement": 5,
    },
    ActorKind.GOVERNMENT_BODY: {
        "official_statement": 40, "transcript": 15, "news_article": 25, "agency_wire": 20,
    },
    ActorKind.STATE: {"official_statement": 40, "news_article": 35, "agency_wire": 25},
    ActorKind.INTELLIGENCE_SERVICE: {
        "intelligence_briefing": 45, "news_article": 30, "agency_wire": 25,
    },
    ActorKind.MEDIA_OUTLET: {"state_media_report": 50, "news_article": 50},
    ActorKind.NEWS_AGENCY: {"agency_wire": 100},
    ActorKind.ORGANISATION: {
        "official_statement": 35, "news_article": 35, "agency_wire": 20, "transcript": 10,
    },
}  # fmt: skip
RELIABILITY_WEIGHTS: dict[str, dict[str, int]] = {
    SourceKind.NEWS_ARTICLE: {"B": 40, "C": 40, "D": 15, "F": 5},
    SourceKind.AGENCY_WIRE: {"A": 15, "B": 60, "C": 25},
    SourceKind.OFFICIAL_STATEMENT: {"B": 20, "C": 60, "D": 20},
    SourceKind.TRANSCRIPT: {"A": 80, "B": 20},
    SourceKind.STATE_MEDIA_REPORT: {"C": 10, "D": 40, "E": 50},
    SourceKind.SOCIAL_POST: {"D": 20, "E": 30, "F": 50},
    SourceKind.INTELLIGENCE_BRIEFING: {"A": 10, "B": 60, "C": 30},
}
# Several voices are recorded in one of these; the others speak for their publisher alone.
MULTI_VOICE = {SourceKind.NEWS_ARTICLE, SourceKind.AGENCY_WIRE, SourceKind.TRANSCRIPT}
# Origins: what wire reports cite.
ORIGIN_KINDS = {
    SourceKind.INTELLIGENCE_BRIEFING,
    SourceKind.OFFICIAL_STATEMENT,
    SourceKind.TRANSCRIPT,
    SourceKind.STATE_MEDIA_REPORT,
}
STATEMENT_RECORDED = EventKind.STATEMENT_RECORDED.value
VERDICT_CHANGED = EventKind.VERDICT_CHANGED.value
FLAG_OPENED = EventKind.FLAG_OPENED.value
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
HEALTH_WEIGHTS = {"ok": 80, "changed": 8, "gone": 5, "unreachable": 5, "blocked": 2}
RELATION_KINDS = (
    [RelationKind.REFINES] * 4
    + [RelationKind.CONTRADICTS] * 3
    + [RelationKind.SUPERSEDES] * 2
    + [RelationKind.DUPLICATES]
)


# --- Small tools ----------------------------------------------------------------------------


class Picker:
    """Weighted choice by table lookup: one getrandbits call per draw, no float arithmetic."""

    BITS = 10

    def __init__(self, weights: Mapping[Any, float]) -> None:
        total = sum(weights.values())
        size = 1 << self.BITS
        table: list[Any] = []
        cumulative = 0.0
        for value, weight in weights.items():
            cumulative += weight
            while len(table) < round(cumulative / total * size):
                table.append(value)
        self.table = table

    def __call__(self, rng: random.Random) -> Any:
        return self.table[rng.getrandbits(self.BITS)]


def uuid4_text(rng: random.Random) -> str:
    """str(uuid.UUID(int=rng.getrandbits(128), version=4)), without building the object."""
    h = f"{rng.getrandbits(128):032x}"
    variant = "89ab"[int(h[16], 16) & 3]
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:]}"


def fold(text: str) -> str:
    """Plain ASCII spelling: Łukasz Wiśniewski -> Lukasz Wisniewski."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def _transliterate(table: Mapping[str, str], name: str) -> str:
    pattern = _PATTERNS.get(id(table))
    if pattern is None:
        keys = sorted(table, key=len, reverse=True)
        pattern = _PATTERNS[id(table)] = re.compile("|".join(keys), re.IGNORECASE)

    def replace(match: re.Match[str]) -> str:
        found = match.group()
        new = table[found.lower()]
        return new[0].upper() + new[1:] if found[0].isupper() else new

    return pattern.sub(replace, name)


_PATTERNS: dict[int, re.Pattern[str]] = {}


def to_cyrillic(name: str) -> str:
    return _transliterate(_CYRILLIC, name)


def to_german_spelling(name: str) -> str:
    """Zinoviev -> Sinowjew, Sharov -> Scharow."""
    return _transliterate(_GERMAN_RU, name)


def initials(name: str) -> str:
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper())


def when(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


_fromtimestamp = datetime.fromtimestamp  # for the hottest loops, without the call to `when`


def format_number(value: float, decimals: int, language: str) -> str:
    text = f"{value:,.{decimals}f}"
    if language == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def nice_number(rng: random.Random, low: float, high: float, decimals: int) -> float:
    """Log-uniform in [low, high], rounded the way officials round (1,500; 12,000; 3.5)."""
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    if decimals:
        return round(value, decimals)
    digits = max(0, int(math.log10(value)) - 1)
    return float(round(value, -digits))


def decimal_text(value: float, decimals: int) -> str:
    return f"{value:.{max(decimals, 0)}f}"


def statement_counts(mean: float, size: int = 4096) -> list[int]:
    """A lookup table of statement counts with the given mean: a few claims have none, most
    have a handful, some many (a geometric tail)."""
    share_empty = 0.06
    tail = max(mean / (1 - share_empty) - 1, 0.0)
    p = 1 / (1 + tail)
    counts = []
    for i in range(size):
        q = (i + 0.5) / size
        if q < share_empty:
            counts.append(0)
        elif p >= 1:
            counts.append(1)
        else:
            q = (q - share_empty) / (1 - share_empty)
            counts.append(1 + min(60, int(math.log(1 - q) / math.log(1 - p))))
    return counts


# --- Reference data: actors and topics -----------------------------------------------------


@dataclass
class ActorSpec:
    name: str
    kind: str
    country: str
    description: str = ""
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (name, language)
    domain: str = ""


@dataclass
class TopicSpec:
    start: int  # seconds
    end: int
    weight: float
    archetype: Archetype
    slots: dict[str, str]
    places: list[str]
    cast: list[int]  # actor indices; the first few make most claims
    names: tuple[str, ...]  # proper names a claim may start with


class SyntheticData:
    """Rows for `claims` claims, a chunk at a time; see the module docstring.

    `ids` is advanced as rows are made. `existing_actors` maps (name, kind, country) of actors
    already in the database to (id, public id); those are reused instead of written again.
    """

    def __init__(
        self,
        *,
        seed: int,
        claims: int,
        editor_id: int,
        ids: IdBases,
        existing_actors: Mapping[tuple[str, str, str], tuple[int, str]] | None = None,
        chunk_claims: int = CHUNK_CLAIMS,
    ) -> None:
        if claims <= 0:
            raise ValueError("claims must be positive")
        self.seed = seed
        self.claims = claims
        self.editor_id = editor_id
        self.ids = ids
        self.existing_actors = existing_actors or {}
        self.chunk_claims = chunk_claims
        self._rng = {
            name: random.Random(f"claimtrack-synthetic:{seed}:{name}")
            for name in ("actors", "topics", "claims", "statements", "sources", "history")
        }
        self._event_seq = 0
        self._slug_cache = ("", "")
        self._days: dict[int, tuple[str, str]] = {}
        self._stale_days: int = settings.CLAIMTRACK_STALE_DAYS
        # (occurred, seq, kind, claim id, source id, payload, occurred at): events waiting for
        # their ids.
        self._pending: list[tuple[int, int, str, int, int | None, str, datetime]] = []
        self._language = {c.code: c.language for c in COUNTRIES}
        self._stance_words = {s.value: str(s.label).lower() for s in Stance}
        self._verdict_words = {v.value: str(v.label).lower() for v in Verdict}
        self._changes = Picker({0: 50, 1: 30, 2: 12, 3: 5, 4: 2, 5: 1})
        self._transitions = {v: Picker(w) for v, w in TRANSITIONS.items()}
        self._stances = {v: Picker(w) for v, w in STANCE_WEIGHTS.items()}
        self._credibility = {k: Picker(w) for k, w in CREDIBILITY_WEIGHTS.items()}
        self._qualifier = Picker(
            {"exact": 25, "approximate": 35, "at_least": 20, "up_to": 15, "projected": 5}
        )
        self._last_claim: dict[int, int] = {}
        heavy_count = 1 + (claims - 1) // HEAVY_EVERY
        self._heavy_size = min(HEAVY_STATEMENTS, claims)
        regular = claims - heavy_count
        self._counts = statement_counts(
            (STATEMENTS_PER_CLAIM * claims - heavy_count * self._heavy_size) / regular
            if regular
            else 0.0
        )

    # -- public --------------------------------------------------------------------------

    def chunks(self) -> Iterator[tuple[Chunk, int]]:
        """Yield (rows per table, claims generated so far). The first chunk also holds the
        actors and topics; event rows trail behind until no later claim can precede them."""
        first = self._reference_rows()
        done = 0
        while done < self.claims:
            size = min(self.chunk_claims, self.claims - done)
            chunk: Chunk = {name: [] for name in TABLES}
            if first:
                for name, rows in first.items():
                    chunk[name].extend(rows)
                first = {}
            self._claim_rows(chunk, done, done + size)
            done += size
            cutoff = self._claim_slot_start(done) if done < self.claims else None
            chunk["changeevent"].extend(self._flush_events(cutoff))
            yield chunk, done

    # -- actors ----------------------------------------------------------------------------

    def _reference_rows(self) -> Chunk:
        rows: Chunk = {name: [] for name in TABLES}
        self._make_actors(rows)
        self._make_topics(rows)
        self._source_state()
        return rows

    def _person(self, rng: random.Random, country: Country) -> tuple[str, list[tuple[str, str]]]:
        style = STYLES[country.style]
        female = rng.random() < 0.42
        given = rng.choice(style.females if female else style.males)
        if style.endings:
            ending = rng.choice(style.endings)
            if female:
                ending = style.female_endings.get(ending, ending)
            surname = rng.choice(style.stems) + ending
        else:
            surname = rng.choice(style.stems)
            if style.double_surname and rng.random() < 0.5:
                second = rng.choice(style.stems)
                if second != surname:
                    surname = f"{surname} {second}"
        aliases: list[tuple[str, str]] = []
        if country.style == "ko":
            second = rng.choice(style.females if female else style.males)
            name = f"{surname} {given} {second}"
            aliases.append((f"{surname} {given}-{second.lower()}", "en"))
            aliases.append((f"{surname} {given}{second.lower()}", "en"))
            if surname in KOREAN_FAMILY_VARIANTS:
                aliases.append(
                    (f"{KOREAN_FAMILY_VARIANTS[surname]} {given}-{second.lower()}", "en")
                )
        elif country.style == "zh":
            if rng.random() < 0.6:
                given += rng.choice(style.males + style.females).lower()
            name = f"{surname} {given}"
            aliases.append((f"{given} {surname}", "en"))
        elif country.style == "vi":
            name = f"{surname} {rng.choice(VIETNAMESE_MIDDLE)} {given}"
        elif style.family_first:  # Hungarian
            name = f"{surname} {given}"
            aliases.append((f"{given} {surname}", "en"))
        else:
            name = f"{given} {surname}"
        if country.style == "ja":
            aliases.append((f"{surname} {given}", "ja"))
        if country.style == "ru":
            aliases.append((to_cyrillic(name), country.language))
            aliases.append((to_german_spelling(name), "de"))
        if country.style == "hy":
            aliases.append((name.replace("yan", "jan"), "de"))
        if country.style == "ar" and given in ARABIC_GIVEN_VARIANTS:
            variant, language = ARABIC_GIVEN_VARIANTS[given]
            aliases.append((name.replace(given, variant, 1), language))
        if country.style == "ar" and "Al-" in name:
            aliases.append((name.replace("Al-", "al-"), "en"))
        folded = fold(name)
        if folded != name:
            aliases.append((folded, "en"))
        if rng.random() < 0.15 and not style.family_first:
            aliases.append((f"{given[0]}. {surname}", ""))
        return name, aliases

    def _town(self, rng: random.Random, country: Country) -> str:
        ending = rng.choice(STYLES[country.style].town_endings)
        return rng.choice(TOWN_STEMS) + rng.choice(TOWN_MIDDLES) + ending

    def _make_actors(self, rows: Chunk) -> None:
        """Institutions of every country, international bodies and agencies, then people."""
        rng = self._rng["actors"]
        specs: list[ActorSpec] = []
        self.actors_by_country: dict[str, dict[str, list[int]]] = {}
        self.outlets: list[int] = []  # media outlets and news agencies, any country
        self.agencies: list[int] = []
        self.international: list[int] = []
        self.towns: dict[str, list[str]] = {}

        seen: set[tuple[str, str, str]] = set()

        def add(spec: ActorSpec) -> int | None:
            key = (spec.name, spec.kind, spec.country)
            if key in seen:
                return None
            seen.add(key)
            specs.append(spec)
            index = len(specs) - 1
            if spec.country:
                by_kind = self.actors_by_country.setdefault(spec.country, {})
                by_kind.setdefault(spec.kind, []).append(index)
            return index

        for name, other_names in INTERNATIONAL_ORGS:
            spec = ActorSpec(name, ActorKind.ORGANISATION, "", "", [(a, "") for a in other_names])
            self.international.append(len(specs))
            add(spec)
        for name, other_names in GLOBAL_AGENCIES:
            spec = ActorSpec(
                name,
                ActorKind.NEWS_AGENCY,
                "",
                "International news agency",
                [(a, "") for a in other_names],
                slugify(fold(name)) + ".example",
            )
            self.agencies.append(len(specs))
            self.outlets.append(len(specs))
            add(spec)

        for country in COUNTRIES:
            c, d = country.en, country.de
            towns: list[str] = []
            self.towns[country.code] = towns
            while len(towns) < 12:
                town = self._town(rng, country)
                if town not in towns:
                    towns.append(town)
            state_aliases = [(d, "de")] if d != c else []
            add(ActorSpec(c, ActorKind.STATE, country.code, "", state_aliases))
            add(
                ActorSpec(
                    f"Government of {c}",
                    ActorKind.GOVERNMENT_BODY,
                    country.code,
                    "",
                    [(country.capital, "en"), (f"Regierung von {d}", "de")],
                )
            )
            for name, german, acronym in MINISTRIES:
                if rng.random() < 0.75:
                    aliases = [(german.format(d=d), "de")]
                    if acronym:
                        aliases.append((f"{c} {acronym}", "en"))
                    add(
                        ActorSpec(
                            name.format(c=c), ActorKind.GOVERNMENT_BODY, country.code, "", aliases
                        )
                    )
            for name, german, acronym in INTELLIGENCE[: 1 + (rng.random() < 0.4)]:
                add(
                    ActorSpec(
                        name.format(c=c),
                        ActorKind.INTELLIGENCE_SERVICE,
                        country.code,
                        f"Intelligence service of {c}",
                        [(german.format(d=d), "de"), (f"{c} {acronym}", "en")],
                    )
                )
            agency = f"{c} Press Agency"
            self.agencies.append(len(specs))
            self.outlets.append(len(specs))
            add(
                ActorSpec(
                    agency,
                    ActorKind.NEWS_AGENCY,
                    country.code,
                    f"National news agency of {c}",
                    [(initials(agency), "")],
                    slugify(fold(agency)) + ".example",
                )
            )
            newspapers = NEWSPAPER_NAMES.get(country.language, [])
            for n in range(2 + rng.randrange(3)):
                if newspapers and n < 2:
                    name = rng.choice(newspapers).format(t=rng.choice(towns[:4]))
                else:
                    name = rng.choice(GENERIC_OUTLETS).format(c=c, cap=country.capital)
                aliases = [(fold(name), "")] if fold(name) != name else []
                outlet = add(
                    ActorSpec(
                        name,
                        ActorKind.MEDIA_OUTLET,
                        country.code,
                        f"Media outlet in {c}",
                        aliases,
                        slugify(fold(name)) + ".example",
                    )
                )
                if outlet is not None:
                    self.outlets.append(outlet)
            for _ in range(1 + rng.randrange(3)):
                style = STYLES[country.style]
                company = f"{rng.choice(style.stems)}{rng.choice(COMPANY_ENDINGS)}"
                if style.endings:
                    company = f"{rng.choice(style.stems)}{rng.choice(style.endings)} " + (
                        rng.choice(COMPANY_ENDINGS)
                    )
                add(ActorSpec(company, ActorKind.ORGANISATION, country.code, f"Company in {c}"))

        # People: enough that a topic's cast rarely repeats, at least a few per country.
        people = max(8 * len(COUNTRIES), self.claims // 100)
        affiliations: list[tuple[int, int, str, date | None, date | None]] = []
        for n in range(people):
            country = (
                COUNTRIES[n % len(COUNTRIES)]
                if n < 4 * len(COUNTRIES)
                else COUNTRIES[int(len(COUNTRIES) * rng.random() ** 1.4)]
            )
            for _ in range(20):
                name, aliases = self._person(rng, country)
                if (name, ActorKind.PERSON, country.code) not in seen:
                    break
            else:
                name = f"{name} {rng.choice('ABCDEFGHJKLMNPRSTVW')}."
            institutions = self.actors_by_country[country.code]
            organisation, role = None, ""
            if rng.random() < 0.7:
                kind = rng.choice(list(ROLES))
                candidates = institutions.get(kind)
                if candidates:
                    organisation = rng.choice(candidates)
                    role = rng.choice(ROLES[kind])
            description = f"{role}, {specs[organisation].name}" if organisation is not None else ""
            index = add(
                ActorSpec(
                    name,
                    ActorKind.PERSON,
                    country.code,
                    description,
                    aliases,
                    f"social.example/@{slugify(fold(name)).replace('-', '')}",
                )
            )
            if index is None:
                continue
            if organisation is not None:
                start = date(2005 + rng.randrange(18), 1 + rng.randrange(12), 1 + rng.randrange(28))
                end = None
                if rng.random() < 0.25:
                    end = start + timedelta(days=200 + rng.randrange(2000))
                affiliations.append((index, organisation, role, start, end))

        # Rows. Actors already in the database (same name, kind and country) are reused; their
        # UUIDs are still drawn so that the stream, and every later row, stays the same.
        self.actor_ids: list[int] = []
        self.actor_names = [s.name for s in specs]
        self.actor_kinds = [s.kind for s in specs]
        self.actor_countries = [s.country for s in specs]
        self.actor_domains = [s.domain for s in specs]
        self.actor_public_ids: list[str] = []
        self.affiliated: dict[int, int] = {}
        new = set()
        recorded = when(_START_S - 30 * DAY)
        for index, spec in enumerate(specs):
            public_id = uuid4_text(rng)
            existing = self.existing_actors.get((spec.name, spec.kind, spec.country))
            if existing is not None:
                self.actor_ids.append(existing[0])
                self.actor_public_ids.append(existing[1])
                continue
            actor_id = self.ids.take("actor")
            self.actor_ids.append(actor_id)
            self.actor_public_ids.append(public_id)
            new.add(index)
            rows["actor"].append(
                (actor_id, public_id, spec.name, spec.kind, spec.country, spec.description, "",
                 recorded)
            )  # fmt: skip
            names = {spec.name}
            for alias, language in spec.aliases:
                if alias and alias not in names and len(alias) <= 200:
                    names.add(alias)
                    rows["alias"].append(
                        (self.ids.take("alias"), actor_id, alias, language, recorded)
                    )
        for person, organisation, role, began, ended in affiliations:
            self.affiliated[person] = organisation
            if person in new:
                rows["affiliation"].append(
                    (self.ids.take("affiliation"), self.actor_ids[person],
                     self.actor_ids[organisation], role, began, ended, recorded)
                )  # fmt: skip

    # -- topics ----------------------------------------------------------------------------

    def _make_topics(self, rows: Chunk) -> None:
        """Topics start evenly over the claims period and run for weeks to months, overlapping;
        a claim belongs to one of the topics running when it is recorded."""
        rng = self._rng["topics"]
        count = max(1, -(-self.claims // CLAIMS_PER_TOPIC))
        self.topics: list[TopicSpec] = []
        self.topic_ids: list[int] = []
        prefix = topic_slug_prefix(self.seed)
        organisations = [
            i for i, kind in enumerate(self.actor_kinds) if kind == ActorKind.ORGANISATION
        ]
        for j in range(count):
            start = _START_S + (j * _CLAIMS_SPAN_S) // count
            if j:
                start += rng.randrange(max(1, _CLAIMS_SPAN_S // count))
            # Median four weeks, a long tail of stories that run for a year; the first topic
            # runs long, since its first claim carries the longest timeline.
            duration = int(DAY * min(400, 4 + rng.lognormvariate(math.log(24), 0.9)))
            if j == 0:
                duration = 400 * DAY
            a, b = rng.sample(COUNTRIES, 2)
            archetype = rng.choice(ARCHETYPES)
            places = rng.sample(self.towns[a.code], 3) + rng.sample(self.towns[b.code], 1)
            commodity = rng.choice(COMMODITIES)
            company = self.actor_names[rng.choice(organisations)]
            year = str(when(start).year + (archetype.title.endswith("{Y}") and rng.random() < 0.3))
            slots = {
                "A": a.en, "A_de": a.de, "B": b.en, "B_de": b.de, "P": places[0],
                "O": company, "X": commodity[0], "X_de": commodity[1], "Y": year,
            }  # fmt: skip
            title = archetype.title.format(**slots)[:200]
            description = archetype.description.format(**slots)
            slug = f"{prefix}{j + 1:05d}-{slugify(fold(title))[:50]}".rstrip("-")
            topic_id = self.ids.take("topic")
            self.topic_ids.append(topic_id)
            rows["topic"].append(
                (topic_id, uuid4_text(rng), slug, title, description, when(start - HOUR))
            )
            self.topics.append(
                TopicSpec(
                    start=start,
                    end=start + duration,
                    weight=0.2 + rng.random(),
                    archetype=archetype,
                    slots=slots,
                    places=places,
                    cast=self._cast(rng, a, b),
                    names=(a.en, b.en, company),
                )
            )
        self._topic_order = 0  # next topic to open
        self._active: list[int] = []

    def _cast(self, rng: random.Random, a: Country, b: Country) -> list[int]:
        """Who speaks in a topic: the claimants first (intelligence, governments, officials of
        the two countries), then others who comment."""
        first, second = self.actors_by_country[a.code], self.actors_by_country[b.code]

        def some(kinds: dict[str, list[int]], kind: str, n: int) -> list[int]:
            pool = kinds.get(kind, [])
            return rng.sample(pool, min(n, len(pool)))

        cast = (
            some(first, ActorKind.INTELLIGENCE_SERVICE, 1)
            + some(first, ActorKind.GOVERNMENT_BODY, 2)
            + some(first, ActorKind.PERSON, 2)
            + some(second, ActorKind.GOVERNMENT_BODY, 1)
            + some(second, ActorKind.PERSON, 2)
            + some(first, ActorKind.MEDIA_OUTLET, 1)
            + some(second, ActorKind.STATE, 1)
            + rng.sample(self.international, 2)
        )
        return cast

    def _claim_slot_start(self, i: int) -> int:
        """Claim i is recorded in [slot_start(i), slot_start(i + 1)): times grow with i."""
        return _START_S + (i * _CLAIMS_SPAN_S) // self.claims

    def _topic_for(self, rng: random.Random, i: int, t: int) -> int:
        if i == 0:
            return 0
        topics = self.topics
        while self._topic_order < len(topics) and topics[self._topic_order].start <= t:
            self._active.append(self._topic_order)
            self._topic_order += 1
        active = self._active
        for _ in range(50):
            if not active:
                break
            k = int(rng.random() * len(active))
            j = active[k]
            if topics[j].end < t:
                active[k] = active[-1]
                active.pop()
                continue
            if rng.random() < topics[j].weight:
                return j
        return max(0, self._topic_order - 1)

    # -- sources ---------------------------------------------------------------------------

    def _source_state(self) -> None:
        # Multi-voice sources by (day, topic) -> (id, public id, published): other statements of
        # that topic and day land in them. Pruned as the clock moves on.
        self._day_sources: dict[int, tuple[int, str, int]] = {}
        # A speaker's own statement, briefing or post by (day, topic, actor): the same speaker
        # on other claims of the topic that day (the demo's NIS briefing holds three claims).
        self._own_sources: dict[int, tuple[int, str, int]] = {}
        self._last_wire: dict[int, tuple[int, str]] = {}  # topic -> (source id, publisher)
        self._last_origin: dict[int, tuple[int, str]] = {}
        # Sources that changed or vanished: id -> (public id, health, title, when), for flags.
        self._troubled: dict[int, tuple[str, str, str, int]] = {}
        self._source_kind = {k: Picker(w) for k, w in SOURCE_KIND_WEIGHTS.items()}
        self._reliability = {k: Picker(w) for k, w in RELIABILITY_WEIGHTS.items()}
        self._health = Picker(HEALTH_WEIGHTS)

    def _new_source(
        self,
        chunk: Chunk,
        *,
        topic: int,
        actor: int,
        published: int,
        recorded: int,
        headline: str,
        clause: str,
        venue: str,
    ) -> tuple[int, str, str]:
        """Write a source with its citations and snapshots; returns (id, public id, kind)."""
        rng = self._rng["sources"]
        actor_kind = self.actor_kinds[actor]
        kind = self._source_kind[actor_kind](rng)
        if kind == SourceKind.NEWS_ARTICLE:
            publisher = self.outlets[int(rng.random() * len(self.outlets))]
        elif kind == SourceKind.AGENCY_WIRE:
            publisher = self.agencies[int(rng.random() * len(self.agencies))]
        elif actor_kind == ActorKind.PERSON and kind != SourceKind.SOCIAL_POST:
            # An official's words come from their office; anyone else's from an interview.
            publisher = self.affiliated.get(actor, -1)
            if publisher < 0:
                publisher = self.outlets[int(rng.random() * len(self.outlets))]
        else:
            publisher = actor
        publisher_name = self.actor_names[publisher]
        if kind == SourceKind.NEWS_ARTICLE:
            title = headline
        elif kind == SourceKind.AGENCY_WIRE:
            title = f"{publisher_name}: {headline}"
        elif kind == SourceKind.TRANSCRIPT:
            title = f"{(venue or 'press conference').capitalize()} with {self.actor_names[actor]}"
        elif kind == SourceKind.SOCIAL_POST:
            title = f"Post by {self.actor_names[actor]}"
        elif kind == SourceKind.INTELLIGENCE_BRIEFING:
            title = f"{publisher_name} briefing: {headline}"
        else:
            title = f"{publisher_name}: statement on the report that {clause}"
        title = title[:500]
        url = ""
        if kind == SourceKind.SOCIAL_POST:
            url = f"https://{self.actor_domains[actor]}/{rng.getrandbits(48)}"
        elif kind != SourceKind.INTELLIGENCE_BRIEFING or rng.random() < 0.2:
            domain = self.actor_domains[publisher] or self._domain(publisher)
            slug = self._slug(headline)
            url = f"https://{domain}/{self._day_text(published)[0]}/{slug}-{rng.getrandbits(20)}"
        language = self._language.get(self.actor_countries[publisher], "en")
        if kind in (SourceKind.AGENCY_WIRE, SourceKind.TRANSCRIPT) and rng.random() < 0.5:
            language = "en"
        source_id = self.ids.take("source")
        public_id = uuid4_text(rng)
        reliability = self._reliability[kind](rng)

        health: str = Health.UNCHECKED
        health_changed = last_checked = next_check = interval = None
        failures = 0
        recorded_at = when(recorded)
        if url:
            next_check = recorded_at
            if rng.random() < 0.95:
                health, checked, changed, interval, failures = self._snapshots(
                    chunk, rng, source_id, url, title, recorded
                )
                next_check = when(checked + int(interval.total_seconds()))
                last_checked, health_changed = when(checked), when(changed)
                if health in (Health.GONE, Health.CHANGED):
                    self._troubled[source_id] = (public_id, health, title, changed)
        chunk["source"].append(
            (source_id, public_id, title, url, self.actor_ids[publisher], when(published),
             language, kind, reliability, "", health, health_changed, last_checked, next_check,
             interval, failures, recorded_at)
        )  # fmt: skip

        # Provenance: wires cite origins, articles cite wires and sometimes the origin itself.
        cites = []
        if kind == SourceKind.AGENCY_WIRE and topic in self._last_origin:
            if rng.random() < 0.6:
                cites.append(self._last_origin[topic])
        elif kind == SourceKind.NEWS_ARTICLE:
            if topic in self._last_wire and rng.random() < 0.5:
                cites.append(self._last_wire[topic])
            if topic in self._last_origin and rng.random() < 0.25:
                cites.append(self._last_origin[topic])
        for cited, cited_publisher in cites:
            chunk["citation"].append(
                (self.ids.take("citation"), source_id, cited, f"citing {cited_publisher}",
                 when(recorded))
            )  # fmt: skip
        if kind == SourceKind.AGENCY_WIRE:
            self._last_wire[topic] = (source_id, publisher_name)
        elif kind in ORIGIN_KINDS:
            self._last_origin[topic] = (source_id, publisher_name)
        return source_id, public_id, kind

    def _day_text(self, seconds: int) -> tuple[str, str]:
        """("2024/10/21", "Mon, 21 Oct 2024") for the day of `seconds`: URL path and HTTP date.
        Cached; a million sources fall on a few thousand days."""
        day = seconds // DAY
        text = self._days.get(day)
        if text is None:
            moment = when(day * DAY)
            text = self._days[day] = (f"{moment:%Y/%m/%d}", f"{moment:%a, %d %b %Y}")
        return text

    def _http_date(self, seconds: int) -> str:
        rest = seconds % DAY
        clock = f"{rest // HOUR:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}"
        return f"{self._day_text(seconds)[1]} {clock} GMT"

    def _domain(self, actor: int) -> str:
        domain = slugify(fold(self.actor_names[actor]))[:50] + ".example"
        self.actor_domains[actor] = domain
        return domain

    def _snapshots(
        self, chunk: Chunk, rng: random.Random, source_id: int, url: str, title: str, recorded: int
    ) -> tuple[str, int, int, timedelta, int]:
        """The re-check job's fetches of a source; returns (health, last checked, health
        changed, interval, consecutive failures)."""
        outcome = self._health(rng)
        fetched = min(recorded + 300 + int(rng.random() * (2 * HOUR)), _END_S)
        rows = chunk["snapshot"]
        if outcome == Health.BLOCKED:
            rows.append(
                (self.ids.take("snapshot"), source_id, when(fetched), url, "", "[]", None, "", "",
                 0, "", "", False, "", Health.BLOCKED,
                 "Refused: the host resolves to a private address.", when(recorded),
                 when(fetched))
            )  # fmt: skip
            return Health.BLOCKED, fetched, fetched, timedelta(days=1), 1
        text = f"{title}.{BOILERPLATE}"
        digest = hashlib.sha256(text.encode()).hexdigest()
        etag = f'"{rng.getrandbits(40):010x}"'
        modified = self._http_date(recorded - 600)
        rows.append(
            (self.ids.take("snapshot"), source_id, when(fetched), url, url, "[]", 200, etag,
             modified, len(text.encode()) * 3, digest, text, False, "", Health.OK, "",
             when(recorded), when(fetched))
        )  # fmt: skip
        if outcome == Health.OK:
            if rng.random() < 0.15:
                due = fetched + DAY
                again = min(due + int(rng.random() * 600), _END_S)
                rows.append(
                    (self.ids.take("snapshot"), source_id, when(again), url, url, "[]", 304,
                     etag, modified, 0, digest, "", False, "", Health.OK, "", when(due),
                     when(again))
                )  # fmt: skip
                return Health.OK, again, fetched, timedelta(days=2), 0
            return Health.OK, fetched, fetched, timedelta(days=1), 0
        due = fetched + DAY
        again = min(due + int(rng.random() * 600), _END_S)
        if outcome == Health.CHANGED:
            correction = f"{title}. Correction: an earlier version misstated a figure."
            new_text = correction + BOILERPLATE
            rows.append(
                (self.ids.take("snapshot"), source_id, when(again), url, url, "[]", 200,
                 f'"{rng.getrandbits(40):010x}"', self._http_date(again - 900),
                 len(new_text.encode()) * 3, hashlib.sha256(new_text.encode()).hexdigest(),
                 new_text, True, f"-{title}.\n+{correction}", Health.CHANGED, "", when(due),
                 when(again))
            )  # fmt: skip
            return Health.CHANGED, again, again, timedelta(days=1), 0
        if outcome == Health.GONE:
            status = 404 if rng.random() < 0.8 else 410
            rows.append(
                (self.ids.take("snapshot"), source_id, when(again), url, url, "[]", status, "",
                 "", 0, "", "", False, "", Health.GONE, "", when(due), when(again))
            )  # fmt: skip
            return Health.GONE, again, again, timedelta(days=7), 0
        failures = 1 + int(rng.random() * 5)
        rows.append(
            (self.ids.take("snapshot"), source_id, when(again), url, "", "[]", None, "", "", 0,
             "", "", False, "", Health.UNREACHABLE, "Connection timed out after 20 s.",
             when(due), when(again))
        )  # fmt: skip
        return Health.UNREACHABLE, again, again, timedelta(hours=2**failures), failures

    # -- claims ----------------------------------------------------------------------------

    def _claim_rows(self, chunk: Chunk, begin: int, end: int) -> None:
        rng = self._rng["claims"]
        self._prune_day_sources(self._claim_slot_start(begin))
        slot = max(1, _CLAIMS_SPAN_S // self.claims)
        for i in range(begin, end):
            t = self._claim_slot_start(i) + int(rng.random() * slot)
            topic = self._topic_for(rng, i, t)
            heavy = i % HEAVY_EVERY == 0
            count = self._heavy_size if heavy else self._counts[rng.getrandbits(12)]
            self._claim(chunk, i, t, topic, count, heavy)

    def _prune_day_sources(self, now: int) -> None:
        """Forget shared sources of days long past: the memory stays bounded."""
        horizon = (now - _START_S) // DAY - 150
        if horizon <= 0:
            return
        width, actors = len(self.topics) + 1, len(self.actor_ids)
        if len(self._day_sources) > 50_000:
            self._day_sources = {
                key: value for key, value in self._day_sources.items() if key // width >= horizon
            }
        if len(self._own_sources) > 50_000:
            self._own_sources = {
                key: value
                for key, value in self._own_sources.items()
                if key // actors // width >= horizon
            }

    def _claim_text(
        self, rng: random.Random, spec: TopicSpec, quantity: bool
    ) -> tuple[str, str, tuple[Any, ...] | None]:
        """(English, German, quantity fields or None)."""
        slots = dict(spec.slots)
        slots["P"] = rng.choice(spec.places)
        month = when(spec.start).month - 1
        slots["M"], slots["M_de"] = MONTHS_EN[month], MONTHS_DE[month]
        fields = None
        if quantity:
            template = rng.choice(spec.archetype.quantities)
            qualifier = self._qualifier(rng)
            projection = qualifier == QuantityQualifier.PROJECTED or rng.random() < 0.12
            value = nice_number(rng, template.low, template.high, template.decimals)
            upper = None
            if qualifier in ("exact", "approximate") and rng.random() < 0.2:
                upper = nice_number(rng, value, value * 3, template.decimals)
                if upper <= value:
                    upper = None
            words = []
            for k, language in enumerate(("en", "de")):
                number = format_number(value, template.decimals, language)
                if upper is not None:
                    top = format_number(upper, template.decimals, language)
                    phrase = RANGE_WORDS[k].format(n=number, m=top)
                else:
                    phrase = QUALIFIER_WORDS[qualifier][k].format(n=number)
                if template.unit_words[k]:
                    phrase = f"{phrase} {template.unit_words[k]}"
                words.append(phrase)
            en, de = template.projection if projection else template.fact
            text, german = en.format(Q=words[0], **slots), de.format(Q=words[1], **slots)
            text, german = text[0].upper() + text[1:], german[0].upper() + german[1:]
            fields = (
                decimal_text(value, template.decimals),
                decimal_text(upper, template.decimals) if upper is not None else None,
                template.unit,
                qualifier,
                projection,
            )
        else:
            en, de = rng.choice(spec.archetype.claims)
            text, german = en.format(**slots), de.format(**slots)
        if fields and fields[4]:  # a projection carries its own time
            return text, german, fields
        suffix_en, suffix_de = rng.choice(WHEN)
        return text + suffix_en.format(**slots), german + suffix_de.format(**slots), fields

    def _claim(self, chunk: Chunk, i: int, t: int, topic: int, count: int, heavy: bool) -> None:
        rng, srng, hrng = self._rng["claims"], self._rng["statements"], self._rng["history"]
        spec = self.topics[topic]
        claim_id = self.ids.take("claim")
        claim_uuid = uuid4_text(rng)
        text, german, quantity = self._claim_text(rng, spec, rng.random() < 0.25)
        # Mid-sentence, a claim keeps its capital only when it starts with a name.
        clause = text if text.startswith(spec.names) else text[0].lower() + text[1:]
        cast = spec.cast
        claimant = cast[int(len(cast) * rng.random() ** 2.5)]
        first_said = t - int(rng.random() * (3 * DAY))
        first_day = when(first_said).date()
        precision = DatePrecision.DAY
        r = rng.random()
        if r < 0.02:
            precision, first_day = DatePrecision.YEAR, first_day.replace(month=1, day=1)
        elif r < 0.1:
            precision, first_day = DatePrecision.MONTH, first_day.replace(day=1)
        original = german if rng.random() < 0.4 else ""

        # The verdict history is drawn first: the statements lean towards where it ends.
        changes = 8 if heavy else self._changes(hrng)
        path = ["unverified"]
        for _ in range(changes):
            path.append(self._transitions[path[-1]](hrng))
        final = path[-1]

        # Statements, in the order they were said.
        horizon = max(1, min((730 if heavy else 120) * DAY, _END_S - 7 * DAY - first_said))
        if heavy:
            offsets = sorted(int(srng.random() * horizon) for _ in range(count - 1))
        else:
            offsets = sorted(
                min(horizon, int(srng.expovariate(1 / (6 * DAY)))) for _ in range(count - 1)
            )
        stances = self._stances[final]
        # (id, public id, actor, stance, recorded, source id, source public id)
        statements: list[tuple[int, str, int, str, int, int, str]] = []
        # This loop runs three million times per million claims: names are bound locally.
        rand = srng.random
        statement_rows, pending = chunk["statement"], self._pending
        own_sources, day_sources = self._own_sources, self._day_sources
        actor_ids, actor_uuids, editor_id = self.actor_ids, self.actor_public_ids, self.editor_id
        credibility_of, ids = self._credibility, self.ids.next_id
        width, actor_count, cast_size = len(self.topics) + 1, len(actor_ids), len(cast)
        retract_at = count - 1 if final == Verdict.RETRACTED and count > 1 else -1
        for s in range(count):
            if s == 0:
                actor, stance = claimant, "asserts"
                said = first_said + int(rand() * (8 * HOUR))
            else:
                said = first_said + offsets[s - 1] + int(rand() * (12 * HOUR))
                if s == retract_at:
                    actor, stance = claimant, "retracts"
                else:
                    if rand() < 0.85:
                        actor = cast[int(rand() * cast_size)]
                    else:
                        actor = int(rand() * actor_count)
                    stance = stances(srng)
            venue = VENUES[int(rand() * len(VENUES))] if rand() < 0.3 else ""
            key = (said - _START_S) // DAY * width + topic
            own_key = key * actor_count + actor
            shared = own_sources.get(own_key) or day_sources.get(key)
            if shared is not None and shared[2] >= (first_said if s else said) and rand() < 0.9:
                # Recorded in a source of the same topic and day: said before it came out.
                source_id, source_uuid, published = shared
                said = max(first_said, min(said, published - int(rand() * (2 * HOUR))))
            else:
                published = min(said + int(rand() * (8 * HOUR)), _END_S)
                source_id, source_uuid, kind = self._new_source(
                    chunk,
                    topic=topic,
                    actor=actor,
                    published=published,
                    recorded=min(max(published, t) + 600 + int(rand() * (36 * HOUR)), _END_S),
                    headline=text,
                    clause=clause,
                    venue=venue,
                )
                if kind in MULTI_VOICE:
                    day_sources[key] = (source_id, source_uuid, published)
                else:
                    own_sources[own_key] = (source_id, source_uuid, published)
            recorded = min(max(published, t) + 900 + int(rand() * (36 * HOUR)), _END_S)
            recorded_at = _fromtimestamp(recorded, UTC)
            quotes = QUOTES[stance]
            en_quote, de_quote = quotes[int(rand() * len(quotes))]
            quote = en_quote.format(C=text, c=clause, d=german)
            if rand() < 0.3:
                quote, language, translation = de_quote.format(d=german), "de", quote
            else:
                language, translation = "en", ""
            credibility = credibility_of[STANCE_CREDIBILITY[stance]](srng)
            statement_id = ids["statement"]
            ids["statement"] = statement_id + 1
            statement_uuid = uuid4_text(srng)
            statement_rows.append(
                (statement_id, statement_uuid, claim_id, actor_ids[actor], source_id, stance,
                 quote, language, translation, _fromtimestamp(said, UTC), venue, credibility,
                 editor_id, recorded_at)
            )  # fmt: skip
            statements.append(
                (statement_id, statement_uuid, actor, stance, recorded, source_id, source_uuid)
            )
            self._event_seq += 1
            pending.append(
                (recorded, self._event_seq, STATEMENT_RECORDED, claim_id, source_id,
                 f'{{"statement": "{statement_uuid}", "claim": "{claim_uuid}", '
                 f'"actor": "{actor_uuids[actor]}", "source": "{source_uuid}", '
                 f'"stance": "{stance}"}}', recorded_at)
            )  # fmt: skip

        # Verdict changes, spread over the claim's life so far, each one minute apart at least.
        last_recorded = max((s[4] for s in statements), default=t)
        window_end = min(max(last_recorded, t + DAY) + 14 * DAY, _END_S)
        decided = sorted(
            t + HOUR + int(hrng.random() * (max(1, window_end - t - HOUR))) for _ in path[1:]
        )
        for k in range(1, len(decided)):
            decided[k] = max(decided[k], decided[k - 1] + 60)
        for version, (before, after, at) in enumerate(
            zip(path[:-1], path[1:], decided, strict=True), start=2
        ):
            change_id = self.ids.take("verdictchange")
            change_uuid = uuid4_text(hrng)
            decided_at = when(at)
            template = RATIONALES[after][int(hrng.random() * len(RATIONALES[after]))]
            rationale = template.format(
                claimant=self.actor_names[claimant], n=2 + int(hrng.random() * 3)
            )
            chunk["verdictchange"].append(
                (change_id, change_uuid, claim_id, before, after, self.editor_id, rationale,
                 version, decided_at, decided_at)
            )  # fmt: skip
            evidence_count = int(hrng.random() * 3)
            if evidence_count and statements:
                evidence = sorted({s[5] for s in statements if s[4] <= at})
                for source_id in evidence[:evidence_count]:
                    chunk["evidence"].append((self.ids.take("evidence"), change_id, source_id))
            self._event(
                at,
                decided_at,
                VERDICT_CHANGED,
                claim_id,
                None,
                f'{{"claim": "{claim_uuid}", "verdict_change": "{change_uuid}", '
                f'"from": "{before}", "to": "{after}", "version": {version}, '
                f'"editor": "{EDITOR_USERNAME}"}}',
            )
        updated = decided[-1] if decided else t
        value, upper, unit, qualifier, projection = quantity or (None, None, "", "", False)
        chunk["claim"].append(
            (claim_id, claim_uuid, self.topic_ids[topic], text, original,
             "de" if original else "", self.actor_ids[claimant], first_day, precision, value,
             upper, unit, qualifier, projection, final, len(path), when(t), when(updated))
        )  # fmt: skip

        previous = self._last_claim.get(topic)
        if previous is not None and rng.random() < 0.04:
            kind = RELATION_KINDS[int(rng.random() * len(RELATION_KINDS))]
            chunk["claimrelation"].append(
                (self.ids.take("claimrelation"), claim_id, previous, kind, "", when(t))
            )
        self._last_claim[topic] = claim_id

        self._flags(chunk, claim_id, claim_uuid, t, path, decided, statements)

    def _flags(
        self,
        chunk: Chunk,
        claim_id: int,
        claim_uuid: str,
        t: int,
        path: list[str],
        decided: list[int],
        statements: list[tuple[int, str, int, str, int, int, str]],
    ) -> None:
        """Open flags where the services would; resolve some of them later.

        As in claims.services.open_flag, a flag opens only if no flag for the same reason and
        source is open at that moment, so at most one is ever open per (claim, reason, source).
        """
        rng = self._rng["history"]
        resolved_at: dict[tuple[str, int | None], int | None] = {}  # None: still open

        def flag(
            reason: str,
            at: int,
            detail: str,
            source: tuple[int, str] | None = None,
            statement: int | None = None,
        ) -> None:
            key = (reason, source[0] if source else None)
            if key in resolved_at:
                previous = resolved_at[key]
                if previous is None or previous > at:
                    return
            resolved = None
            if rng.random() < 0.55:
                resolved = at + HOUR + int(rng.random() * (10 * DAY))
                if resolved >= _END_S:
                    resolved = None
            resolved_at[key] = resolved
            flag_uuid = uuid4_text(rng)
            opened_at = when(at)
            note = RESOLUTION_NOTES[int(rng.random() * len(RESOLUTION_NOTES))] if resolved else ""
            chunk["reviewflag"].append(
                (self.ids.take("reviewflag"), flag_uuid, claim_id, reason,
                 "resolved" if resolved else "open", detail, source[0] if source else None,
                 statement, opened_at, when(resolved) if resolved else None,
                 self.editor_id if resolved else None, note, opened_at)
            )  # fmt: skip
            source_text = f'"{source[1]}"' if source else "null"
            self._event(
                at,
                opened_at,
                FLAG_OPENED,
                claim_id,
                source[0] if source else None,
                f'{{"flag": "{flag_uuid}", "claim": "{claim_uuid}", "reason": "{reason}", '
                f'"source": {source_text}}}',
            )

        contradicting = CONTRADICTING.keys() & set(path)  # only these verdicts can be contradicted
        for statement_id, _, actor, stance, recorded, _, _ in statements if contradicting else ():
            verdict = path[bisect_left(decided, recorded)]
            if stance in CONTRADICTING.get(verdict, ()):
                flag(
                    FlagReason.NEW_CONTRADICTION,
                    recorded,
                    f"{self.actor_names[actor]} {self._stance_words[stance]} a claim the "
                    f"newsroom has marked {self._verdict_words[verdict]}.",
                    statement=statement_id,
                )
        for statement_id, _, actor, _, recorded, source_id, source_uuid in statements:
            trouble = self._troubled.get(source_id)
            if trouble is None or rng.random() < 0.4:
                continue
            _, health, title, changed_at = trouble
            at = min(max(changed_at, recorded) + 60, _END_S)
            checked = f"{when(changed_at):%Y-%m-%d %H:%M}"
            source = (source_id, source_uuid)
            if health == Health.GONE:
                detail = f"“{title}” answered HTTP 404 when re-checked on {checked}."
                flag(FlagReason.SOURCE_GONE, at, detail, source)
            elif rng.random() < 0.5:
                detail = (
                    f"The text of “{title}” changed (re-check on {checked}); "
                    "the diff is on the snapshot."
                )
                flag(FlagReason.SOURCE_CHANGED, at, detail, source)
            else:
                detail = f"No longer found in “{title}”: {self.actor_names[actor]}."
                flag(FlagReason.QUOTE_MISSING, at, detail, source, statement_id)
        stale_days = self._stale_days
        if (
            path[-1] == Verdict.UNVERIFIED
            and statements
            and t + (stale_days + 1) * DAY < _END_S
            and rng.random() < 0.15
        ):
            at = t + stale_days * DAY + int(rng.random() * DAY)
            flag(FlagReason.STALE, at, f"Unverified for more than {stale_days} days.")

    # -- events ----------------------------------------------------------------------------

    def _event(
        self,
        occurred: int,
        occurred_at: datetime,
        kind: str,
        claim_id: int,
        source_id: int | None,
        payload: str,
    ) -> None:
        self._event_seq += 1
        self._pending.append(
            (occurred, self._event_seq, kind, claim_id, source_id, payload, occurred_at)
        )

    def _flush_events(self, cutoff: int | None) -> list[tuple[Any, ...]]:
        """Events that happened before `cutoff` (None: all), with ids in time order."""
        self._pending.sort()  # by time, then by creation: seq is unique, so never further
        if cutoff is None:
            ready, self._pending = self._pending, []
        else:
            k = bisect_left(self._pending, (cutoff,))
            ready, self._pending = self._pending[:k], self._pending[k:]
        first = self.ids.next_id["changeevent"]
        self.ids.next_id["changeevent"] = first + len(ready)
        return [
            (event_id, kind, claim_id, source_id, payload, occurred_at)
            for event_id, (_, _, kind, claim_id, source_id, payload, occurred_at) in zip(
                range(first, first + len(ready)), ready, strict=True
            )
        ]

    def _slug(self, headline: str) -> str:
        """The URL slug of a headline; sources of one claim share it, so the last one is kept."""
        if self._slug_cache[0] != headline:
            ascii_text = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode()
            slug = _NOT_SLUG.sub("-", ascii_text.lower())[:60].strip("-")
            self._slug_cache = (headline, slug)
        return self._slug_cache[1]
