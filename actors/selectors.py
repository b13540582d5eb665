"""Reads of actors worth a name."""

from django.db.models import Prefetch, Q, QuerySet

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


def search_actors(queryset: QuerySet[Actor], q: str) -> QuerySet[Actor]:
    """Actors whose name or any alias contains `q`: Selenskyj finds Volodymyr Zelensky."""
    q = q.strip()
    if not q:
        return queryset
    matching = Actor.objects.filter(Q(name__icontains=q) | Q(aliases__name__icontains=q))
    return queryset.filter(pk__in=matching.values("pk"))
