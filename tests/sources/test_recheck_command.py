"""`manage.py recheck_sources`: re-checks in the foreground, without Celery."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sources.management.commands.recheck_sources import Command
from sources.models import Health, Snapshot
from tests.factories import SourceFactory
from tests.sources.recheck_helpers import ARTICLE, page, source_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("recheck_settings")]


def run(*args: str) -> str:
    out = StringIO()
    call_command("recheck_sources", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def pages(httpserver):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("", status=410)


def test_due_sources_are_checked_with_a_progress_bar_and_a_summary(pages, url):
    due = [source_at(url("/a")), source_at(url("/gone"))]
    later = SourceFactory(url=url("/a"), next_check_at=timezone.now() + timedelta(days=1))
    SourceFactory(url="")

    output = run()

    assert f"[###############...............] 1/2 source {due[0].pk}: ok" in output
    assert f"[##############################] 2/2 source {due[1].pk}: gone" in output
    assert output.strip().endswith(
        "Checked 2 sources: 1 ok, 0 changed, 1 gone, 0 unreachable, 0 blocked."
    )
    for source in due:
        assert Snapshot.objects.get(source=source).due_at == source.next_check_at
    assert not Snapshot.objects.filter(source=later).exists()
    assert (
        run("--due")
        .strip()
        .endswith("Checked 0 sources: 0 ok, 0 changed, 0 gone, 0 unreachable, 0 blocked.")
    )


def test_all_checks_every_source_with_a_url_due_or_not(pages, url):
    later = SourceFactory(url=url("/a"), next_check_at=timezone.now() + timedelta(days=1))
    source_at(url("/a"))
    SourceFactory(url="")

    output = run("--all")

    assert "Checked 2 sources: 2 ok," in output
    assert Snapshot.objects.filter(source=later).count() == 1


def test_one_source_is_checked_by_id(pages, url):
    source = SourceFactory(url=url("/gone"), next_check_at=timezone.now() + timedelta(days=1))

    output = run("--source", str(source.pk))

    assert "Checked 1 source: 0 ok, 0 changed, 1 gone," in output
    source.refresh_from_db()
    assert source.health == Health.GONE


def test_dry_run_lists_the_sources_and_writes_nothing(pages, url, httpserver):
    source = source_at(url("/a"))

    output = run("--dry-run")

    assert f"would check {source.pk} {url('/a')}" in output
    assert "1 source would be checked." in output
    assert not Snapshot.objects.exists()
    assert not httpserver.log


def test_an_unknown_source_is_a_clear_error():
    with pytest.raises(CommandError, match=r"There is no source with id 999999\."):
        run("--source", "999999")


def test_an_unknown_source_exits_non_zero_with_the_message(capsys):
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["manage.py", "recheck_sources", "--source", "999999"])

    assert exit_.value.code != 0
    assert "There is no source with id 999999." in capsys.readouterr().err


def test_a_source_without_a_url_is_a_clear_error():
    source = SourceFactory(url="")
    with pytest.raises(CommandError, match="has no URL to re-check"):
        run("--source", str(source.pk))


def test_the_options_exclude_each_other():
    with pytest.raises(CommandError):
        run("--all", "--source", "1")
