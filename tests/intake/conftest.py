"""Fixtures of the intake tests: the story's actors, and its German wire report."""

import json
from datetime import date
from pathlib import Path

import pytest

from actors.models import Actor, ActorKind, Alias

DATA = Path(__file__).resolve().parent.parent / "data" / "intake"
STORY = DATA / "de_nordkorea_truppen.txt"
STORY_PUBLISHED = date(2024, 10, 22)


@pytest.fixture
def story_text() -> str:
    return STORY.read_text(encoding="utf-8")


@pytest.fixture
def story_actors(db) -> dict[str, Actor]:
    """The actors of the evaluation set (the demo story's and North Korea's government), keyed
    as in tests/data/intake/known_actors.json."""
    actors = {}
    for row in json.loads((DATA / "known_actors.json").read_text()):
        kind = ActorKind.PERSON if row["is_person"] else ActorKind.ORGANISATION
        if row["id"] in ("afp", "dpa"):
            kind = ActorKind.NEWS_AGENCY
        actor = Actor.objects.create(name=row["name"], kind=kind)
        Alias.objects.bulk_create(Alias(actor=actor, name=name) for name in row["aliases"])
        actors[row["id"]] = actor
    return actors


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users made by the factories get a password; the default hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
