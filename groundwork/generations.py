"""Generations: one token per kind of data, changed whenever that data changes.

A cached value keyed on the tokens of what it was built from stops matching the moment one
of them changes, so invalidating is one cache write however many entries depend on it, and
nothing has to know which entries those are. The tokens live in Django's cache (Redis in
production), shared by every web and worker process.

A token is random, never a counter: should the cache lose one (eviction, a Redis restart),
the next reader mints a fresh one, and entries stored under the lost token can never match
it again. A counter starting over at 1 would bring them back to life.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

PREFIX = "generation:"


def current(*names: str) -> dict[str, str]:
    """The token of each of `names`, minting those the cache does not hold (one round trip
    when it holds them all)."""
    keys = {name: PREFIX + name for name in names}
    found = cache.get_many(list(keys.values()))
    tokens = {}
    for name, key in keys.items():
        token = found.get(key)
        if token is None:
            token = uuid.uuid4().hex
            # add(): two processes minting at once agree on whichever got there first.
            if not cache.add(key, token, timeout=None):
                token = cache.get(key) or token
        tokens[name] = token
    return tokens


def token(name: str) -> str:
    return current(name)[name]


def for_request(request, *names: str) -> dict[str, str]:
    """`current(*names)`, read once per request: every fragment of a page agrees on them,
    and a page with ten fragments asks the cache once."""
    known = request.__dict__.setdefault("_generation_tokens", {})
    missing = [name for name in names if name not in known]
    if missing:
        known.update(current(*missing))
    return {name: known[name] for name in names}


def bump(*names: str) -> None:
    """Everything cached under the present tokens of `names` is stale from now on.

    Call it after the change is committed: a request that read the old data before the
    commit would otherwise store it under the new token.
    """
    cache.set_many({PREFIX + name: uuid.uuid4().hex for name in names}, timeout=None)


def bump_on_commit(*names: str) -> None:
    """`names` changed in the current transaction: stale now, and again once it commits.

    Now, so that the rest of the transaction (the request that saved, a test) reads fresh;
    again after the commit, because a request that read the old rows meanwhile may have
    stored them under the token minted now.
    """
    bump(*names)
    transaction.on_commit(lambda: bump(*names))
