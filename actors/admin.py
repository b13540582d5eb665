from django.contrib import admin

from common.admin import HistoryAdmin

from .models import Actor, Affiliation, Alias


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    fk_name = "actor"
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Actor)
class ActorAdmin(HistoryAdmin):
    list_display = ["name", "kind", "country", "wikidata_qid", "recorded_at"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "aliases__name", "description", "wikidata_qid"]
    inlines = [AliasInline, AffiliationInline]
    readonly_fields = ["public_id", "recorded_at"]


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "actor", "language"]
    list_filter = ["language"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor"]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["actor", "role", "organisation", "start_date", "end_date"]
    list_filter = ["organisation__kind"]
    search_fields = ["actor__name", "organisation__name", "role"]
    autocomplete_fields = ["actor", "organisation"]
    list_select_related = ["actor", "organisation"]
