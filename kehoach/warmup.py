"""What a web process does once before it serves, so that no person waits for it.

A fresh process spends about 2,5 s on its first request (importing every view while the URLs
are resolved the first time, compiling templates) and about 0,5–1 s more on the first
``/api/v1/openapi.json`` of each language (the schema walks every endpoint). gunicorn loads the
application in its master (``preload_app``) and calls :func:`warm_up` there (``when_ready``),
before the workers fork: every worker, and every worker recycled after ``max_requests``, starts
with the URLs resolved, the templates compiled and the schema built.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

logger = logging.getLogger(__name__)


def _templates() -> int:
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines

    count = 0
    for engine in engines.all():
        for directory in engine.template_dirs:
            for path in Path(directory).rglob("*.html"):
                name = path.relative_to(directory).as_posix()
                try:
                    engine.get_template(name)
                    count += 1
                except (TemplateDoesNotExist, TemplateSyntaxError, LookupError):
                    continue  # a fragment of another library (admin, DRF): compiled on first use
    return count


def warm_up() -> None:
    """Resolve the URLs (importing every view), compile the templates, build the API schema in
    every language; then close the database connections so no worker inherits one. A step that
    fails is logged and skipped: warming up never stops the server from starting."""
    from django.conf import settings
    from django.db import connections
    from django.urls import get_resolver
    from django.utils import translation

    from kehoach.api.schema import schema_build

    def urls(code: str) -> None:
        with translation.override(code):
            get_resolver()._populate()  # the reverse lookups are kept per language

    start = time.perf_counter()
    steps: list[tuple[str, Callable[[], object]]] = [("templates", _templates)]
    for code, _name in settings.LANGUAGES:
        steps += [(f"urls {code}", partial(urls, code)),
                  (f"schema {code}", partial(schema_build, language=code))]
    done = []
    for name, step in steps:
        try:
            step()
            done.append(name)
        except Exception:  # noqa: BLE001 - logged; the first request will do it instead
            logger.exception("warm-up step %s failed", name)
    connections.close_all()
    logger.info("warmed up in %.1f s: %s", time.perf_counter() - start, ", ".join(done))
