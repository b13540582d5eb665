"""Every write of the sources admin goes through sources.services: citations added, changed and
removed retrace the chains (Reliance), source edits tell the claims, deletions retrace."""

import pytest
from django.urls import reverse

from sources import services
from sources.models import Citation, Reliance, Source
from sources.signals import origins_changed
from tests.claims.test_admin import change_page_data
from tests.factories import ActorFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(client, db):
    client.force_login(UserFactory(username="chief", is_staff=True, groups=["admin"]))
    return client


@pytest.fixture
def sent_origins_changed():
    received: list[set[int]] = []

    def record(sender, source_ids, **kwargs):
        received.append(set(source_ids))

    origins_changed.connect(record, weak=False)
    yield received
    origins_changed.disconnect(record)


def origins(source: Source) -> set[str]:
    return set(
        Reliance.objects.filter(source=source, is_origin=True).values_list(
            "relies_on__title", flat=True
        )
    )


def test_a_citation_added_in_the_citation_admin_retraces_the_chain(chief):
    paper, wire, briefing = (SourceFactory(title=t) for t in ("Paper", "Wire", "Briefing"))
    services.cite_source(citing=wire, cited=briefing, editor=None)

    response = chief.post(
        reverse("admin:sources_citation_add"),
        {"citing": paper.pk, "cited": wire.pk, "note": "citing the wire"},
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    citation = Citation.objects.get(citing=paper)
    assert (citation.cited, citation.note) == (wire, "citing the wire")
    assert origins(paper) == {"Briefing"}
    assert citation.history.get().history_user.username == "chief"


def test_a_self_citation_in_the_admin_is_a_form_error(chief):
    paper = SourceFactory()
    response = chief.post(
        reverse("admin:sources_citation_add"), {"citing": paper.pk, "cited": paper.pk}
    )
    assert response.status_code == 200
    assert "A source cannot cite itself." in response.content.decode()
    assert not Citation.objects.exists()


def test_a_recorded_citation_is_read_only_and_deleting_it_retraces(chief):
    paper, wire = SourceFactory(title="Paper"), SourceFactory(title="Wire")
    citation = services.cite_source(citing=paper, cited=wire, editor=None)
    change = chief.get(reverse("admin:sources_citation_change", args=[citation.pk]))
    assert 'name="cited"' not in change.content.decode()

    response = chief.post(
        reverse("admin:sources_citation_delete", args=[citation.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Citation.objects.exists()
    assert origins(paper) == set()  # it cites nothing: its own origin, kept as no row


def test_deleting_citations_in_bulk_retraces_each(chief):
    paper, wire, other = (SourceFactory(title=t) for t in ("Paper", "Wire", "Other"))
    first = services.cite_source(citing=paper, cited=wire, editor=None)
    second = services.cite_source(citing=paper, cited=other, editor=None)
    assert origins(paper) == {"Wire", "Other"}

    response = chief.post(
        reverse("admin:sources_citation_changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Reliance.objects.filter(source=paper).exists()


def test_the_source_forms_citations_are_added_changed_and_removed_through_the_services(chief):
    paper, wire, briefing, kcna = (
        SourceFactory(title=t) for t in ("Paper", "Wire", "Briefing", "KCNA")
    )
    services.cite_source(citing=wire, cited=briefing, editor=None)
    url = reverse("admin:sources_source_change", args=[paper.pk])

    data = change_page_data(chief, url)
    data["citations-0-cited"] = str(wire.pk)
    response = chief.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert origins(paper) == {"Briefing"}

    data = change_page_data(chief, url)
    data["citations-0-cited"] = str(kcna.pk)  # the wire's citation now names KCNA
    data["citations-0-note"] = "corrected"
    assert chief.post(url, data).status_code == 302
    assert list(Citation.objects.filter(citing=paper).values_list("cited__title", "note")) == [
        ("KCNA", "corrected")
    ]
    assert origins(paper) == {"KCNA"}

    data = change_page_data(chief, url)
    data["citations-0-DELETE"] = "on"
    assert chief.post(url, data).status_code == 302
    assert not Citation.objects.filter(citing=paper).exists()
    assert origins(paper) == set()


def test_a_changed_publisher_tells_the_claims_about_the_chains_through_the_source(
    chief, sent_origins_changed
):
    briefing, paper = SourceFactory(title="Briefing"), SourceFactory(title="Paper")
    services.cite_source(citing=paper, cited=briefing, editor=None)
    url = reverse("admin:sources_source_change", args=[briefing.pk])
    sent_origins_changed.clear()

    data = change_page_data(chief, url)
    data["title"] = "Briefing, retitled"
    assert chief.post(url, data).status_code == 302
    assert sent_origins_changed == []  # a title is nobody's words

    data = change_page_data(chief, url)
    data["publisher"] = str(ActorFactory(name="National Intelligence Service").pk)
    assert chief.post(url, data).status_code == 302
    assert sent_origins_changed == [{briefing.pk, paper.pk}]


def test_deleting_a_source_retraces_the_chains_that_ran_through_it(chief):
    paper, wire, briefing = (SourceFactory(title=t) for t in ("Paper", "Wire", "Briefing"))
    services.cite_source(citing=paper, cited=wire, editor=None)
    services.cite_source(citing=wire, cited=briefing, editor=None)
    assert origins(paper) == {"Briefing"}

    response = chief.post(reverse("admin:sources_source_delete", args=[wire.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Source.objects.filter(pk=wire.pk).exists()
    assert origins(paper) == set()

    response = chief.post(
        reverse("admin:sources_source_changelist"),
        {"action": "delete_selected", "_selected_action": [briefing.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Source.objects.filter(pk=briefing.pk).exists()
