"""manage.py import_article: a file or a URL in, a source with pending suggestions out."""

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pytest_httpserver import HTTPServer

from claims.models import Statement
from intake.models import IntakeSuggestion
from sources.models import Source

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent
STORY = ROOT / "tests" / "data" / "intake" / "de_nordkorea_truppen.txt"


def run(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_article", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_a_german_wire_report_is_stored_with_its_suggestions(story_actors, story_text):
    output = run(str(STORY), "--lang", "de", "--published", "2024-10-22", "--publisher", "AFP")

    source = Source.objects.get()
    assert source.text == story_text.strip()
    assert (source.language, source.url, source.publisher) == ("de", "", story_actors["afp"])
    assert source.published_at == datetime(2024, 10, 22, 12, tzinfo=UTC)
    assert source.title.startswith("USA: Nordkoreanische Soldaten")
    quotes = IntakeSuggestion.objects.filter(source=source, kind="quote").order_by("start")
    assert [(q.actor, q.status) for q in quotes] == [
        (story_actors["wood"], "pending"),
        (story_actors["wood"], "pending"),
        (story_actors["kim_yo_jong"], "pending"),
    ]
    assert "Stored source" in output and f"/intake/sources/{source.public_id}/" in output
    assert not Statement.objects.exists()  # nothing is recorded without an editor


def test_json_lists_each_suggestion_with_the_fields_of_its_kind(story_actors, story_text):
    rows = json.loads(run(str(STORY), "--lang", "de", "--published", "2024-10-22", "--json"))
    text = Source.objects.get().text
    assert {row["kind"] for row in rows} == {"quote", "statement", "quantity", "actor", "citation"}
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
        assert IntakeSuggestion.objects.filter(public_id=row["id"]).exists()

    wood = str(story_actors["wood"].public_id)
    quotes = [r for r in rows if r["kind"] == "quote"]
    assert [(q["speaker"], q["actor_id"], q["said_on"]) for q in quotes[:2]] == [
        ("Robert Wood", wood, "2024-10-21"),
        ("Wood", wood, "2024-10-21"),
    ]
    assert set(quotes[0]) == {
        "id", "kind", "text", "start", "end", "speaker", "actor_id", "stance_hint", "said_on",
        "confidence",
    }  # fmt: skip
    quantities = [
        (r["value"], r["value_max"], r["unit"], r["qualifier"])
        for r in rows
        if r["kind"] == "quantity"
    ]
    assert quantities == [(1500, None, "soldiers", "exact"), (12000, None, "soldiers", "up_to")]
    # As estimates: 1,500 observed on the day; "insgesamt könnten es bis zu 12.000 werden" is a
    # projection for no moment in particular, left to the editor.
    assert [
        (r["estimate_unit"], r["estimate_kind"], r["refers_to"], r["refers_to_precision"])
        for r in rows
        if r["kind"] == "quantity"
    ] == [("soldiers", "observation", "2024-10-22", "day"), ("soldiers", "", None, "")]
    state_dept = next(
        r for r in rows if r.get("actor_id") == str(story_actors["state_dept"].public_id)
    )
    assert state_dept["stance_hint"] == "cannot_confirm"
    (citation,) = [r for r in rows if r["kind"] == "citation"]
    assert citation == {
        "id": citation["id"],
        "kind": "citation",
        "text": "Die staatliche Nachrichtenagentur KCNA hatte am Samstag berichtet",
        "start": citation["start"],
        "end": citation["end"],
        "name": "KCNA",
        "actor_id": str(story_actors["kcna"].public_id),
        "is_known": True,
        "actor_kind": "news_agency",
    }
    actor = next(r for r in rows if r["kind"] == "actor" and r["name"] == "Kim Yo Jong")
    assert actor["is_known"] is True and actor["actor_id"] == str(
        story_actors["kim_yo_jong"].public_id
    )


def test_dry_run_stores_nothing(story_actors):
    rows = json.loads(run(str(STORY), "--lang", "de", "--dry-run", "--json"))
    assert rows and all(row["id"] is None for row in rows)
    assert not Source.objects.exists() and not IntakeSuggestion.objects.exists()


def test_an_english_file_without_a_publication_date_leaves_statements_undated(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text('"We will fight every job cut," union chief Ulrike Brandt said on Monday.')
    rows = json.loads(run(str(article), "--lang", "en", "--json"))
    quote = next(r for r in rows if r["kind"] == "quote")
    assert (quote["speaker"], quote["said_on"]) == ("Ulrike Brandt", None)
    assert next(r for r in rows if r["kind"] == "actor")["is_known"] is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/article.txt", "--lang", "de"], "No such file"),
        ([str(STORY), "--lang", "fr"], "--lang must be one of de, en"),
        ([str(STORY), "--lang", "de", "--published", "22.10.2024"], "YYYY-MM-DD"),
        ([str(STORY), "--lang", "de", "--publisher", "Nobody"], "No actor is named 'Nobody'"),
        ([str(STORY), "--lang", "de", "--kind", "rumour"], "--kind must be one of"),
        (["http://169.254.169.254/latest/meta-data/", "--lang", "en"], "refused"),
        (["http://127.0.0.1:9/article", "--lang", "en"], "refused"),
    ],
)
def test_bad_input_is_a_clear_error_and_stores_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not Source.objects.exists()


def test_the_command_exits_non_zero_with_the_message():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_article", "/no/such/file.txt", "--lang", "de"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "No such file: /no/such/file.txt" in result.stderr


ARTICLE_PAGE = """<!doctype html><html lang="en"><head><title>Velora cuts jobs</title></head>
<body><nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<article><h1>Velora Motors to cut 12,000 jobs</h1>
<p>Carmaker Velora Motors said on Thursday it would cut about 12,000 jobs worldwide by 2027, as
weaker demand for electric vehicles squeezes profits at the company and its suppliers.</p>
<p>"These are painful but necessary decisions," chief executive Martin Lindqvist told analysts on
a conference call with investors and journalists from several countries.</p>
<p>The works council rejected the plan. "We will fight every single job cut," works council chief
Ulrike Brandt said in a statement released by the union on Thursday evening.</p>
</article><footer>© Example News</footer></body></html>"""


def test_a_url_is_fetched_through_the_guard_and_its_main_text_stored(
    settings, httpserver: HTTPServer
):
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    httpserver.expect_request("/business/velora").respond_with_data(
        ARTICLE_PAGE, content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/business/velora")
    rows = json.loads(run(url, "--lang", "en", "--published", "2025-02-07", "--json"))

    source = Source.objects.get()
    assert source.url == url
    assert "These are painful but necessary decisions" in source.text
    assert "Home" not in source.text and "Example News" not in source.text
    speakers = {r["speaker"] for r in rows if r["kind"] == "quote"}
    assert speakers == {"Martin Lindqvist", "Ulrike Brandt"}
    velora = next(r for r in rows if r["kind"] == "statement" and "Velora" in r["speaker"])
    assert velora["said_on"] == "2025-02-06"


def test_a_url_that_answers_with_an_error_is_refused(settings, httpserver: HTTPServer):
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    httpserver.expect_request("/gone").respond_with_data("Not found", status=404)
    with pytest.raises(CommandError, match="answered 404"):
        run(httpserver.url_for("/gone"), "--lang", "en")
    assert not Source.objects.exists()


def test_a_file_with_a_nul_byte_is_a_clear_error(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(b"Seoul (AFP) - Nordkorea hat\x00 Soldaten verlegt.\n")
    with pytest.raises(CommandError, match="holds a NUL byte"):
        run(str(article), "--lang", "de")
    assert not Source.objects.exists()


def test_a_nul_byte_exits_non_zero_with_the_message_and_no_traceback(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(b"Seoul (AFP) - Nordkorea\x00\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_article", str(article), "--lang", "de"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "holds a NUL byte" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_over_the_intake_limit_is_refused(tmp_path, settings):
    settings.CLAIMTRACK_INTAKE_MAX_CHARS = 1000
    article = tmp_path / "article.txt"
    article.write_text("x" * 1001, encoding="utf-8")
    with pytest.raises(CommandError, match="at most 1,000 characters"):
        run(str(article), "--lang", "de")
    assert not Source.objects.exists()


def test_the_limit_counts_characters_not_bytes(tmp_path, settings):
    settings.CLAIMTRACK_INTAKE_MAX_CHARS = 1000
    article = tmp_path / "article.txt"
    article.write_text("Übergriff " * 100, encoding="utf-8")  # 1,000 characters, 1,100 bytes
    assert "Dry run" in run(str(article), "--lang", "de", "--dry-run")


def test_an_endless_stream_ends_at_once_with_a_clear_error(tmp_path):
    """What /dev/zero did: read until the kernel killed the process at 23 GB."""
    fifo = tmp_path / "endless"
    os.mkfifo(fifo)
    written = 0

    def write_forever() -> None:
        nonlocal written
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as stream:
            while written < 100_000_000:
                stream.write(b"\0" * 65536)
                written += 65536

    writer = threading.Thread(target=write_forever, daemon=True)
    writer.start()
    started = time.monotonic()
    with pytest.raises(CommandError, match="longer than the intake takes"):
        run(str(fifo), "--lang", "de")
    assert time.monotonic() - started < 5
    writer.join(timeout=5)
    assert written < 2_000_000  # 4 bytes a character of the 200,000 allowed, and a pipe buffer


def test_a_url_whose_text_is_over_the_limit_is_refused(settings, httpserver: HTTPServer):
    settings.CLAIMTRACK_FETCH_ALLOW = [f"127.0.0.1:{httpserver.port}"]
    settings.CLAIMTRACK_INTAKE_MAX_CHARS = 200
    httpserver.expect_request("/business/velora").respond_with_data(
        ARTICLE_PAGE, content_type="text/html; charset=utf-8"
    )
    with pytest.raises(CommandError, match="the intake takes at most 200"):
        run(httpserver.url_for("/business/velora"), "--lang", "en")
    assert not Source.objects.exists()
