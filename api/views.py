"""Base classes of every API view: lookups by public id, conditional GETs, filter errors."""

import functools
import uuid
from typing import Any, TypeVar, cast

import django_filters
from django.db.models import Model, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from .conditional import ConditionalGetMixin
from .problems import invalid_parameters

_MT = TypeVar("_MT", bound=Model)


@functools.cache
def _for_history(filterset_class: type[Any], history_model: type[Model]) -> type[Any]:
    meta = type("Meta", (filterset_class.Meta,), {"model": history_model})
    return type(f"History{filterset_class.__name__}", (filterset_class,), {"Meta": meta})


class FilterBackend(DjangoFilterBackend):
    """django-filter, with invalid filter values reported as 400 problems per parameter."""

    def get_filterset_class(self, view: APIView, queryset: QuerySet | None = None) -> Any:
        filterset_class = getattr(view, "filterset_class", None)
        model = getattr(queryset, "model", None)
        # A list answering for a past moment filters the model's history (common.history):
        # the same filters, on the same field names, of the historical records.
        if filterset_class is not None and filterset_class._meta.model is getattr(
            model, "instance_type", None
        ):
            return _for_history(filterset_class, model)
        return super().get_filterset_class(view, queryset)

    def filter_queryset(self, request: Request, queryset: QuerySet, view: APIView) -> QuerySet:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        # django-filter ignores an empty value; for a typed parameter (an id, a date, a choice)
        # that hides a client's bug, so it is refused. Empty text (`q=`) just means no filter.
        empty = {
            name: "Give a value, or leave the parameter out."
            for name, filter_ in filterset.filters.items()
            if not isinstance(filter_, django_filters.CharFilter)
            and "" in request.query_params.getlist(name)
        }
        if empty:
            raise invalid_parameters(empty)
        if not filterset.is_valid():
            raise invalid_parameters(filterset.errors)
        return filterset.qs


# The two clocks' parameters (common.moments): views that cannot answer them refuse them.
MOMENT_PARAMETERS = ("as_of", "said_by")


class ApiViewMixin(ConditionalGetMixin[_MT]):
    """Resources are addressed by their public UUID, never by database id."""

    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # PostgreSQL text cannot hold NUL; say so as a 400 rather than fail in the database.
        bad = {
            name: "Query parameters cannot contain NUL characters."
            for name, values in request.query_params.lists()
            if any("\x00" in value for value in values) or "\x00" in name
        }
        if bad:
            raise invalid_parameters(bad)
        # A client asking about the past must not get the present unawares.
        if request.method in ("GET", "HEAD") and not self.answers_for_past_moments():
            past = {
                name: "This resource answers for now only."
                for name in MOMENT_PARAMETERS
                if name in request.query_params
            }
            if past:
                raise invalid_parameters(past)

    def answers_for_past_moments(self) -> bool:
        """Whether this request may ask `as_of` / `said_by` (claims.api.views.AnswersAsOfMixin
        says which actions can)."""
        return False

    def get_permissions(self) -> list[BasePermission]:
        # DRF's list of permission instances. The stubs widen it to a sequence of a protocol, for
        # classes composed with & and |; ours are all BasePermission classes.
        return cast(list[BasePermission], super().get_permissions())

    def get_object(self) -> _MT:
        # Filters apply to lists only: a detail URL names exactly one resource.
        obj = lookup(self.get_queryset(), self.kwargs[self.lookup_url_kwarg])
        self.check_object_permissions(self.request, obj)
        self.note_modified([obj])
        return obj


def parse_public_id(public_id: Any, model: type[Model]) -> uuid.UUID:
    """The id from a URL as a UUID, or a 404 problem: no resource has an id that is not one."""
    try:
        return uuid.UUID(str(public_id))
    except ValueError as exc:
        name = model._meta.verbose_name
        raise exceptions.NotFound(f"No {name} has this id: it is not a UUID.") from exc


def lookup(queryset: QuerySet[_MT], public_id: Any) -> _MT:
    """The row of `queryset` with this public id, or a 404 problem naming what was missing."""
    name = queryset.model._meta.verbose_name
    public_id = parse_public_id(public_id, queryset.model)
    obj = queryset.filter(public_id=public_id).first()
    if obj is None:
        raise exceptions.NotFound(f"No {name} has the id {public_id}.")
    return obj
