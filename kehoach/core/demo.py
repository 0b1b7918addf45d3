"""The demo province: Thái Nguyên today, with Bắc Kạn (merged into it on 1/7/2025) before.

This module is the runner of ``kehoach load_demo``; the demo itself lives in the apps, one
``kehoach/<app>/demo.py`` each, loaded in this order:

1. ``REFERENCE_APPS`` (units, indicators, plans, values): exchange files (interfaces.md §1) in
   ``kehoach/<app>/demo_data/`` loaded through the public ``import_*`` commands, so the demo is
   also a worked example of those formats. Each module has ``load(*, stdout, only_missing)``.
2. The demo users (``USERS`` below: users are a core model).
3. ``ACTIVITY_APPS`` (reporting, evaluation, consultation, tasks, projects): rounds, comments… made
   through the services. Each module has ``load(*, stdout)``; an app without ``demo.py`` is skipped.

Facts are real where a source exists (seeds 002 and 003, published figures with their source in
each value's note); the rest is illustrative and marked so in its note
(``kehoach/plans/demo_data/NOTES.md`` lists which is which).

Loading is idempotent and never overwrites: the first run loads everything; later runs only add
reference rows whose key is missing (a demo object a user deleted comes back; one a user changed
stays as the user left it) and leave the activity apps alone. ``--if-empty`` skips the data
entirely once the demo is loaded (``kehoach.plans.demo.is_loaded``).

Core imports no domain app: the app modules are named here as strings and imported at run time,
as Django's admin discovers ``admin.py``.
"""

from __future__ import annotations

import csv
import importlib
import io
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Protocol

from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction

from kehoach.core.models import Role, User
from kehoach.core.services import user_create

REFERENCE_APPS = ("units", "indicators", "plans", "values")
ACTIVITY_APPS = ("reporting", "evaluation", "consultation", "tasks", "projects")

# (username, password, role, unit code, full name). Demo only: never use these anywhere else.
USERS = (
    ("quantri", "demo-quantri-2026", Role.ADMIN, "19", "Quản trị hệ thống (demo)"),
    ("kehoach", "demo-kehoach-2026", Role.PLANNING, "TN-STC", "Phòng Kế hoạch, Sở Tài chính (demo)"),
    ("soyte", "demo-soyte-2026", Role.REPORTER, "TN-SYT", "Cán bộ Sở Y tế (demo)"),
    ("sonnmt", "demo-sonnmt-2026", Role.REPORTER, "TN-SNNMT", "Cán bộ Sở Nông nghiệp và Môi trường (demo)"),
    ("lanhdao", "demo-lanhdao-2026", Role.LEADER, "19", "Lãnh đạo UBND tỉnh (demo)"),
)


class Writer(Protocol):
    """Where the demo reports progress: a command's ``self.stdout`` (``OutputWrapper``, which
    ends every line) or any text stream."""

    def write(self, msg: str, /) -> object: ...


# An exchange file of an app's demo: (file name, import command, "is this row already stored?").
DemoFile = tuple[str, str, Callable[[dict[str, str]], bool]]


def _app_demo(app: str) -> ModuleType | None:
    name = f"kehoach.{app}.demo"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


def _run(command: str, path: Path, stdout: Writer) -> None:
    errors = io.StringIO()
    try:
        call_command(command, str(path), stdout=stdout, stderr=errors)
    except SystemExit as exc:
        raise CommandError(f"demo file {path.name} was refused by {command} (exit {exc.code}):\n"
                           f"{errors.getvalue()}")


def _missing_rows(path: Path, stored: Callable[[dict[str, str]], bool]) -> str | None:
    """The file with only the rows not stored yet, or None when every row is there."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [row for row in reader if not stored(row)]
        fields = reader.fieldnames or []
    if not missing:
        return None
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(missing)
    return out.getvalue()


def load_files(folder: Path, files: Sequence[DemoFile], *, stdout: Writer,
               only_missing: bool) -> None:
    """Import an app's demo files in order; with ``only_missing``, only the rows not stored yet."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, command, stored in files:
            path = folder / name
            if only_missing:
                text = _missing_rows(path, stored)
                if text is None:
                    stdout.write(f"{name}: every row already there")
                    continue
                path = Path(tmp) / name
                path.write_text(text, encoding="utf-8")
            stdout.write(f"{name}:")
            _run(command, path, stdout)


def _ensure_users(stdout: Writer) -> None:
    unit_model = apps.get_model("units", "Unit")  # by name: core imports no domain app
    for username, password, role, unit_code, full_name in USERS:
        if User.objects.filter(username=username).exists():
            continue
        user_create(username=username, password=password, role=role, full_name=full_name,
                    unit=unit_model.objects.filter(code=unit_code).first())
        stdout.write(f"user {username} created")


def print_logins(stdout: Writer) -> None:
    stdout.write("")
    stdout.write("Demo logins (DEMO ONLY: change or delete these accounts on a real server)")
    widths = (10, 20, 10, 10)
    stdout.write("  ".join(h.ljust(w) for h, w in zip(("username", "password", "role", "unit"),
                                                       widths, strict=True)))
    for username, password, role, unit_code, _name in USERS:
        cells = (username, password, str(role), unit_code)
        stdout.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))


def is_loaded() -> bool:
    plans_demo = _app_demo("plans")
    return plans_demo is not None and plans_demo.is_loaded()


def _load_all(stdout: Writer, *, first: bool) -> None:
    for app in REFERENCE_APPS:
        module = _app_demo(app)
        if module is not None:
            module.load(stdout=stdout, only_missing=not first)
    _ensure_users(stdout)
    if not first:
        return
    for app in ACTIVITY_APPS:
        module = _app_demo(app)
        if module is not None:
            stdout.write(f"kehoach.{app}.demo:")
            module.load(stdout=stdout)


def load(*, stdout: Writer, if_empty: bool = False) -> None:
    """Load the demo (see the module's docstring), then print the demo logins."""
    first = not is_loaded()
    if first or not if_empty:
        with transaction.atomic():
            _load_all(stdout, first=first)
    else:
        stdout.write("The demo is already loaded: nothing changed (--if-empty).")
        with transaction.atomic():
            _ensure_users(stdout)
    print_logins(stdout)
