"""Dashboard pages: thin, they render what the selectors read."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "claims/home.html", {"topics": selectors.topics_with_claims()})
