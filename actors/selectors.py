"""Reads of actors worth a name."""

from django.db.models import Prefetch, QuerySet

from .models import Actor, Affiliation, Alias


def actor_list() -> QuerySet[Actor]:
    """Actors with their aliases and affiliations, in three queries whatever their number."""
    return Actor.objects.prefetch_related(
        Prefetch("aliases", queryset=Alias.objects.order_by("name")),
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.select_related("organisation").order_by(
                "-start_date", "id"
            ),
        ),
    )


def actor_ids_matching_name(q: str) -> QuerySet:
    """Ids (`pk` or `actor_id`, possibly repeated) of actors whose name or any alias contains `q`,
    for `pk__in`. Two branches rather than one join with an OR, so that on PostgreSQL each uses
    its trigram index (migration 0002_name_trigram_indexes) instead of scanning both tables."""
    names = Actor.objects.filter(name__icontains=q).order_by().values("pk")
    aliases = Alias.objects.filter(name__icontains=q).order_by().values("actor_id")
    return names.union(aliases, all=True)


def search_actors(queryset: QuerySet[Actor], q: str) -> QuerySet[Actor]:
    """Actors whose name or any alias contains `q`: Selenskyj finds Volodymyr Zelensky."""
    q = q.strip()
    if not q:
        return queryset
    return queryset.filter(pk__in=actor_ids_matching_name(q))


def actor_directory() -> QuerySet[Actor]:
    """Actors for the directory (/actors/), with their aliases in one more query per page."""
    return Actor.objects.prefetch_related(
        Prefetch("aliases", queryset=Alias.objects.order_by("name"))
    )


def actors_named(name: str) -> list[int]:
    """Ids of the actors called `name` (any case), by their name or by one of their aliases:
    what a filter form's actor field resolves its text to. Several actors may share a name
    (two ministries of defence); all of them are meant."""
    name = name.strip()
    named = Actor.objects.filter(name__iexact=name).order_by().values("pk")
    aliased = Alias.objects.filter(name__iexact=name).order_by().values("actor_id")
    return sorted(set(named.union(aliased).values_list("pk", flat=True)))


def actor_countries() -> list[str]:
    """The country codes actors are recorded with, for the directory's type-ahead."""
    return list(
        Actor.objects.exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct()
    )
