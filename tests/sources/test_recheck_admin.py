"""The Source admin's "re-check now" action: it queues the re-check task after commit."""

import pytest
from celery.signals import task_prerun
from django.contrib.messages import get_messages
from django.urls import reverse

from sources.models import Health, Snapshot
from tests.factories import SourceFactory
from tests.sources.recheck_helpers import ARTICLE, page, source_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("recheck_settings")]


def test_re_check_now_runs_the_check_through_the_task(
    admin_client, httpserver, url, django_capture_on_commit_callbacks
):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type="text/html")
    source = source_at(url("/a"))
    without_url = SourceFactory(url="")
    tasks_run = []

    def record(sender, **kwargs):
        tasks_run.append(sender.name)

    task_prerun.connect(record, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True) as queued:
            response = admin_client.post(
                reverse("admin:sources_source_changelist"),
                {"action": "recheck_now", "_selected_action": [source.pk, without_url.pk]},
                follow=True,
            )
    finally:
        task_prerun.disconnect(record)

    assert response.status_code == 200
    assert len(queued) == 1
    assert tasks_run == ["sources.tasks.recheck_source"]
    snapshot = Snapshot.objects.get(source=source)
    assert snapshot.health == Health.OK
    assert snapshot.due_at is not None
    assert not Snapshot.objects.filter(source=without_url).exists()
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert texts == ["Queued a re-check of 1 source.", "1 source has no URL to re-check."]


def test_re_check_now_is_offered_to_those_who_may_change_sources(admin_client):
    SourceFactory(url="https://example.org/a")  # the admin shows no actions on an empty list
    response = admin_client.get(reverse("admin:sources_source_changelist"))
    assert b'value="recheck_now"' in response.content
