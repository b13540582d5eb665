"""factory_boy factories for every model tests build."""

from datetime import UTC, datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from actors.models import Actor, ActorKind, Alias
from claims.models import Claim, Stance, Statement, Topic
from sources.models import Source, SourceKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            groups = list(Group.objects.filter(name__in=names))
            # Transactional tests flush the roles made by migration unless they use
            # serialized_rollback=True; fail loudly rather than build a user without a role.
            assert len(groups) == len(names), f"missing groups {names}: use serialized_rollback"
            self.groups.add(*groups)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = ActorKind.PERSON
    country = "KR"


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Source {n}")
    kind = SourceKind.NEWS_ARTICLE
    publisher = factory.SubFactory(ActorFactory, kind=ActorKind.NEWS_AGENCY)
    published_at = datetime(2024, 10, 22, 12, tzinfo=UTC)
    language = "de"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.Sequence(lambda n: f"Topic {n}")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    topic = factory.SubFactory(TopicFactory)
    text = factory.Sequence(lambda n: f"Claim number {n} is true")


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    claim = factory.SubFactory(ClaimFactory)
    actor = factory.SubFactory(ActorFactory)
    source = factory.SubFactory(SourceFactory)
    stance = Stance.ASSERTS
    said_at = datetime(2024, 10, 21, 12, tzinfo=UTC)
