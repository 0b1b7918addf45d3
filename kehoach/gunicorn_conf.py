"""gunicorn settings for kehoach (``gunicorn -c python:kehoach.gunicorn_conf kehoach.wsgi``).

Every value can be overridden from the environment: ``GUNICORN_BIND``, ``WEB_CONCURRENCY``
(workers; default two per core plus one), ``GUNICORN_TIMEOUT``. Requests are logged by the app
itself (one JSON line each, with the request id), so gunicorn's access log is off.
"""

from __future__ import annotations

import os

from kehoach.core.logs import logging_config


def default_workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 * (cores or 1) + 1


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "0")) or default_workers()
# Reports (LibreOffice PDF) and large imports may take a while; nginx waits as long (deploy.md).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (bounded memory); the jitter keeps them from restarting together.
max_requests = 2000
max_requests_jitter = 200
preload_app = True
accesslog = None


def _logconfig() -> dict:
    config = logging_config(json_lines=os.environ.get("LOG_FORMAT", "json") == "json", level="INFO")
    # gunicorn's own loggers go through the same JSON handler (their plain handlers removed).
    for name in ("gunicorn.error", "gunicorn.access"):
        config["loggers"][name] = {"level": "INFO", "handlers": [], "propagate": True}
    return config


logconfig_dict = _logconfig()


def when_ready(server) -> None:  # noqa: ANN001 - gunicorn's Arbiter
    """In the master, with the application preloaded, before the workers fork: warm it up once
    (URLs, templates, the API schema) so that no worker's first visitor waits for it."""
    from kehoach.warmup import warm_up

    warm_up()
