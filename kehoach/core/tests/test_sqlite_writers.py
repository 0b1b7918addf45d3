"""SQLite under concurrent writers (issue 14, point 9): with the project's options, 12 threads
each running read-then-write transactions all succeed — none answers "database is locked"."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction

THREADS, WRITES = 12, 15


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    alias = "concurrency"
    config = connections.configure_settings({"default": {}, alias: {
        "ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "w.sqlite3"),
        "OPTIONS": dict(settings.SQLITE_OPTIONS)}})
    connections.settings[alias] = config[alias]
    with django_db_blocker.unblock():
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n INTEGER NOT NULL)")
            cursor.execute("INSERT INTO counter VALUES (0)")
        yield alias
        connections[alias].close()
    del connections.settings[alias]


def _writer(alias: str, errors: list[Exception]) -> None:
    try:
        for _ in range(WRITES):
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
    except Exception as exc:  # noqa: BLE001 - collected and asserted below
        errors.append(exc)
    finally:
        connections[alias].close()


def test_concurrent_writers_wait_instead_of_failing(sqlite_file, django_db_blocker):
    assert settings.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    errors: list[Exception] = []
    with django_db_blocker.unblock():
        threads = [threading.Thread(target=_writer, args=(sqlite_file, errors))
                   for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with connections[sqlite_file].cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            assert cursor.fetchone() == (THREADS * WRITES,)  # no lost update either
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
