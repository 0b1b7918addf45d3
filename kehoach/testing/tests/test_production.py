"""Production start: request ids and JSON log lines, /health/, static files with and without the
manifest, only the used front-end files served, the scheduler, the serve command and gunicorn."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from io import StringIO

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kehoach import gunicorn_conf
from kehoach.core.health import PROBE_PATH
from kehoach.core.logs import JsonFormatter
from kehoach.core.management.commands.scheduler import DAILY_KEY
from kehoach.core.management.commands.serve import processes
from kehoach.core.storage import StaticStorage

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def request_log():
    handler, logger = Records(), logging.getLogger("kehoach.request")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_each_request_gets_an_id_and_one_json_log_line(request_log, planner_client, planner):
    response = planner_client.get("/ke-hoach/")
    request_id = response["X-Request-ID"]
    assert response.status_code == 200 and len(request_id) == 32
    [record] = request_log
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == request_id and line["status"] == 200
    assert line["method"] == "GET" and line["path"] == "/ke-hoach/"
    assert line["user_id"] == planner.pk and line["level"] == "INFO" and line["duration_ms"] >= 0


@pytest.mark.django_db
def test_the_proxy_request_id_is_kept_when_sane_and_replaced_when_not(anon_client):
    assert anon_client.get("/", HTTP_X_REQUEST_ID="nginx-1234abcd")["X-Request-ID"] == (
        "nginx-1234abcd"
    )
    forged = anon_client.get("/", HTTP_X_REQUEST_ID='x"}\n{"level": "ERROR')["X-Request-ID"]
    assert forged != 'x"}\n{"level": "ERROR' and len(forged) == 32


def test_json_formatter_keeps_extra_fields_and_exceptions():
    try:
        raise ValueError("hỏng")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "lỗi %s", ("một",), exc_info=sys.exc_info(),
            extra={"round_id": 7},
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "lỗi một" and line["round_id"] == 7
    assert "ValueError: hỏng" in line["exception"] and "request_id" not in line


@pytest.mark.django_db(transaction=True)  # the worker and scheduler close connections
def test_health_checks_database_and_enqueues_a_worker_probe(anon_client, settings):
    settings.TASKS = DB_TASKS
    response = anon_client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == {"ok": True}
    assert body["worker"]["ok"] and body["worker"]["last_probe_done"] is None
    assert DBTaskResult.objects.filter(task_path=PROBE_PATH, status="READY").count() == 1
    anon_client.get("/health/")  # no second probe while the first is recent
    assert DBTaskResult.objects.filter(task_path=PROBE_PATH).count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name=*", verbosity=0)
    body = anon_client.get("/health/").json()
    assert body["worker"]["last_probe_done"] is not None and body["worker"]["ok"]


@pytest.mark.django_db
def test_health_fails_when_no_worker_takes_tasks(anon_client, settings):
    settings.TASKS = DB_TASKS
    anon_client.get("/health/")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=5))
    response = anon_client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and not body["worker"]["ok"]
    assert body["worker"]["queue_wait_seconds"] >= 299 and body["database"]["ok"]


@pytest.mark.django_db
def test_health_is_not_redirected_to_https_but_pages_are(anon_client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert anon_client.get("/").status_code == 301
    assert anon_client.get("/health/").status_code == 200
    assert anon_client.post("/health/").status_code == 405


@pytest.fixture
def manifest_storage(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "kehoach.core.storage.StaticStorage"},
    }
    return settings.STATIC_ROOT


@pytest.mark.django_db
def test_error_pages_render_without_a_manifest(manifest_storage):
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and "/static/kehoach/kehoach.css" in body


@pytest.mark.django_db
def test_collected_files_have_hashed_names_and_far_future_caching(manifest_storage):
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (manifest_storage / "staticfiles.json").exists()
    body = Client().get("/khong-co-trang-nay/").content.decode()
    css = next(part for part in body.split('"') if part.startswith("/static/kehoach/kehoach."))
    assert css != "/static/kehoach/kehoach.css" and css.endswith(".css")
    response = Client().get(css)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
    assert not list(manifest_storage.rglob("*.br"))  # gzip only (brotli was too slow)


def test_static_storage_falls_back_to_the_plain_name(manifest_storage):
    assert StaticStorage().url("kehoach/kehoach.css") == "/static/kehoach/kehoach.css"


def test_only_the_front_end_files_the_pages_use_are_served():
    assert finders.find("vendor/htmx.org/dist/htmx.min.js")
    assert finders.find("vendor/chart.js/dist/chart.umd.js")
    assert not finders.find("vendor/chart.js/package.json")
    assert not finders.find("vendor/htmx.org/dist/htmx.js")
    assert not finders.find("vendor/.package-lock.json")
    vendor = [path for finder in finders.get_finders() for path, _ in finder.list(None)
              if getattr(_, "prefix", "") and _.prefix.startswith("vendor")]
    assert sorted(vendor) == ["dist/chart.umd.js", "dist/chart.umd.js.map", "dist/htmx.min.js"]


@pytest.mark.django_db(transaction=True)  # the worker and scheduler close connections
def test_scheduler_runs_the_daily_jobs_once_a_day_from_the_reminder_hour(settings):
    settings.KEHOACH_REMINDER_HOUR = 7
    settings.TASKS = DB_TASKS
    cache.delete(DAILY_KEY)
    with time_machine.travel(dt.datetime(2026, 3, 2, 6, 30, tzinfo=timezone.get_current_timezone())):
        out = StringIO()
        call_command("scheduler", "--once", stdout=out)
        assert out.getvalue() == "" and cache.get(DAILY_KEY) is None
    with time_machine.travel(dt.datetime(2026, 3, 2, 7, 5, tzinfo=timezone.get_current_timezone())):
        out = StringIO()
        call_command("scheduler", "--once", stdout=out)
        assert "reminder(s) queued" in out.getvalue()
        assert cache.get(DAILY_KEY) == dt.date(2026, 3, 2)
        out = StringIO()
        call_command("scheduler", "--once", stdout=out)
        assert out.getvalue() == ""


def test_serve_refuses_debug(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("serve", "--skip-prepare")


def test_serve_runs_gunicorn_the_worker_and_the_scheduler():
    argv = processes(bind="127.0.0.1:8115", workers=3)
    assert argv["web"][-1] == "kehoach.wsgi:application" and "python:kehoach.gunicorn_conf" in argv["web"]
    assert argv["web"][argv["web"].index("--workers") + 1] == "3"
    assert "db_worker" in argv["worker"] and "--no-reload" in argv["worker"]
    assert argv["scheduler"][-1] == "scheduler"
    assert "--workers" not in processes(bind="127.0.0.1:8115", workers=None)["web"]


def test_gunicorn_workers_follow_the_core_count_and_log_json():
    cores = len(os.sched_getaffinity(0))
    assert gunicorn_conf.default_workers() == 2 * cores + 1
    config = gunicorn_conf.logconfig_dict
    assert config["handlers"]["console"]["formatter"] == "json"
    assert config["loggers"]["gunicorn.error"] == {"level": "INFO", "handlers": [], "propagate": True}
    assert gunicorn_conf.accesslog is None and gunicorn_conf.timeout >= 60
