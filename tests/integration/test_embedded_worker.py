"""`make run` with nothing installed: the server's Celery worker and scheduler run the jobs
through a folder broker on SQLite, as the Makefile starts them: a due source is re-checked and a
webhook is delivered without Redis or PostgreSQL."""

import json
import os
import re
import shlex

from tests.integration.processes import BIN, ROOT, Stack, wait_for


def make_run_worker_command() -> list[str]:
    """The worker command line of `make run`, so this test runs what a newcomer runs."""
    recipe = (ROOT / "Makefile").read_text().split("\nrun: $(RUNTIME)\n", 1)[1].splitlines()[0]
    command = re.search(r"\{ (\$\(BIN\)/celery .*?) & ", recipe)
    assert command, recipe
    return [part.replace("$(BIN)", str(BIN)) for part in shlex.split(command.group(1))]


def test_make_run_rechecks_a_due_source_and_delivers_a_webhook_without_services(
    httpserver, tmp_path
):
    httpserver.expect_request("/report").respond_with_data(
        "<html><body><article><p>"
        + "North Korea has moved soldiers to Russia, the intelligence service said. " * 5
        + "</p></article></body></html>",
        content_type="text/html",
    )
    httpserver.expect_request("/hook", method="POST").respond_with_data("thanks")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_TASK_ALWAYS_EAGER"}
        and not key.startswith("DJANGO_ALLOW")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CLAIMTRACK_BROKER_DIR=str(tmp_path / "broker"),
        DEBUG="on",
        CELERY_TASK_ALWAYS_EAGER="off",
        CLAIMTRACK_FETCH_ALLOW=f"127.0.0.1:{httpserver.port}",
    )
    stack = Stack(env, tmp_path)
    stack.manage("migrate", "--noinput")
    stack.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User, Group;"
        "from sources.models import Source;"
        "from webhooks.services import subscribe;"
        "editor = User.objects.create(username='editor');"
        "editor.groups.add(Group.objects.get(name='editor'));"
        f"subscribe(owner=editor, target_url='{httpserver.url_for('/hook')}',"
        " event_types=['source.health_changed']);"
        "Source.objects.create(title='Report', kind='news_article',"
        f" url='{httpserver.url_for('/report')}')",
    )
    try:
        stack.start("worker", *make_run_worker_command())

        def delivered():
            return [entry for entry, _ in httpserver.log if entry.path == "/hook"]

        # Beat queues due re-checks every minute, and delivers webhooks every five seconds.
        hooks = wait_for(delivered, seconds=150, what="the webhook delivery", stack=stack)
        event = json.loads(hooks[0].get_data())
        assert event["type"] == "source.health_changed", event
        assert hooks[0].headers["X-ClaimTrack-Signature"]
        assert [entry for entry, _ in httpserver.log if entry.path == "/report"]
        health = stack.manage(
            "shell", "-c", "from sources.models import Source; print(Source.objects.get().health)"
        )
        assert health.split()[-1] == "ok"
        assert stack.processes[0][1].poll() is None, stack.log_tail()
    finally:
        stack.stop()
