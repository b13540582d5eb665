"""Every write of the actors app."""

from collections.abc import Iterable

from django.db import transaction

from .models import Actor, Alias


@transaction.atomic
def actor_create(
    *,
    name: str,
    kind: str,
    country: str = "",
    aliases: Iterable[str] = (),
    description: str = "",
) -> Actor:
    """Create an actor with its aliases; raises ValidationError (nothing written) when the name,
    kind or country is invalid or an actor of that name, kind and country exists."""
    actor = Actor(
        name=name.strip(),
        kind=kind,
        country=country.strip().upper(),
        description=description.strip(),
    )
    actor.full_clean()
    actor.save()
    for alias_name in dict.fromkeys(a.strip() for a in aliases):
        if alias_name and alias_name != actor.name:
            alias = Alias(actor=actor, name=alias_name)
            alias.full_clean()
            alias.save()
    return actor
