"""REST API v1: the shared machinery every app's API module uses.

Authentication (session or API token), access rules, keyset cursor pagination, problem+json
errors, throttling, conditional requests (ETag / Last-Modified) and the OpenAPI schema hooks live
here; the apps' serializers and viewsets live in claims/api, actors/api.py and sources/api.py, and
claimtrack/api/urls.py routes them under /api/v1/.
"""
