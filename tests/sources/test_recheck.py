"""The re-check service against a real local HTTP server: what each kind of answer records."""

import hashlib
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from claims.models import ChangeEvent, EventKind, FlagReason, FlagStatus, ReviewFlag
from sources import politeness, recheck, services
from sources.models import Health, Snapshot
from sources.signals import source_checked, source_health_changed
from tests.factories import ClaimFactory, SourceFactory, StatementFactory
from tests.sources.recheck_helpers import ARTICLE, check_now, page, source_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("recheck_settings")]

HOUR = timedelta(hours=1)
HTML = "text/html; charset=utf-8"


def serve_versions(httpserver: HTTPServer, path: str, versions: list) -> None:
    """Serve `versions` one after another (the last one stays), each a body or (status, body)."""
    queue = list(versions)

    def handler(request: Request) -> Response:
        current = queue.pop(0) if len(queue) > 1 else queue[0]
        status, body = current if isinstance(current, tuple) else (200, current)
        return Response(body, status=status, content_type=HTML)

    httpserver.expect_request(path).respond_with_handler(handler)


def open_flags(reason: str, **filters) -> list[ReviewFlag]:
    return list(ReviewFlag.objects.filter(reason=reason, status=FlagStatus.OPEN, **filters))


# --- What a first check records ----------------------------------------------------------------


def test_first_check_reads_the_main_text_and_schedules_the_next_in_an_hour(httpserver, url):
    httpserver.expect_request("/a").respond_with_data(
        page(*ARTICLE), content_type=HTML, headers={"ETag": '"v1"'}
    )
    source = source_at(url("/a"))

    outcome = check_now(source)

    snapshot = outcome.snapshot
    assert snapshot is not None
    assert (snapshot.status_code, snapshot.health, snapshot.changed) == (200, Health.OK, False)
    assert "1.500 Soldaten nach Russland" in snapshot.text
    assert "Home" not in snapshot.text and "All rights reserved" not in snapshot.text
    assert snapshot.content_hash == hashlib.sha256(snapshot.text.encode()).hexdigest()
    assert snapshot.etag == '"v1"'
    assert snapshot.requested_url == snapshot.final_url == url("/a")
    assert snapshot.due_at == outcome.due_at
    assert snapshot.byte_count == len(page(*ARTICLE).encode())
    assert source.health == Health.OK
    assert source.check_interval == HOUR
    assert source.next_check_at == source.last_checked_at + HOUR
    assert source.check_leased_until is None
    assert source.consecutive_failures == 0


def test_a_new_source_with_a_url_is_due_at_once():
    before = timezone.now()
    with_url = SourceFactory(url="https://example.org/article")
    assert before <= with_url.next_check_at <= timezone.now()
    assert SourceFactory(url="").next_check_at is None


def test_a_source_that_gets_a_url_later_is_due_at_once():
    source = SourceFactory(url="")
    source.url = "https://example.org/article"
    source.save(update_fields=["url"])
    source.refresh_from_db()
    assert source.next_check_at is not None


# --- Unchanged ---------------------------------------------------------------------------------


def test_unchanged_page_doubles_the_interval_and_flags_nothing(httpserver, url):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type=HTML)
    source = source_at(url("/a"))
    StatementFactory(source=source, quote="Wir verfolgen die Lage genau")

    intervals = []
    for _ in range(3):
        snapshot = check_now(source).snapshot
        intervals.append(source.check_interval)
        assert (snapshot.health, snapshot.changed, snapshot.diff) == (Health.OK, False, "")

    assert intervals == [HOUR, 2 * HOUR, 4 * HOUR]
    assert source.next_check_at == source.last_checked_at + 4 * HOUR
    assert not ReviewFlag.objects.exists()
    assert len({s.content_hash for s in Snapshot.objects.filter(source=source)}) == 1


def test_not_modified_answer_records_the_check_without_reading_again(httpserver, url):
    validators = {"ETag": '"v1"', "Last-Modified": "Tue, 22 Oct 2024 12:00:00 GMT"}

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(page(*ARTICLE), content_type=HTML, headers=validators)

    httpserver.expect_request("/a").respond_with_handler(handler)
    source = source_at(url("/a"))
    first = check_now(source).snapshot

    second = check_now(source).snapshot

    request, _ = httpserver.log[-1]
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == validators["Last-Modified"]
    assert (second.status_code, second.health, second.changed) == (304, Health.OK, False)
    assert second.text == "" and second.byte_count == 0
    assert second.content_hash == first.content_hash
    # The validators carry over, so the next check is conditional too.
    assert (second.etag, second.last_modified) == ('"v1"', validators["Last-Modified"])
    assert source.check_interval == 2 * HOUR

    check_now(source)
    assert httpserver.log[-1][0].headers["If-None-Match"] == '"v1"'


# --- Changed -----------------------------------------------------------------------------------


def test_changed_text_keeps_a_diff_and_flags_every_claim_citing_the_source(httpserver, url):
    edited = [*ARTICLE[:2], "Moskau bestätigte die Berichte am Freitag."]
    serve_versions(httpserver, "/a", [page(*ARTICLE), page(*ARTICLE), page(*edited)])
    source = source_at(url("/a"))
    first_claim, second_claim = ClaimFactory(), ClaimFactory()
    StatementFactory(claim=first_claim, source=source)
    StatementFactory(claim=first_claim, source=source)  # two statements, still one flag
    StatementFactory(claim=second_claim, source=source)
    elsewhere = StatementFactory().claim  # cites another source

    check_now(source)
    check_now(source)
    assert source.check_interval == 2 * HOUR
    snapshot = check_now(source).snapshot

    assert (snapshot.changed, snapshot.health) == (True, Health.CHANGED)
    assert "-Moskau und Pjöngjang wiesen die Berichte zunächst zurück;" in snapshot.diff
    assert "+Moskau bestätigte die Berichte am Freitag." in snapshot.diff
    assert snapshot.diff.startswith("--- before\n+++ after\n@@")
    assert source.health == Health.CHANGED
    assert source.check_interval == HOUR  # reset by the change
    flags = open_flags(FlagReason.SOURCE_CHANGED, source=source)
    assert sorted(flag.claim_id for flag in flags) == [first_claim.pk, second_claim.pk]
    assert not ReviewFlag.objects.filter(claim=elsewhere).exists()
    events = ChangeEvent.objects.filter(kind=EventKind.SOURCE_HEALTH_CHANGED, source=source)
    assert [(e.payload["from"], e.payload["to"]) for e in events] == [
        (Health.UNCHECKED, Health.OK),
        (Health.OK, Health.CHANGED),
    ]


def test_after_a_change_the_same_text_is_ok_again_and_opens_no_new_flag(httpserver, url):
    edited = [*ARTICLE[:2], "Moskau bestätigte die Berichte am Freitag."]
    serve_versions(httpserver, "/a", [page(*ARTICLE), page(*edited)])
    source = source_at(url("/a"))
    StatementFactory(source=source)
    check_now(source)
    check_now(source)

    snapshot = check_now(source).snapshot

    assert (snapshot.changed, snapshot.health) == (False, Health.OK)
    assert ReviewFlag.objects.filter(reason=FlagReason.SOURCE_CHANGED).count() == 1
    assert source.check_interval == 2 * HOUR


def test_a_resolved_change_flag_is_opened_again_by_the_next_change(httpserver, url, editor):
    from claims.services import resolve_flag

    versions = [page(*ARTICLE), page(*ARTICLE, "Update: Seoul bestätigt."), page(*ARTICLE)]
    serve_versions(httpserver, "/a", versions)
    source = source_at(url("/a"))
    StatementFactory(source=source)
    check_now(source)
    check_now(source)
    resolve_flag(open_flags(FlagReason.SOURCE_CHANGED)[0], editor=editor, note="Update only.")

    check_now(source)

    assert len(open_flags(FlagReason.SOURCE_CHANGED)) == 1
    assert ReviewFlag.objects.filter(reason=FlagReason.SOURCE_CHANGED).count() == 2


def test_correcting_the_url_is_not_a_change(httpserver, url):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type=HTML)
    httpserver.expect_request("/b").respond_with_data(page(ARTICLE[0]), content_type=HTML)
    source = source_at(url("/a"))
    StatementFactory(source=source)
    check_now(source)
    source.url = url("/b")
    source.save()

    snapshot = check_now(source).snapshot

    assert (snapshot.changed, snapshot.health, snapshot.requested_url) == (False, "ok", url("/b"))
    assert not ReviewFlag.objects.filter(reason=FlagReason.SOURCE_CHANGED).exists()


def test_a_body_without_text_is_compared_by_its_bytes(httpserver, url):
    serve_pdf = ["%PDF-1.4 first", "%PDF-1.4 second"]

    def handler(request: Request) -> Response:
        body = serve_pdf.pop(0) if len(serve_pdf) > 1 else serve_pdf[0]
        return Response(body, content_type="application/pdf")

    httpserver.expect_request("/a.pdf").respond_with_handler(handler)
    source = source_at(url("/a.pdf"))

    first = check_now(source).snapshot
    second = check_now(source).snapshot

    assert first.text == "" and first.content_hash == hashlib.sha256(b"%PDF-1.4 first").hexdigest()
    assert (second.changed, second.health) == (True, Health.CHANGED)


# --- Gone --------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410])
def test_a_page_that_goes_flags_every_citing_claim_once(httpserver, url, status):
    serve_versions(httpserver, "/a", [page(*ARTICLE), (status, "Not here")])
    source = source_at(url("/a"))
    claims = [StatementFactory(source=source).claim for _ in range(2)]
    check_now(source)

    snapshot = check_now(source).snapshot
    went_at = source.health_changed_at
    check_now(source)

    assert (snapshot.status_code, snapshot.health, snapshot.text) == (status, Health.GONE, "")
    assert source.health == Health.GONE
    assert source.health_changed_at == went_at  # only the first gone check changed health
    flags = open_flags(FlagReason.SOURCE_GONE, source=source)
    assert sorted(flag.claim_id for flag in flags) == sorted(claim.pk for claim in claims)
    assert f"HTTP {status}" in flags[0].detail
    # Gone is an answer, not a failure: the interval restarts at the change, then grows.
    assert source.consecutive_failures == 0
    assert source.check_interval == 2 * HOUR


# --- Quotes ------------------------------------------------------------------------------------


def test_a_removed_quote_flags_its_claim_with_the_statement(httpserver, url):
    without_quote = [ARTICLE[0], ARTICLE[2]]
    serve_versions(httpserver, "/a", [page(*ARTICLE), page(*without_quote)])
    source = source_at(url("/a"))
    quoted = StatementFactory(source=source, quote="Wir verfolgen die Lage genau")
    kept = StatementFactory(source=source, quote="1.500 Soldaten nach Russland geschickt")
    check_now(source)
    assert not open_flags(FlagReason.QUOTE_MISSING)

    check_now(source)

    [flag] = open_flags(FlagReason.QUOTE_MISSING)
    assert (flag.claim_id, flag.statement_id, flag.source_id) == (
        quoted.claim_id,
        quoted.pk,
        source.pk,
    )
    assert "Wir verfolgen die Lage genau" in flag.detail
    assert not ReviewFlag.objects.filter(claim=kept.claim, reason=FlagReason.QUOTE_MISSING)


def test_a_quote_is_found_whatever_its_quote_marks_white_space_and_case(httpserver, url):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type=HTML)
    source = source_at(url("/a"))
    StatementFactory(source=source, quote='"wir verfolgen  DIE Lage\ngenau," sagte')
    StatementFactory(source=source, quote="«Wir verfolgen die Lage genau»")
    StatementFactory(source=source, quote="Nordkorea hat […] 1.500 Soldaten nach Russland")

    check_now(source)

    assert not ReviewFlag.objects.exists()


def test_the_first_read_already_checks_the_quotes(httpserver, url):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type=HTML)
    source = source_at(url("/a"))
    statement = StatementFactory(source=source, quote="Es gibt keine Soldaten in Russland.")

    check_now(source)
    check_now(source)  # unchanged text is not searched again

    [flag] = open_flags(FlagReason.QUOTE_MISSING)
    assert flag.statement_id == statement.pk


# --- Refusals and failures ---------------------------------------------------------------------


def test_redirect_to_a_private_address_is_refused_and_marked_blocked(httpserver, url):
    httpserver.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": "http://10.0.0.5/admin"}
    )
    source = source_at(url("/moved"))

    snapshot = check_now(source).snapshot

    assert snapshot.health == Health.BLOCKED
    assert "10.0.0.5 is a private address" in snapshot.error
    assert snapshot.status_code is None
    assert source.health == Health.BLOCKED
    assert source.url == url("/moved")
    assert source.consecutive_failures == 1
    assert source.next_check_at == source.last_checked_at + HOUR


def test_redirects_are_kept_as_evidence_and_the_source_url_is_not_rewritten(httpserver, url):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": url("/new")}
    )
    httpserver.expect_request("/new").respond_with_data(page(*ARTICLE), content_type=HTML)
    source = source_at(url("/old"))

    snapshot = check_now(source).snapshot

    assert snapshot.redirect_chain == [{"url": url("/old"), "status": 301}]
    assert (snapshot.requested_url, snapshot.final_url) == (url("/old"), url("/new"))
    assert snapshot.health == Health.OK
    assert source.url == url("/old")


def test_slow_server_is_cut_at_the_time_limit_and_marked_unreachable(settings, httpserver, url):
    settings.CLAIMTRACK_FETCH_TIMEOUT_SECONDS = 1
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response("too late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    source = source_at(url("/slow"))
    try:
        snapshot = check_now(source).snapshot
    finally:
        release.set()  # the test server is single-threaded; free it for the next test

    assert snapshot.health == Health.UNREACHABLE
    assert "timed out after 1 s" in snapshot.error
    assert source.consecutive_failures == 1


def test_oversized_body_is_cut_and_marked_blocked(settings, httpserver, url):
    settings.CLAIMTRACK_FETCH_MAX_BYTES = 2_000
    httpserver.expect_request("/big").respond_with_data(page("x" * 5_000), content_type=HTML)
    source = source_at(url("/big"))

    snapshot = check_now(source).snapshot

    assert snapshot.health == Health.BLOCKED
    assert "over the limit of 2000 bytes" in snapshot.error
    assert snapshot.text == ""


def test_a_failing_host_backs_off_and_recovers(httpserver, url):
    serve_versions(httpserver, "/a", [(500, "oops"), (502, "oops"), (500, "oops"), page(*ARTICLE)])
    source = source_at(url("/a"))

    waits = []
    for _ in range(3):
        snapshot = check_now(source).snapshot
        waits.append(source.next_check_at - source.last_checked_at)
    assert snapshot.error == "HTTP 500"
    assert waits == [HOUR, 2 * HOUR, 4 * HOUR]
    assert (source.health, source.consecutive_failures) == (Health.UNREACHABLE, 3)

    check_now(source)
    assert (source.health, source.consecutive_failures) == (Health.OK, 0)
    assert source.next_check_at == source.last_checked_at + HOUR


def test_retry_after_is_honoured_and_pauses_the_whole_host(httpserver, url):
    httpserver.expect_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7200"}
    )
    httpserver.expect_request("/other").respond_with_data(page(*ARTICLE), content_type=HTML)
    busy, other = source_at(url("/busy")), source_at(url("/other"))

    snapshot = check_now(busy).snapshot

    assert (snapshot.health, snapshot.error) == (Health.UNREACHABLE, "HTTP 429")
    assert busy.next_check_at == busy.last_checked_at + 2 * HOUR  # longer than the back-off
    with pytest.raises(politeness.HostBusy) as busy_host:
        check_now(other)
    assert 7100 < busy_host.value.retry_in <= 7200
    assert len(httpserver.log) == 1
    assert not Snapshot.objects.filter(source=other).exists()


def test_retry_after_beyond_the_longest_interval_is_capped(httpserver, url):
    httpserver.expect_request("/busy").respond_with_data(
        "", status=503, headers={"Retry-After": str(60 * 24 * 3600)}
    )
    source = source_at(url("/busy"))

    check_now(source)

    assert source.next_check_at == source.last_checked_at + timedelta(days=7)


# --- One snapshot per due check ----------------------------------------------------------------


def test_a_check_delivered_twice_fetches_and_writes_once(httpserver, url):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type=HTML)
    source = source_at(url("/a"))
    check = services.lease_check_now(source)

    first = recheck.check_source(check.source_id, due_at=check.due_at)
    second = recheck.check_source(check.source_id, due_at=check.due_at)

    assert first.snapshot is not None
    assert (second.snapshot, second.skipped) == (None, "this due check is already recorded")
    assert Snapshot.objects.filter(source=source).count() == 1
    assert len(httpserver.log) == 1


def test_a_check_queued_before_the_source_was_rescheduled_is_skipped(httpserver, url):
    source = source_at(url("/a"))
    stale = services.lease_check_now(source, now=timezone.now() - timedelta(minutes=5))
    services.lease_check_now(source)  # "re-check now" while the first was queued

    outcome = recheck.check_source(stale.source_id, due_at=stale.due_at)

    assert outcome.skipped == "the source was rescheduled since this check was queued"
    assert not httpserver.log


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_check_recorded_by_someone_else_during_the_fetch_is_not_written_again(httpserver, url):
    source = source_at(url("/a"))
    check = services.lease_check_now(source)

    def handler(request: Request) -> Response:
        # Another delivery of the same due check records it while this one is fetching.
        try:
            Snapshot.objects.create(source_id=source.pk, due_at=check.due_at, health=Health.OK)
        finally:
            connection.close()
        return Response(page(*ARTICLE), content_type=HTML)

    httpserver.expect_request("/a").respond_with_handler(handler)

    outcome = recheck.check_source(check.source_id, due_at=check.due_at)

    assert outcome.skipped == "this due check is already recorded"
    assert Snapshot.objects.filter(source=source).count() == 1


# --- Signals -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signals_are_sent_inside_the_transaction_that_records_the_check(httpserver, url):
    serve_versions(httpserver, "/a", [page(*ARTICLE), page(*ARTICLE), (410, "gone")])
    source = source_at(url("/a"))
    received = []

    def on_health(sender, *, source, previous, snapshot, **kwargs):
        received.append(("health", previous, source.health, snapshot.pk, in_transaction()))

    def on_checked(sender, *, source, snapshot, **kwargs):
        received.append(("checked", snapshot.health, snapshot.pk, in_transaction()))

    source_health_changed.connect(on_health, dispatch_uid="test-health")
    source_checked.connect(on_checked, dispatch_uid="test-checked")
    try:
        ids = [check_now(source).snapshot.pk for _ in range(3)]
    finally:
        source_health_changed.disconnect(dispatch_uid="test-health")
        source_checked.disconnect(dispatch_uid="test-checked")

    assert received == [
        ("health", Health.UNCHECKED, Health.OK, ids[0], True),
        ("checked", Health.OK, ids[0], True),
        ("checked", Health.OK, ids[1], True),
        ("health", Health.OK, Health.GONE, ids[2], True),
        ("checked", Health.GONE, ids[2], True),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_receiver_rolls_the_whole_check_back(httpserver, url):
    httpserver.expect_request("/a").respond_with_data(page(*ARTICLE), content_type=HTML)
    source = source_at(url("/a"))

    def broken(sender, **kwargs):
        raise RuntimeError("receiver failed")

    source_checked.connect(broken, dispatch_uid="test-broken")
    try:
        with pytest.raises(RuntimeError):
            check_now(source)
    finally:
        source_checked.disconnect(dispatch_uid="test-broken")

    source.refresh_from_db()
    assert not Snapshot.objects.exists()
    assert source.health == Health.UNCHECKED
    assert not ChangeEvent.objects.filter(source=source).exists()


def in_transaction() -> bool:
    return connection.in_atomic_block
