"""What the intake fills in for the editor: the article's language detected from its text,
statements dated at the article's date, and a new actor's kind guessed from its name."""

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actors.models import Actor, ActorKind
from intake import services
from intake.models import IntakeSuggestion
from intake.nlp.actor_kinds import guess_actor_kind
from intake.nlp.language import detect_language
from tests.factories import ClaimFactory

DATA = Path(__file__).resolve().parent.parent / "data" / "intake"


# --- Language ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "language"),
    [("de_nordkorea_truppen.txt", "de"), ("de_hafenstreik.txt", "de"),
     ("en_dprk_troops.txt", "en"), ("en_measles.txt", "en")],
)  # fmt: skip
def test_an_article_s_language_is_detected_from_its_text(name, language):
    assert detect_language((DATA / name).read_text(encoding="utf-8")) == language


def test_languages_the_newsroom_meets_beyond_german_and_english_are_told_apart():
    assert detect_language("Le ministre a déclaré lundi que la situation était grave.") == "fr"
    assert detect_language("Міністр заявив у понеділок, що ситуація є серйозною.") == "uk"
    assert detect_language("Министр заявил в понедельник, что ситуация серьёзная.") == "ru"
    assert detect_language("국가정보원은 북한이 러시아에 병력을 파견했다고 밝혔다.") == "ko"


@pytest.mark.parametrize("text", ["OK", "Berlin", "Kim Yo Jong", "12.000 Soldaten", ""])
def test_a_text_too_short_to_tell_gets_no_guess(text):
    assert detect_language(text) is None


def test_detection_opens_no_connection_and_needs_no_download():
    """The models are compiled into the package: detection works with sockets refused."""
    script = (
        "import socket\n"
        "class Refused(socket.socket):\n"
        "    def connect(self, *a, **k):\n"
        "        raise OSError('network used')\n"
        "    connect_ex = connect\n"
        "socket.socket = Refused\n"
        "from intake.nlp.language import detect_language\n"
        "print(detect_language('Der Minister sagte am Montag, die Lage sei ernst.'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "de"


@pytest.mark.django_db
def test_the_intake_reads_an_article_in_the_language_detected(editor):
    source, _ = services.intake_article(
        text=(DATA / "en_dprk_troops.txt").read_text(encoding="utf-8"),
        language="",
        recorded_by=editor,
        fallback_language="de",
    )
    assert source.language == "en"


@pytest.mark.django_db
def test_a_short_text_is_read_in_the_fallback_language(editor):
    source, _ = services.intake_article(
        text="Kurz: OK.", language="", recorded_by=editor, fallback_language="en"
    )
    assert source.language == "en"
    with pytest.raises(ValidationError) as raised:
        services.intake_article(text="Kurz: OK.", language="", recorded_by=editor)
    assert "too short to tell its language" in str(raised.value.message_dict["language"])


@pytest.mark.django_db
def test_a_language_the_analysis_does_not_read_is_an_error_next_to_the_field(client, editor):
    client.force_login(editor)
    text = (
        "Le ministre de la Défense a déclaré lundi que des soldats nord-coréens se trouvaient "
        "en Russie. « C'est une escalade grave », a-t-il ajouté devant la presse à Paris."
    )
    response = client.post(reverse("intake:new"), {"text": text, "kind": "news_article"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "The text seems to be in French" in form.errors["language"][0]
    assert form["text"].value() == text  # nothing lost
    assert not IntakeSuggestion.objects.exists()


@pytest.mark.django_db
def test_the_article_form_detects_by_default_and_says_so(client, editor):
    client.force_login(editor)
    form = client.get(reverse("intake:new")).context["form"]
    assert form["language"].value() in ("", None)
    response = client.post(
        reverse("intake:new"),
        {
            "text": (DATA / "de_hafenstreik.txt").read_text(encoding="utf-8"),
            "kind": "news_article",
        },
        follow=True,
    )
    assert response.context["source"].language == "de"
    assert "Language detected from the text: German." in response.content.decode()


# --- The article's date --------------------------------------------------------------------------


@pytest.fixture
def dated_article(db):
    source, _ = services.intake_article(
        text=(DATA / "en_dprk_troops.txt").read_text(encoding="utf-8"),
        language="en",
        recorded_by=None,
        published_on=date(2024, 10, 22),
    )
    return source


def test_an_undated_statement_is_dated_at_the_article_s_publication(dated_article, editor):
    quote = IntakeSuggestion.objects.get(
        source=dated_article, kind="quote", text__startswith="There is evidence"
    )
    assert quote.said_on is None
    statement = services.accept_suggestion(
        quote,
        editor=editor,
        stance="asserts",
        quote=quote.text,
        claim=ClaimFactory(),
        new_actor=services.NewActor(name="Lloyd Austin"),
    )
    assert statement.said_at == datetime(2024, 10, 22, 12, tzinfo=UTC)
    assert statement.quote_language == "en"


def test_the_accept_form_offers_the_article_s_date_and_folds_what_is_proposed(
    client, editor, dated_article
):
    quote = IntakeSuggestion.objects.get(
        source=dated_article, kind="quote", text__startswith="There is evidence"
    )
    client.force_login(editor)
    response = client.get(reverse("intake:accept", args=[quote.public_id]))
    form = response.context["form"]
    assert form.initial["said_on"] == date(2024, 10, 22)
    assert form.initial["language"] == "en"
    assert form.initial["new_actor_kind"] == ActorKind.PERSON
    folds = form.folds()
    assert not folds["who"].open and "Lloyd Austin" in folds["who"].summary
    assert not folds["statement"].open and "22 October 2024" in folds["statement"].summary
    page = response.content.decode()
    # The claim needs a decision and is never folded; the rest is.
    assert page.count("<details") == 4 and page.count('<details class="intake-fold" open') == 0


@pytest.mark.django_db
def test_an_undated_article_leaves_the_date_open_for_the_editor(client, editor):
    source, _ = services.intake_article(
        text=(DATA / "en_dprk_troops.txt").read_text(encoding="utf-8"),
        language="en",
        recorded_by=None,
    )
    quote = IntakeSuggestion.objects.get(
        source=source, kind="quote", text__startswith="There is evidence"
    )
    client.force_login(editor)
    form = client.get(reverse("intake:accept", args=[quote.public_id])).context["form"]
    assert form.initial["said_on"] is None
    assert form.folds()["statement"].open
    assert "Neither the text nor the article gives a date" in str(form.fields["said_on"].help_text)


# --- Kinds of actors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        # English
        ("Ministry of Defence", ActorKind.GOVERNMENT_BODY),
        ("Government of Japan", ActorKind.GOVERNMENT_BODY),
        ("National Weather Service", ActorKind.GOVERNMENT_BODY),
        ("Metropolitan Police", ActorKind.GOVERNMENT_BODY),
        ("Russian Army", ActorKind.GOVERNMENT_BODY),
        ("Defense Intelligence Agency", ActorKind.INTELLIGENCE_SERVICE),
        ("Korea Times", ActorKind.MEDIA_OUTLET),
        ("The New York Times", ActorKind.MEDIA_OUTLET),
        ("Press TV", ActorKind.MEDIA_OUTLET),
        ("Associated Press", ActorKind.NEWS_AGENCY),
        ("Yonhap News Agency", ActorKind.NEWS_AGENCY),
        ("Reuters", ActorKind.NEWS_AGENCY),
        ("Apple Inc.", ActorKind.ORGANISATION),
        ("Republic of Korea", ActorKind.STATE),
        ("Lloyd Austin", ActorKind.PERSON),
        ("Dr. Maria Santos", ActorKind.PERSON),
        # German
        ("Verteidigungsministerium", ActorKind.GOVERNMENT_BODY),
        ("Bundesregierung", ActorKind.GOVERNMENT_BODY),
        ("Hafenbehörde", ActorKind.GOVERNMENT_BODY),
        ("Bundespolizei", ActorKind.GOVERNMENT_BODY),
        ("Auswärtiges Amt", ActorKind.GOVERNMENT_BODY),
        ("Bundesagentur für Arbeit", ActorKind.GOVERNMENT_BODY),
        ("Bundesnachrichtendienst", ActorKind.INTELLIGENCE_SERVICE),
        ("Süddeutsche Zeitung", ActorKind.MEDIA_OUTLET),
        ("Handelsblatt", ActorKind.MEDIA_OUTLET),
        ("Deutsche Presse-Agentur", ActorKind.NEWS_AGENCY),
        ("Siemens AG", ActorKind.ORGANISATION),
        ("Volkswagen GmbH", ActorKind.ORGANISATION),
        ("Ursula von der Leyen", ActorKind.PERSON),
        ("Wolodymyr Selenskyj", ActorKind.PERSON),
        # Neither: an acronym, a capital for its state, a single word
        ("NATO", ActorKind.ORGANISATION),
        ("Pjöngjang", ActorKind.STATE),
        ("Gazprom", ActorKind.ORGANISATION),
    ],
)
def test_a_new_actor_s_kind_is_guessed_from_its_name(name, kind):
    assert guess_actor_kind(name) == kind


def test_a_name_with_no_cue_gets_the_caller_s_default():
    assert guess_actor_kind("Gazprom", default=ActorKind.PERSON) == ActorKind.PERSON
    assert guess_actor_kind("Korea Times", default=ActorKind.PERSON) == ActorKind.MEDIA_OUTLET


def test_every_guess_is_a_kind_that_exists():
    from intake.nlp.actor_kinds import CUES

    assert {kind for kind, _cues in CUES} <= set(ActorKind.values)


@pytest.mark.django_db
def test_a_new_organisation_from_intake_is_not_made_a_person(dated_article, editor):
    statement = IntakeSuggestion.objects.get(
        source=dated_article, kind="statement", text__startswith="South Korea's National"
    )
    services.accept_suggestion(
        statement,
        editor=editor,
        stance="asserts",
        quote=statement.text,
        claim=ClaimFactory(),
        new_actor=services.NewActor(name="Verteidigungsministerium"),
    )
    assert Actor.objects.get(name="Verteidigungsministerium").kind == ActorKind.GOVERNMENT_BODY
