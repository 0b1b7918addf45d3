"""The analytics pages read from a replica: a second database alias (a copy of the primary that
then differs from it) shows which database each read went to."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from kehoach.core import dbrouter

ROOT = Path(__file__).resolve().parents[3]

CHECK = r"""
import django, json
django.setup()
from django.test import RequestFactory
from django.http import HttpResponse
from kehoach.core.dbrouter import AnalyticsReplicaMiddleware, read_alias
from kehoach.core.models import User
from kehoach.units.models import Unit

Unit.objects.using("replica1").create(code="CHI-O-BAN-SAO", name="Chỉ ở bản sao", type="province")
seen = {}
writes = []
def view(request):
    writes.append(request.method)
    key = request.path if request.method == "GET" else "POST " + request.path
    seen[key] = {
        "units": sorted(Unit.objects.values_list("code", flat=True)),
        "users": User.objects.count(),
        "raw_sql_alias": read_alias(),
    }
    Unit.objects.create(code=f"GHI-{len(writes)}", name="Ghi", type="province")
    return HttpResponse("ok")
middleware = AnalyticsReplicaMiddleware(view)
rf = RequestFactory()
for path in ("/danh-gia/ke-hoach/KH/", "/ke-hoach/KH/", "/bao-cao/r1/tien-do/"):
    middleware(rf.get(path))
middleware(rf.post("/danh-gia/ke-hoach/KH/"))
seen["primary_units"] = sorted(Unit.objects.using("default").values_list("code", flat=True))
seen["replica_units"] = sorted(Unit.objects.using("replica1").values_list("code", flat=True))
print(json.dumps(seen))
"""


@pytest.mark.slow
def test_analytics_reads_go_to_the_replica_and_writes_to_the_primary(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'primary.sqlite3'}",
               KEHOACH_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="kehoach.settings")
    subprocess.run([sys.executable, "-m", "kehoach.manage", "migrate", "-v0"], env=env,
                   cwd=ROOT, check=True, timeout=600)
    shutil.copy(tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3")  # the "replica"
    env["DATABASE_REPLICA_URLS"] = f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    out = subprocess.run([sys.executable, "-c", CHECK], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    import json

    seen = json.loads(out.stdout.strip().splitlines()[-1])
    evaluation, plan = seen["/danh-gia/ke-hoach/KH/"], seen["/ke-hoach/KH/"]
    assert evaluation["units"] == ["CHI-O-BAN-SAO"] and evaluation["raw_sql_alias"] == "replica1"
    assert seen["/bao-cao/r1/tien-do/"]["raw_sql_alias"] == "replica1"
    assert seen["POST /danh-gia/ke-hoach/KH/"]["raw_sql_alias"] == "default"
    assert evaluation["users"] == 0 and "GHI-1" in seen["POST /danh-gia/ke-hoach/KH/"]["units"]
    assert plan["units"] == ["GHI-1"] and plan["raw_sql_alias"] == "default"
    # every write went to the primary, also during analytics requests (and POSTs are not routed)
    assert seen["primary_units"] == ["GHI-1", "GHI-2", "GHI-3", "GHI-4"]
    assert seen["replica_units"] == ["CHI-O-BAN-SAO"]


def test_without_replicas_nothing_is_routed(settings):
    settings.KEHOACH_REPLICAS = []
    request = RequestFactory().get("/danh-gia/")
    seen = []
    dbrouter.AnalyticsReplicaMiddleware(lambda r: seen.append(dbrouter.read_alias()))(request)
    assert seen == ["default"]


def test_only_gets_to_the_analytics_paths_are_analytics(settings):
    rf = RequestFactory()
    assert dbrouter.is_analytics(rf.get("/danh-gia/ke-hoach/KH/"))
    assert dbrouter.is_analytics(rf.get("/api/v1/plans/KH/evaluation/"))
    assert dbrouter.is_analytics(rf.get("/bao-cao/r1/tien-do/"))
    assert not dbrouter.is_analytics(rf.post("/danh-gia/ke-hoach/KH/chi-tieu/1/dieu-chinh/"))
    assert not dbrouter.is_analytics(rf.get("/bao-cao/bieu/3/"))
    assert not dbrouter.is_analytics(rf.get("/ke-hoach/KH/"))


def test_router_keeps_users_sessions_and_tasks_on_the_primary(settings):
    from django.contrib.sessions.models import Session

    from kehoach.core.models import User
    from kehoach.units.models import Unit

    settings.KEHOACH_REPLICAS = ["replica1"]
    router = dbrouter.AnalyticsReplicaRouter()
    with dbrouter.reading_from_replica():
        assert router.db_for_read(Unit) == "replica1"
        assert router.db_for_read(User) == "default" and router.db_for_read(Session) == "default"
        assert router.db_for_write(Unit) == "default"
    assert router.db_for_read(Unit) == "default"
    assert router.allow_migrate("default", "units") and not router.allow_migrate("replica1", "units")
