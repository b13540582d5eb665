"""Abstract bases for the fields every model repeats."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicIdModel(models.Model):
    """A row the API names: clients see `public_id`, never the sequential primary key, so ids
    reveal neither volumes nor order."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class RecordedModel(models.Model):
    """A row that remembers when it entered ClaimTrack: the knowledge clock that `as_of`
    questions are answered by, apart from when things were said, published or decided."""

    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True
