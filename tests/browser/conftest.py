"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server."""

import os
from pathlib import Path

import pytest

from devdata.demo import load_demo

# live_server runs the app in a thread while Playwright's sync API holds an event loop in this
# one; the tests' own ORM calls stay synchronous. Subprocess tests drop the variable again.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CLAIMTRACK_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def console_errors(page):
    """Collects console errors and page errors; every browser test asserts there were none."""
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def screenshot(page, request):
    def take(name: str = "") -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{request.node.name}{'-' + name if name else ''}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def demo_site(live_server, transactional_db):
    from django.contrib.auth.models import Group
    from django.core.management.sql import emit_post_migrate_signal

    if not Group.objects.filter(name="editor").exists():
        # A transactional test before this one flushed without post_migrate (serialized
        # rollback); emit it as flush would, so permissions and roles exist again.
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    load_demo(set_passwords=True)
    return live_server


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-demo-2024")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}/")
