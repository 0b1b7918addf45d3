"""Read replicas for the analytics pages (a ministry running many provinces on one installation).

With ``DATABASE_REPLICA_URLS`` set (one URL per streaming replica of the primary), the GET requests
to the analytics pages (``KEHOACH_ANALYTICS_PATHS``: evaluation, consolidation, completeness, the
dashboard and their API) read from a replica chosen at random; everything else, every write, and
the tables a request needs fresh (users, sessions, tokens, cache, background tasks) stay on the
primary. Raw SQL that only reads (the consolidation) asks ``read_alias()`` for its connection.
Without replicas nothing changes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse

_replica: ContextVar[str | None] = ContextVar("kehoach_replica", default=None)
ALWAYS_PRIMARY = {"auth", "core", "sessions", "contenttypes", "authtoken", "django_tasks_db",
                  "django_cache", "admin"}


def read_alias() -> str:
    """The database alias to read from now (a replica during an analytics request)."""
    return _replica.get() or DEFAULT_DB_ALIAS


@contextmanager
def reading_from_replica() -> Iterator[str | None]:
    replicas = settings.KEHOACH_REPLICAS
    token = _replica.set(random.choice(replicas) if replicas else None)
    try:
        yield _replica.get()
    finally:
        _replica.reset(token)


class AnalyticsReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        alias = _replica.get()
        if alias and model._meta.app_label not in ALWAYS_PRIMARY:
            return alias
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS  # replicas are copies of the primary, never migrated


@lru_cache(maxsize=4)
def _patterns(paths: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in paths))


def is_analytics(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and bool(
        _patterns(tuple(settings.KEHOACH_ANALYTICS_PATHS)).match(request.path))


class AnalyticsReplicaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.KEHOACH_REPLICAS or not is_analytics(request):
            return self.get_response(request)
        with reading_from_replica():
            return self.get_response(request)
