"""Loaded with ``-p`` (pyproject addopts) before pytest-django reads the settings: tests, and
the live server of browser tests, run on plain HTTP."""

import os

for _name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(_name, "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
