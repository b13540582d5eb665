"""Shortcuts for the API tests: the demo's rows by their story names, and response checks."""

from typing import Any

from actors.models import Actor
from claims.models import Claim, Topic
from sources.models import Source

API = "/api/v1"

DEMO_CLAIMS = {
    "C0": "North Korean soldiers have been sent to Russia",
    "C1": "North Korea has moved 1,500 soldiers",
    "C2": "North Korea could send about 12,000",
    "C3": "The soldiers are training in eastern Russia",
    "C4": "At least 3,000 North Korean soldiers",
    "C5": "South Korea flew drones",
    "C6": "Parts of a South Korean drone",
    "C7": "Russian–North Korean cooperation",
}


def claim(key: str) -> Claim:
    return Claim.objects.get(text__startswith=DEMO_CLAIMS[key])


def topic(slug: str = "dprk-troops-in-russia") -> Topic:
    return Topic.objects.get(slug=slug)


def actor(name: str) -> Actor:
    return Actor.objects.get(name=name)


def source(title_start: str) -> Source:
    return Source.objects.get(title__startswith=title_start)


def problem(response: Any, status: int) -> dict[str, Any]:
    """The problem document of an error response, after checking its status and media type."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail", "code"} <= set(body)
    return body


def ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [row["id"] for row in response.json()["results"]]


def served_schema(client: Any) -> dict[str, Any]:
    """The OpenAPI schema as /api/v1/schema/ serves it, as JSON."""
    response = client.get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200, response.content[:500]
    return response.json()


def schema_values(schema: dict[str, Any], node: dict[str, Any]) -> set[Any]:
    """Every enum value a schema node admits, through $ref, oneOf, anyOf and allOf."""
    if "$ref" in node:
        return schema_values(schema, schema["components"]["schemas"][node["$ref"].split("/")[-1]])
    values = set(node.get("enum", []))
    for key in ("oneOf", "anyOf", "allOf"):
        for part in node.get(key, []):
            values |= schema_values(schema, part)
    return values
