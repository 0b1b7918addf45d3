"""The fixed cast of users every test can use, and settings for tests."""

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

# Property tests check results, not speed: no per-example deadline (a loaded CI machine made a
# rule's property test fail on Hypothesis' 200 ms default; timings belong to `make bench`).
hypothesis_settings.register_profile("kehoach", deadline=None)
hypothesis_settings.load_profile("kehoach")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.LANGUAGE_CODE = "vi"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()  # sign-in lockouts and rate limits of one test never reach the next
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


pytest_plugins = ["kehoach.testing.cast", "kehoach.core.tests.browser"]
