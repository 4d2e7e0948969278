"""Sends the walk's requests and keeps count of them and of every server error.

Each request runs in a savepoint that is rolled back: a hostile delete or a logout changes
nothing for the next request, and a database error on PostgreSQL does not poison the rest
of the walk. The client's cookies are put back for the same reason. On-commit work (the
tasks a view queues) is run only where asked: Wagtail deletes an image's file on commit,
and a rolled-back delete would otherwise leave the demo's images without their files.
"""

import copy
import itertools
import re
import traceback
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.test import Client, TestCase

from groundwork.hostile_input import bad_input

from . import forms
from .upstream import known_upstream, passes_through_project_code
from .values import stops_at_the_door


@dataclass(frozen=True)
class Failure:
    role: str
    method: str
    url: str
    value: str
    error: str

    def __str__(self) -> str:
        sent = f" with {self.value[:300]}" if self.value else ""
        return f"{self.role} {self.method} {self.url[:300]}{sent}: {self.error}"


class Walker:
    def __init__(self, pool: list[str], *, run_on_commit: bool = False):
        self.pool = pool
        self.passing = [value for value in pool if not stops_at_the_door(value)]
        self.run_on_commit = run_on_commit
        self._next = itertools.count()
        self._fitting: dict[str, list[str]] = {}
        self.requests = 0
        self.statuses: Counter[int] = Counter()
        self.failures: list[Failure] = []
        self.upstream: dict[str, int] = {}  # known bugs of Django, Wagtail, Oscar: how often
        self.caught: list[Exception] = []  # what the door's safety net caught in our code
        bad_input.connect(self._safety_net_caught)

    def _safety_net_caught(self, sender, request, exception, **kwargs) -> None:
        # The 400 is right, but this project's own code should have checked its input.
        if passes_through_project_code(traceback.extract_tb(exception.__traceback__)):
            self.caught.append(exception)

    def fill(self, names, *, passing: bool = False) -> list[tuple[str, str]]:
        """A value for each name, taken round robin from the pool, so every field meets
        every kind of value over the walk. `passing`: only values meant to reach views."""
        source = self.passing if passing else self.pool
        return [(name, source[next(self._next) % len(source)]) for name in names]

    def fitting(self, regex: str) -> str | None:
        """The next pool value a path converter (or a URL regex) lets through, if any."""
        fitting = self._fitting.get(regex)
        if fitting is None:
            fitting = [v for v in self.pool if re.fullmatch(regex, v, re.DOTALL)]
            self._fitting[regex] = fitting
        return fitting[next(self._next) % len(fitting)] if fitting else None

    def get(self, client: Client, role: str, path: str, pairs=()):
        url = f"{path}?{forms.query_string(pairs)}" if pairs else path
        return self._send(client, role, "GET", url)

    def post(self, client: Client, role: str, path: str, pairs, *, multipart=False):
        if multipart:
            body, content_type = forms.multipart(pairs), forms.MULTIPART
        else:
            body, content_type = forms.urlencoded(pairs), forms.URLENCODED
        value = " & ".join(f"{name}={value[:60]!r}" for name, value in pairs)
        return self._send(
            client, role, "POST", path, value=value, data=body, content_type=content_type
        )

    def post_raw(self, client: Client, role: str, path: str, body: bytes, *, signature: str):
        return self._send(
            client,
            role,
            "POST",
            path,
            value=body[:300].decode("utf-8", "backslashreplace"),
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )

    def _send(self, client: Client, role: str, method: str, url: str, *, value="", **kwargs):
        self.requests += 1
        cookies = copy.deepcopy(client.cookies)
        response = None
        try:
            with transaction.atomic():
                with TestCase.captureOnCommitCallbacks(execute=self.run_on_commit):
                    if method == "GET":
                        response = client.get(url)
                    else:
                        response = client.post(url, **kwargs)
                transaction.set_rollback(True)
        except Exception as error:  # a view's exception is a 500 the visitor would get
            self._failed(role, method, url, value, error)
        finally:
            client.cookies = cookies
            for error in self.caught:
                frames = traceback.extract_tb(error.__traceback__)
                where = "only the door's safety net caught " + _where(error, frames)
                self.failures.append(Failure(role, method, url, value, where))
            self.caught.clear()
        if response is not None:
            self.statuses[response.status_code] += 1
        if response is not None and response.status_code >= 500:
            failure = Failure(role, method, url, value, f"status {response.status_code}")
            self.failures.append(failure)
        return response

    def _failed(self, role, method, url, value, error: Exception) -> None:
        frames = traceback.extract_tb(error.__traceback__)
        upstream = known_upstream(url, error, frames)
        if upstream is not None:
            self.upstream[upstream] = self.upstream.get(upstream, 0) + 1
            return
        self.failures.append(Failure(role, method, url, value, _where(error, frames)))


def _where(error: Exception, frames) -> str:
    """The exception, where it was raised, and the deepest frame of this project's code."""
    ours = [f for f in frames if "site-packages" not in f.filename and "/tests/" not in f.filename]
    places = [frames[-1]] + ([ours[-1]] if ours and ours[-1] is not frames[-1] else [])
    where = " via ".join(f"{f.filename}:{f.lineno} ({f.name})" for f in places)
    return f"{type(error).__name__}: {str(error)[:200]} at {where}"
