"""API tokens in the admin: issue (the secret is shown once, on the page after saving), list,
revoke. Imported by claims/admin.py."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from common import roles
from common.cache import cache_answers

from .tokens import TOKEN_CACHE_SECONDS, ApiToken, edit_token, issue_token, revoke_token


class IssueTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "scope", "user", "expires_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "display_key",
        "scope",
        "user",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["scope", "revoked_at"]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    actions = ["revoke_selected"]
    readonly_fields = [
        "display_key",
        "scope",
        "user",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    ]

    def get_form(
        self, request: HttpRequest, obj: ApiToken | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        if obj is None:
            kwargs["form"] = IssueTokenForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        # Scope and owner are fixed once issued: a new need gets a new token.
        return self.readonly_fields if obj else []

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> tuple[str, ...]:
        if obj is None:
            return tuple(IssueTokenForm.Meta.fields)
        return ("name", "display_key", "scope", "user", "expires_at", *self.readonly_fields[3:])

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # revoke instead: the token's name stays in the record

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            edit_token(obj, name=obj.name, expires_at=obj.expires_at)
            return
        issued = issue_token(
            name=obj.name,
            scope=obj.scope,
            user=obj.user,
            expires_at=obj.expires_at,
            created_by=roles.signed_in(request.user),
        )
        obj.pk, obj.prefix = issued.token.pk, issued.token.prefix
        # Kept on the request only: the next response shows it and nothing stores it.
        request._issued_api_key = issued.key  # type: ignore[attr-defined]  # ours, read below

    def response_add(
        self, request: HttpRequest, obj: ApiToken, post_url_continue: str | None = None
    ) -> HttpResponse:
        key = getattr(request, "_issued_api_key", None)
        if key is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "token": obj,
            "key": key,
            "title": f"API token for {obj.name}",
        }
        response = TemplateResponse(request, "admin/api/apitoken/issued.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Revoke selected tokens", permissions=["change"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            revoke_token(token)
        messages.success(request, f"Revoked {len(tokens)} token(s).")
        if tokens and not cache_answers():
            messages.warning(
                request,
                "Redis did not answer, so the revoked tokens could not be dropped from the "
                "shared cache: web processes that cached one before may accept it for up to "
                f"{TOKEN_CACHE_SECONDS} seconds more.",
            )
