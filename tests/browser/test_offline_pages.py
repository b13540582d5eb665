"""Pages with third-party widgets work under the CSP with nothing fetched from elsewhere."""

import re

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def requests_elsewhere(page, base_url: str) -> list[str]:
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((base_url, "data:", "blob:"))
            else elsewhere.append(request.url)
        ),
    )
    return elsewhere


def test_redoc_renders_without_asking_a_cdn(page, live_server, console_errors):
    elsewhere = requests_elsewhere(page, live_server.url)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(f"{live_server.url}/api/v1/redoc/")
    page.get_by_text("API docs by Redocly").wait_for()
    page.get_by_role("heading", name=re.compile("ClaimTrack API")).first.wait_for()
    assert elsewhere == []
    assert failed == []  # every resource the page asked for
    # Headless Chromium asks for /favicon.ico on this page whatever its <link rel=icon> says (a
    # browser request, not the page's): that 404 is the one console error allowed; a CSP
    # violation would be another.
    assert [e for e in console_errors if not e.endswith("404 (Not Found)")] == []
    assert len(console_errors) <= 1


def test_issued_api_token_is_selected_whole_on_click(page, live_server, console_errors):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/api/apitoken/add/")
    page.fill("#id_name", "from-browser")
    # The user field is an autocomplete widget: choose the option as its search would.
    page.locator("#id_user").evaluate(
        "(el, pk) => el.add(new Option('root', pk, true, true))", root.pk
    )
    page.click("input[name=_save]")
    field = page.get_by_label("API token")
    field.wait_for()
    page.locator("h1, #content p").first.click()  # somewhere else first
    field.click()
    selected = field.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert selected == field.input_value() and selected.startswith("ct_")
    assert console_errors == []
