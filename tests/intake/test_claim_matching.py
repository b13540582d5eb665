"""Accepting a statement proposes the existing claim it belongs to, across German and English:
the ranking (figure and unit, actors, key terms through the newsroom's vocabulary, full-text
search), its bounds, the accept page's choices and what bulk accept does with them."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from claims.models import Claim, Statement
from claims.selectors import search
from intake import selectors, services, vocabulary
from intake.models import IntakeSuggestion, ReviewStatus
from tests.factories import ActorFactory, ClaimFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data" / "intake"
GERMAN = "Der Geheimdienst teilte mit, Nordkorea habe 1.500 Soldaten nach Russland verlegt."


def statement(text=GERMAN, *, speaker=None, figure="", unit="soldiers", named=(), language="de"):
    """A pending statement suggestion of `text`, with the quantity `figure` (as written in the
    text) and the known actors `named` (actor: the name as written) inside it."""
    source = SourceFactory(text=text, language=language)
    spoken = IntakeSuggestion.objects.create(
        source=source,
        kind="statement",
        text=text,
        start=0,
        end=len(text),
        speaker=speaker.name if speaker else "",
        actor=speaker,
        stance_hint="asserts",
    )
    if figure:
        start = text.index(figure)
        IntakeSuggestion.objects.create(
            source=source,
            kind="quantity",
            text=figure,
            start=start,
            end=start + len(figure),
            value=Decimal(re.sub(r"[.,]", "", figure.split()[0])),
            unit=unit,
            estimate_unit=unit,
            qualifier="exact",
            estimate_kind="observation",
        )
    for actor, written in named:
        start = text.index(written)
        IntakeSuggestion.objects.create(
            source=source,
            kind="actor",
            text=written,
            name=written,
            start=start,
            end=start + len(written),
            actor=actor,
            is_known=True,
        )
    return spoken


def proposals_for(suggestion):
    proposal = services.propose_statement(suggestion)
    return selectors.claim_proposals(
        proposal.spoken, figures=proposal.figures, carried=proposal.figure
    )


def claims_of(proposals):
    return [p.claim for p in proposals]


def soldiers_claim(text, value=None, *, unit="soldiers", claimant=None):
    fields = {}
    if value is not None:
        fields = {"quantity_value": value, "quantity_unit": unit, "quantity_qualifier": "exact"}
    return ClaimFactory(text=text, claimant=claimant, **fields)


# --- The vocabulary ---------------------------------------------------------------------------


def test_every_line_of_the_vocabulary_parses_and_a_malformed_one_is_refused():
    keys = [c.key for c in vocabulary.concepts()]
    assert len(keys) == len(set(keys)) >= 50
    assert all(c.english and c.german for c in vocabulary.concepts())
    with pytest.raises(ValueError, match="line 2"):
        vocabulary.parse("\nsoldiers | soldier*\n")
    with pytest.raises(ValueError, match="twice"):
        vocabulary.parse("war | war | Krieg\nwar | wars | Kriege")


@pytest.mark.parametrize(
    ("german", "english"),
    [
        ("1.500 Soldaten", "1,500 soldiers"),
        ("Truppen", "troops"),
        ("Nordkorea", "North Korea"),
        ("nordkoreanische Einheiten", "North Korean units"),
        ("Der Warnstreik", "the strike"),
        ("Streik der Lokführer", "train drivers' strike"),
    ],
)
def test_german_and_english_words_name_the_same_concept(german, english):
    assert vocabulary.terms(german).concepts == vocabulary.terms(english).concepts != set()


def test_an_acronym_keeps_its_case_and_a_word_is_matched_whole():
    assert "united_states" in vocabulary.terms("the US said").concepts
    assert "united_states" not in vocabulary.terms("he told us so").concepts
    assert "election" not in vocabulary.terms("wahllose Behauptungen").concepts  # not Wahl*
    assert vocabulary.same_count("troops", "Soldiers") and not vocabulary.same_count(
        "soldiers", "euros"
    )


# --- The ranking ------------------------------------------------------------------------------


def test_a_german_statement_finds_the_english_claim_first():
    nis = ActorFactory(name="National Intelligence Service")
    other = soldiers_claim("Russia and Ukraine exchanged prisoners of war")
    moved = soldiers_claim("North Korea has moved soldiers to Russia", claimant=nis)
    drones = soldiers_claim("South Korea flew drones over Pyongyang")
    item = statement(speaker=nis)

    found = proposals_for(item)

    # One place or country in common is not enough to be proposed.
    assert claims_of(found) == [moved] and other.pk and drones.pk
    top = found.top
    assert {"North Korea", "Russia", "soldier", "moved"} <= set(top.shared_terms)
    assert top.speaker == "claimant" and top.share == 1.0


def test_the_same_figure_and_unit_beat_the_same_words():
    words = soldiers_claim("North Korea has moved soldiers to Russia")
    euros = soldiers_claim("North Korea has moved 1,500 euros to Russia", 1500, unit="euros")
    figure = soldiers_claim("1,500 troops are in the Kursk region", 1500, unit="troops")
    item = statement(figure="1.500 Soldaten")

    found = proposals_for(item)

    assert claims_of(found)[:2] == [figure, words]
    assert found.top.figure == "claim" and "same figure" in found.top.reasons()
    assert next(p for p in found if p.claim == euros).figure == ""


def test_a_figure_given_by_a_statement_on_the_claim_counts_too():
    claim = soldiers_claim("Pyongyang's deployment keeps growing")
    StatementFactory(
        claim=claim,
        estimate_value=1500,
        estimate_unit="soldiers",
        estimate_qualifier="exact",
        estimate_kind="observation",
    )
    soldiers_claim("North Korea has moved soldiers to Russia")

    found = proposals_for(statement(figure="1.500 Soldaten"))

    assert found.top.claim == claim and found.top.figure == "statement"


def test_the_speaker_and_the_actors_named_rank_an_equally_worded_claim_first():
    zinoviev, kim = ActorFactory(name="Georgy Zinoviev"), ActorFactory(name="Kim Yo Jong")
    text = "Sinowjew sagte, die Zusammenarbeit mit Nordkorea richte sich nicht gegen Südkorea."
    nobodys = soldiers_claim("Cooperation with North Korea is not directed against South Korea")
    spoke_on = soldiers_claim("Cooperation with North Korea is not directed against South Korea")
    claimed = soldiers_claim(
        "Cooperation with North Korea is not directed against South Korea", claimant=zinoviev
    )
    named = soldiers_claim("Cooperation with North Korea is not directed against South Korea")
    StatementFactory(claim=spoke_on, actor=zinoviev)
    StatementFactory(claim=named, actor=kim)
    item = statement(text, speaker=zinoviev, named=[(kim, "Nordkorea")])

    found = proposals_for(item)

    assert claims_of(found) == [claimed, spoke_on, named, nobodys]
    assert [p.speaker for p in found] == ["claimant", "spoke", "", ""]
    assert found.proposals[2].named_actors == 1


def test_nothing_is_proposed_on_an_empty_database_nor_for_unrelated_claims():
    item = statement(figure="1.500 Soldaten")
    assert not proposals_for(item) and proposals_for(item).top is None
    assert not proposals_for(item).confident

    soldiers_claim("The harbour strike ended after two days")
    assert not proposals_for(item)


def test_at_most_five_claims_are_proposed_and_the_clear_leader_is_confident():
    nis = ActorFactory(name="National Intelligence Service")
    best = soldiers_claim("North Korea has moved 1,500 soldiers to Russia", 1500, claimant=nis)
    for n in range(8):
        soldiers_claim(f"North Korean soldiers train in Russia, report {n}")
    found = proposals_for(statement(speaker=nis, figure="1.500 Soldaten"))

    assert len(found) == 5 and found.top.claim == best
    assert found.confident


def test_two_close_claims_are_not_confident():
    soldiers_claim("North Korea has moved soldiers to Russia")
    soldiers_claim("North Korea has moved soldiers to Russia's east")
    found = proposals_for(statement())
    assert len(found) == 2 and not found.confident


def test_the_queries_are_bounded_whatever_the_number_of_claims(django_assert_max_num_queries):
    nis = ActorFactory(name="National Intelligence Service")
    item = statement(speaker=nis, figure="1.500 Soldaten", named=[(nis, "Geheimdienst")])
    proposal = services.propose_statement(item)

    def propose():
        return selectors.claim_proposals(
            proposal.spoken, figures=proposal.figures, carried=proposal.figure
        )

    for n in range(3):
        soldiers_claim(f"North Korea moved 1,500 soldiers, claim {n}", 1500, claimant=nis)
    with django_assert_max_num_queries(8):
        assert len(propose()) == 3
    for n in range(60):
        claim = soldiers_claim(f"North Korea moved 1,500 soldiers, more {n}", 1500, claimant=nis)
        StatementFactory(claim=claim, actor=nis)
    with django_assert_max_num_queries(8):
        assert len(propose()) == 5


def test_without_full_text_search_the_substring_fallback_still_crosses_languages(monkeypatch):
    # What SQLite, the newcomer's database, runs.
    monkeypatch.setattr(search, "_full_text", lambda: False)
    soldiers_claim("Russia and Ukraine exchanged prisoners of war")
    moved = soldiers_claim("North Korea has moved soldiers to Russia")
    assert claims_of(proposals_for(statement()))[0] == moved


# --- The accept page --------------------------------------------------------------------------


def accept_url(item):
    return reverse("intake:accept", args=[item.public_id])


def radios(page: str) -> list[tuple[str, bool]]:
    return [
        (value, "checked" in tag)
        for tag, value in re.findall(
            r'(<input type="radio" name="match" value="([^"]+)"[^>]*>)', page
        )
    ]


def test_the_accept_page_offers_the_ranked_claims_with_the_top_one_chosen_and_new_claim_last(
    client, editor
):
    nis = ActorFactory(name="National Intelligence Service")
    second = soldiers_claim("North Korean soldiers are training in Russia")
    first = soldiers_claim("North Korea has moved 1,500 soldiers to Russia", 1500, claimant=nis)
    item = statement(speaker=nis, figure="1.500 Soldaten")
    client.force_login(editor)

    page = client.get(accept_url(item)).content.decode()

    assert radios(page) == [
        (str(first.pk), True),
        (str(second.pk), False),
        ("other", False),
        ("new", False),
    ]
    assert "same figure" in page and "the speaker&#x27;s claim" in page


def test_without_proposals_the_page_says_so_and_nothing_is_chosen(client, editor):
    client.force_login(editor)
    page = client.get(accept_url(statement())).content.decode()
    assert radios(page) == [("other", False), ("new", False)]
    assert "No existing claim matches this statement" in page


def accept_post(item, **fields):
    data = {
        "actor": item.actor_id,
        "new_actor_kind": "person",
        "stance": "asserts",
        "quote": item.text,
        "credibility": "6",
    }
    data.update(fields)
    return data


def test_accepting_with_a_proposed_claim_records_the_statement_on_it_and_no_new_claim(
    client, editor
):
    nis = ActorFactory(name="National Intelligence Service")
    soldiers_claim("North Korean soldiers are training in Russia")
    chosen = soldiers_claim("North Korea has moved soldiers to Russia", claimant=nis)
    item = statement(speaker=nis)
    client.force_login(editor)
    claims_before = Claim.objects.count()

    response = client.post(accept_url(item), accept_post(item, match=str(chosen.pk)))

    assert response.status_code == 302
    assert Claim.objects.count() == claims_before
    assert Statement.objects.get().claim == chosen
    item.refresh_from_db()
    assert item.status == ReviewStatus.ACCEPTED and item.statement.claim == chosen


def test_a_proposed_claim_and_a_new_claims_text_together_are_refused(client, editor):
    nis = ActorFactory(name="National Intelligence Service")
    chosen = soldiers_claim("North Korea has moved soldiers to Russia", claimant=nis)
    item = statement(speaker=nis)
    client.force_login(editor)

    response = client.post(
        accept_url(item),
        accept_post(item, match=str(chosen.pk), new_claim_text="Something else entirely"),
    )

    assert response.status_code == 200 and response.context["form"].errors["match"]
    assert not Statement.objects.exists()


def test_new_claim_and_another_claim_are_the_editors_to_choose(client, editor):
    nis = ActorFactory(name="National Intelligence Service")
    soldiers_claim("North Korea has moved soldiers to Russia", claimant=nis)
    unrelated = soldiers_claim("The harbour strike ended after two days")
    first, second = statement(speaker=nis), statement(speaker=nis)
    client.force_login(editor)

    response = client.post(
        accept_url(first),
        accept_post(
            first,
            match="new",
            new_claim_text="North Korea moved troops to Russia",
            new_topic_title="DPRK troops",
        ),
    )
    assert response.status_code == 302
    assert Statement.objects.get().claim.text == "North Korea moved troops to Russia"

    missing = client.post(accept_url(second), accept_post(second, match="other"))
    assert missing.status_code == 200 and missing.context["form"].errors["claim"]
    response = client.post(
        accept_url(second), accept_post(second, match="other", claim=unrelated.pk)
    )
    assert response.status_code == 302
    assert Statement.objects.filter(claim=unrelated).count() == 1


# --- Bulk accept ------------------------------------------------------------------------------


def test_bulk_accept_puts_a_statement_on_its_confident_match(editor):
    nis = ActorFactory(name="National Intelligence Service")
    claim = soldiers_claim("North Korea has moved 1,500 soldiers to Russia", 1500, claimant=nis)
    soldiers_claim("The harbour strike ended after two days")
    item = statement(speaker=nis, figure="1.500 Soldaten")
    claims_before = Claim.objects.count()

    result = services.accept_suggestions([item], editor=editor)

    assert [s.pk for s in result.accepted] == [item.pk] and not result.undecided
    item.refresh_from_db()
    assert item.statement.claim == claim and item.statement.estimate_value == 1500
    assert Claim.objects.count() == claims_before


def test_bulk_accept_leaves_an_unsure_match_pending_asking_which_claim(editor):
    nis = ActorFactory(name="National Intelligence Service")
    soldiers_claim("North Korea has moved soldiers to Russia")
    soldiers_claim("North Korea has moved soldiers to Russia's east")
    item = statement(speaker=nis)

    result = services.accept_suggestions([item], editor=editor)

    assert not result.accepted
    ((left, reasons),) = result.undecided
    assert left.pk == item.pk and reasons[0].startswith("Which claim? “North Korea has moved")
    item.refresh_from_db()
    assert item.status == ReviewStatus.PENDING and not Statement.objects.exists()


def test_a_claim_the_editor_chose_for_the_batch_wins_over_the_proposal(editor):
    nis = ActorFactory(name="National Intelligence Service")
    soldiers_claim("North Korea has moved 1,500 soldiers to Russia", 1500, claimant=nis)
    chosen = soldiers_claim("The harbour strike ended after two days")
    item = statement(speaker=nis, figure="1.500 Soldaten")

    services.accept_suggestions([item], editor=editor, claim=chosen)

    assert Statement.objects.get().claim == chosen


# --- The demo ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "language", "figure", "claim"),
    [
        (
            "de_nordkorea_truppen.txt",
            "de",
            "1.500 Soldaten",
            "North Korea has moved 1,500 soldiers",
        ),
        ("en_dprk_troops.txt", "en", "at least 3,000", "At least 3,000 North Korean soldiers"),
    ],
)
def test_the_demo_articles_propose_the_demo_claims_first(demo, article, language, figure, claim):
    source, _ = services.intake_article(
        text=(DATA / article).read_text(encoding="utf-8"),
        language=language,
        recorded_by=None,
        published_on=date(2024, 10, 22),
    )
    quantity = source.intake_suggestions.get(kind="quantity", text__startswith=figure)

    found = proposals_for(quantity)

    assert found.top.claim.text.startswith(claim) and found.confident
