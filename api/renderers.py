"""Media types the API answers in besides plain JSON."""

from rest_framework.renderers import JSONRenderer


class JSONLDRenderer(JSONRenderer):
    """schema.org exports (ClaimReview) as application/ld+json, which aggregators expect."""

    media_type = "application/ld+json"
    format = "jsonld"
