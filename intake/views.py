"""Intake pages: a new source from an article, and the editor's review of its suggestions.

Every page needs a logged-in editor (or admin); analysts get 403. Views check permission, parse
input through a form that calls one service, and render.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common import roles
from sources.models import Source

from . import selectors, services
from .forms import (
    AcceptActorForm,
    AcceptCitationForm,
    AcceptStatementForm,
    ArticleForm,
    BulkAcceptForm,
)
from .highlighting import Evidence, Span, evidence, segments
from .models import IntakeSuggestion, ReviewStatus, SuggestionKind
from .services import language_name

# What accepting asks for; quotes, statements and quantities all record a statement.
ACCEPT_FORMS: dict[str, type[AcceptActorForm | AcceptCitationForm | AcceptStatementForm]] = {
    SuggestionKind.ACTOR: AcceptActorForm,
    SuggestionKind.CITATION: AcceptCitationForm,
}


def editor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not roles.can_record(request.user):
            raise PermissionDenied(_("Article intake is for editors."))
        return view(request, *args, **kwargs)

    return checked


@editor_required
def new_article(request: HttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        source = form.save(editor=roles.signed_in(request.user))
        if source is not None:
            if form.detected_language:
                messages.info(
                    request,
                    _("Language detected from the text: %(language)s.")
                    % {"language": language_name(form.detected_language)},
                )
            return redirect("intake:review", source_id=source.public_id)
    return render(
        request,
        "intake/new.html",
        {"form": form, "recent": selectors.recent_intakes()},
    )


@dataclass(frozen=True)
class ReviewEntry:
    suggestion: IntakeSuggestion
    evidence: Evidence | None  # a citation's phrase in its sentence
    undecided: list[str]  # why the last bulk accept left it pending


def _undecided_key(source: Source) -> str:
    return f"intake-undecided-{source.public_id}"


@editor_required
def review(request: HttpRequest, source_id: str) -> HttpResponse:
    source = get_object_or_404(Source, public_id=source_id)
    # What the last bulk accept left for a decision, shown once beside each suggestion.
    undecided: dict[str, list[str]] = request.session.pop(_undecided_key(source), {})
    return _review_page(request, source, bulk_form=None, undecided=undecided)


@require_POST
@editor_required
def bulk_accept(request: HttpRequest, source_id: str) -> HttpResponse:
    """Accept the selected (or all) pending suggestions as they stand; say how many were
    accepted and keep the reasons of the others for the page to show beside them."""
    source = get_object_or_404(Source, public_id=source_id)
    pending = list(selectors.pending_suggestions(source))
    form = BulkAcceptForm(request.POST, source=source, pending=pending)
    result = form.save(editor=roles.signed_in(request.user))
    if result is None:
        return _review_page(request, source, bulk_form=form, undecided={}, status=400)
    accepted, left = len(result.accepted), len(result.undecided)
    if accepted:
        messages.success(
            request,
            ngettext("%(count)d accepted", "%(count)d accepted", accepted) % {"count": accepted}
            + (
                ngettext(", %(count)d needs a decision.", ", %(count)d need a decision.", left)
                % {"count": left}
                if left
                else "."
            ),
        )
    else:
        messages.warning(
            request,
            ngettext(
                "Nothing accepted: %(count)d suggestion needs a decision.",
                "Nothing accepted: %(count)d suggestions need a decision.",
                left,
            )
            % {"count": left},
        )
    request.session[_undecided_key(source)] = {
        str(suggestion.public_id): [str(reason) for reason in reasons]
        for suggestion, reasons in result.undecided
    }
    return redirect(reverse("intake:review", kwargs={"source_id": source.public_id}))


def _review_page(
    request: HttpRequest,
    source: Source,
    *,
    bulk_form: BulkAcceptForm | None,
    undecided: dict[str, list[str]],
    status: int = 200,
) -> HttpResponse:
    suggestions = list(selectors.source_suggestions(source))
    pending = [s for s in suggestions if s.is_pending]
    shown = [s for s in suggestions if s.status != ReviewStatus.REJECTED]
    citations = [(s.start, s.end) for s in suggestions if s.kind == SuggestionKind.CITATION]
    sentences = evidence(source.text, citations) if citations else {}
    if bulk_form is None:
        bulk_form = BulkAcceptForm(source=source, pending=pending)
    selected = set(bulk_form["selected"].value() or []) if bulk_form.is_bound else set()
    return render(
        request,
        "intake/review.html",
        {
            "source": source,
            "language": language_name(source.language) if source.language else "",
            "entries": [
                ReviewEntry(
                    s,
                    sentences.get((s.start, s.end)),
                    undecided.get(str(s.public_id), []) if s.is_pending else [],
                )
                for s in suggestions
            ],
            "pending": len(pending),
            "bulk_form": bulk_form,
            "selected": selected,
            "segments": segments(
                source.text, (Span(s.start, s.end, s.kind, f"s-{s.public_id}") for s in shown)
            ),
        },
        status=status,
    )


@editor_required
def accept(request: HttpRequest, suggestion_id: str) -> HttpResponse:
    suggestion = get_object_or_404(
        IntakeSuggestion.objects.select_related("source", "actor"), public_id=suggestion_id
    )
    back = reverse("intake:review", kwargs={"source_id": suggestion.source.public_id})
    if not suggestion.is_pending:
        messages.info(request, _("This suggestion was already reviewed."))
        return redirect(back)
    form_class = ACCEPT_FORMS.get(suggestion.kind, AcceptStatementForm)
    data = request.POST if request.method == "POST" else None  # an empty POST is still bound
    # Which of a statement's figures to prefill: ?figure=<the quantity's public id>.
    chosen = {"figure": request.GET.get("figure", "")} if form_class is AcceptStatementForm else {}
    form = form_class(data, suggestion=suggestion, **chosen)
    if request.method == "POST" and form.save(editor=roles.signed_in(request.user)) is not None:
        if suggestion.kind == SuggestionKind.ACTOR:
            messages.success(request, _("Actor recorded."))
        elif suggestion.kind == SuggestionKind.CITATION:
            messages.success(request, _("Citation recorded."))
        else:
            messages.success(request, _("Statement recorded."))
        return redirect(f"{back}#item-{suggestion.public_id}")
    source = suggestion.source
    sentence = None
    if suggestion.kind == SuggestionKind.CITATION:
        sentence = evidence(source.text, [(suggestion.start, suggestion.end)]).get(
            (suggestion.start, suggestion.end)
        )
    return render(
        request,
        "intake/accept.html",
        {
            "suggestion": suggestion,
            "source": source,
            "form": form,
            "back": back,
            "evidence": sentence,
        },
    )


@require_POST
@editor_required
def reject(request: HttpRequest, suggestion_id: str) -> HttpResponse:
    suggestion = get_object_or_404(
        IntakeSuggestion.objects.select_related("source"), public_id=suggestion_id
    )
    try:
        services.reject_suggestion(suggestion, editor=roles.signed_in(request.user))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    back = reverse("intake:review", kwargs={"source_id": suggestion.source.public_id})
    return redirect(f"{back}#item-{suggestion.public_id}")
