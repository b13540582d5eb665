"""The floor the API is measured against: the same Django settings and middleware, no DRF, no
ORM, no authentication; the claim's verdict and its verdict changes from one raw SQL query.

Served as its own WSGI application (`bench.baseline:application`), so the production URL conf
never sees it.
"""

import os
import uuid

import django
from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
django.setup()
# Django reads ROOT_URLCONF per request: this process answers only the route below.
settings.ROOT_URLCONF = __name__

VERDICT_SQL = """
SELECT c.public_id, c.verdict, c.version,
       COALESCE((SELECT json_agg(json_build_object(
                    'from', v.from_verdict, 'to', v.to_verdict, 'version', v.version,
                    'decided_at', v.decided_at) ORDER BY v.version)
                 FROM claims_verdictchange v WHERE v.claim_id = c.id), '[]'::json)
FROM claims_claim c WHERE c.public_id = %s
"""


def claim_verdict(request: HttpRequest, id: uuid.UUID) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute(VERDICT_SQL, [str(id)])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    public_id, verdict, version, history = row
    etag = f'"claim-{public_id}-v{version}"'
    response = JsonResponse(
        {
            "claim": str(public_id),
            "verdict": verdict,
            "version": version,
            "etag": etag,
            "history": history,
        }
    )
    response["ETag"] = etag
    return response


urlpatterns = [path("baseline/claims/<uuid:id>/verdict/", claim_verdict)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
