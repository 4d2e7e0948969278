"""The two members the member-centre bench compares, prepared before gunicorn starts.

Run inside Django by test_member_centre.py (`manage.py shell -c "...; main()"`); prints one
JSON object: the pages to load, the queries a warm request to each makes, and the session
cookie of each member. The members have the same kind of history (tests/factories/
ledger_bulk.py), one 10 entries long and one 100,000. Safe to run again: a member whose
history already has its length is left as it is.
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from membership import points
from membership.models import LedgerEntry
from membership.services import ensure_profile
from tests.bench.scenario import queries_for, signed_in_session
from tests.factories.ledger_bulk import bulk_history

SIZES = {"10": 10, "100k": 100_000}
PAGES = {"member centre": "/zh-hans/members/", "points history": "/zh-hans/members/history/"}


def main():
    sessions, queries = {}, {}
    for name, size in SIZES.items():
        user = member_with_history(f"bench-{name}", size)
        sessions[name] = signed_in_session(user)
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[name]
        for page, path in PAGES.items():
            queries[f"{page} {name}"] = queries_for(client, path)
    print(
        json.dumps(
            {
                "pages": PAGES,
                "queries": queries,
                "session_cookie": settings.SESSION_COOKIE_NAME,
                "sessions": sessions,
            }
        )
    )


def member_with_history(username: str, size: int):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_user(username, f"{username}@aftercare.bench")
    member = ensure_profile(user=user, language="zh-hans")
    points.open_account(member=member, today=timezone.localdate())
    have = LedgerEntry.objects.filter(member=member).count()
    if have < size:
        bulk_history(member, size - have)
    return user
