"""Abstract bases for the fields every model repeats."""

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import clock


class PublicIdModel(models.Model):
    """A row the API names: clients see `public_id`, never the sequential primary key, so ids
    reveal neither volumes nor order."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class RecordedModel(models.Model):
    """A row that remembers when it entered ClaimTrack: the knowledge clock that `as_of`
    questions are answered by, apart from when things were said, published or decided."""

    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now, editable=False)

    class Meta:
        abstract = True


class ChangedAtField(models.DateTimeField):
    """When the row was last saved, on the knowledge clock: `auto_now` that follows
    common.clock, so that a row written inside `recording_at(moment)` reads as changed then."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = clock.now()
        setattr(model_instance, self.attname, value)
        return value
