"""The OpenAPI schema: valid, warning-free, and complete about every operation."""

import re
import uuid
from collections.abc import Iterator

import pytest
import yaml
from django.core.management import call_command

from sources.models import Source
from tests.api.api_helpers import API, actor, claim, problem, topic

OPERATIONS = {
    ("/api/v1/topics/", "get"),
    ("/api/v1/topics/{id}/", "get"),
    ("/api/v1/topics/{id}/timeline/", "get"),
    ("/api/v1/topics/{id}/matrix/", "get"),
    ("/api/v1/topics/{id}/quantities/", "get"),
    ("/api/v1/topics/{id}/estimates/", "get"),
    ("/api/v1/claims/{id}/estimates/", "get"),
    ("/api/v1/topics/{id}/claimreview/", "get"),
    ("/api/v1/topics/{id}/changes/", "get"),
    ("/api/v1/claims/{id}/changes/", "get"),
    ("/api/v1/claims/", "get"),
    ("/api/v1/claims/{id}/", "get"),
    ("/api/v1/claims/{id}/timeline/", "get"),
    ("/api/v1/claims/{id}/relations/", "get"),
    ("/api/v1/claims/{id}/statements/", "get"),
    ("/api/v1/claims/{id}/flags/", "get"),
    ("/api/v1/claims/{id}/flags/", "post"),
    ("/api/v1/claims/{id}/verdict/", "get"),
    ("/api/v1/claims/{id}/verdict/", "post"),
    ("/api/v1/claims/{id}/claimreview/", "get"),
    ("/api/v1/statements/", "get"),
    ("/api/v1/statements/", "post"),
    ("/api/v1/statements/{id}/", "get"),
    ("/api/v1/actors/", "get"),
    ("/api/v1/actors/{id}/", "get"),
    ("/api/v1/actors/{id}/statements/", "get"),
    ("/api/v1/actors/{id}/changes/", "get"),
    ("/api/v1/sources/", "get"),
    ("/api/v1/sources/{id}/", "get"),
    ("/api/v1/sources/{id}/snapshots/", "get"),
    ("/api/v1/sources/{id}/recheck/", "post"),
    ("/api/v1/sources/{id}/citations/", "post"),
    ("/api/v1/sources/{id}/citations/{cited}/", "delete"),
    ("/api/v1/flags/", "get"),
    ("/api/v1/flags/{id}/", "get"),
    ("/api/v1/flags/{id}/resolve/", "post"),
    ("/api/v1/changes/", "get"),
    ("/api/v1/webhooks/", "get"),
    ("/api/v1/webhooks/", "post"),
    ("/api/v1/webhooks/{id}/", "get"),
    ("/api/v1/webhooks/{id}/", "delete"),
    ("/api/v1/webhooks/{id}/resume/", "post"),
    ("/api/v1/webhooks/{id}/deliveries/", "get"),
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    """`manage.py spectacular --validate --fail-on-warn`, as `make schema` runs it."""
    path = tmp_path_factory.mktemp("schema") / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_the_schema_documents_every_operation(schema):
    assert {(path, method) for path, method, _ in operations(schema)} == OPERATIONS


def test_every_operation_has_a_summary_description_errors_and_auth(schema):
    for path, method, operation in operations(schema):
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), where
        assert operation.get("description"), where
        assert {"401", "403", "429"} <= set(operation["responses"]), where
        assert operation["security"] == [{"tokenAuth": []}, {"cookieAuth": []}], where
        if "{" in path:
            assert "404" in operation["responses"], where
        for code, response in operation["responses"].items():
            if code[0] in "45":
                content = response["content"]
                assert list(content) == ["application/problem+json"], (where, code)


def test_path_ids_are_uuids_and_lists_are_cursor_paginated(schema):
    for path, _method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                assert parameter["schema"] == {"type": "string", "format": "uuid"}, path
    claims = schema["paths"]["/api/v1/claims/"]["get"]
    names = {p["name"] for p in claims["parameters"]}
    assert {"cursor", "page_size", "ordering", "q", "verdict", "topic", "actor", "stance"} <= names
    page_size = next(p for p in claims["parameters"] if p["name"] == "page_size")
    assert page_size["schema"]["maximum"] == 100


def values_at_the_edge(declared: dict) -> Iterator[tuple[list[str], str]]:
    """Values a query parameter's schema allows, each with one just past what it allows."""
    if declared.get("type") == "boolean":
        yield ["true", "false"], "yes"
    if declared.get("format") == "uuid":
        yield [str(uuid.uuid4())], "C1"
    if "maxLength" in declared:
        yield ["k" * declared["maxLength"]], "k" * (declared["maxLength"] + 1)
    if declared.get("pattern", "").startswith("^[0-9]{4}-"):  # a moment: as_of, said_by, from
        yield ["2024-10-25", "2024-10-25T12:00:00Z", "2024-10-25T14:00:00+02:00"], "25.10.2024"
    elif "pattern" in declared:
        assert re.search(declared["pattern"], "k")
        assert not re.search(declared["pattern"], "k\x00")
        yield ["k"], "k\x00"


@pytest.mark.django_db
def test_filter_parameters_are_documented_as_the_api_takes_them(schema, demo, writer):
    """A value the schema allows is taken and one it forbids refused: a boolean filter is a
    boolean and an id filter a UUID, also where the filter has a method (whose type hint the
    schema used to follow, making them text), and text has the filter's maxLength and no NUL."""
    rows = {
        "topics": topic(),
        "claims": claim("C1"),
        "actors": actor("Kim Jong Un"),
        "sources": Source.objects.order_by("pk").first(),
    }
    checked = set()
    for path, method, operation in operations(schema):
        edges = [
            (parameter["name"], *edge)
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query"
            for edge in values_at_the_edge(parameter["schema"])
        ]
        if method != "get" or not edges:
            continue
        url = path
        if "{id}" in path:
            url = path.replace("{id}", str(rows[path.split("/")[3]].public_id))
        for name, allowed, forbidden in edges:
            if name == "to":  # needs `from`, which is checked on its own
                continue
            for value in allowed:
                response = writer.get(url, {name: value})
                assert response.status_code == 200, (path, name, value, response.content[:300])
            body = problem(writer.get(url, {name: forbidden}), 400)
            assert [error["parameter"] for error in body["errors"]] == [name], (path, name)
            checked.add((path, name, forbidden))
    assert {
        ("/api/v1/claims/", "has_open_flag", "yes"),
        ("/api/v1/claims/", "actor", "C1"),
        ("/api/v1/claims/", "language", "k" * 9),
        ("/api/v1/statements/", "has_open_flag", "yes"),
        ("/api/v1/actors/", "country", "kkk"),
        ("/api/v1/actors/", "q", "k" * 201),
        ("/api/v1/actors/", "q", "k\x00"),
        ("/api/v1/sources/", "has_url", "yes"),
        ("/api/v1/claims/", "as_of", "25.10.2024"),
        ("/api/v1/claims/{id}/timeline/", "said_by", "25.10.2024"),
        ("/api/v1/topics/{id}/changes/", "from", "25.10.2024"),
    } <= checked


def request_text(schema: dict) -> Iterator[tuple[str, str, dict]]:
    """(component, property, schema) of every text property of a request body."""
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith("Request"):
            continue
        for field, declared in component.get("properties", {}).items():
            for alternative in declared.get("oneOf", [declared]):
                if (
                    alternative.get("type") == "string"
                    and not {"format", "enum"} & alternative.keys()
                    and alternative.get("maxLength") != 0  # the blank alternative
                ):
                    yield name, field, alternative


def test_request_text_is_documented_as_the_api_takes_it(schema):
    """No NUL in any text (the API refuses it: test_invalid_statements_get_400_with_the_field),
    and a rationale that is more than whitespace (test_wrong_types_get_400)."""
    found = set()
    for component, field, declared in request_text(schema):
        assert re.search(declared["pattern"], "Sure."), (component, field)
        assert not re.search(declared["pattern"], "nul\x00byte"), (component, field)
        found.add((component, field))
    assert {
        ("StatementCreateRequest", "quote"),
        ("StatementCreateRequest", "quote_language"),
        ("VerdictChangeRequestRequest", "rationale"),
        ("ResolveFlagRequest", "note"),
    } <= found
    rationale = schema["components"]["schemas"]["VerdictChangeRequestRequest"]["properties"]
    assert not re.search(rationale["rationale"]["pattern"], "  \t ")


def test_the_verdict_change_documents_its_preconditions(schema):
    post = schema["paths"]["/api/v1/claims/{id}/verdict/"]["post"]
    assert {"201", "400", "412", "428"} <= set(post["responses"])
    if_match = next(p for p in post["parameters"] if p["name"] == "If-Match")
    assert if_match["in"] == "header" and if_match["required"] is True
    assert post["requestBody"]["content"]["application/json"]["examples"]


def test_responses_and_requests_carry_examples(schema):
    components = schema["components"]["schemas"]
    assert components["Problem"]["example"]["status"] == 400
    claim = schema["paths"]["/api/v1/claims/{id}/"]["get"]["responses"]["200"]
    assert claim["content"]["application/json"]["examples"]
    assert "ETag" in claim["headers"]


@pytest.mark.django_db
def test_the_served_schema_is_the_generated_one(client, schema):
    served = yaml.safe_load(client.get(f"{API}/schema/").content)
    assert served["paths"].keys() == schema["paths"].keys()
