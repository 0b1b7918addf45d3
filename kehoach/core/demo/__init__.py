"""The demo province: Thái Nguyên today, with Bắc Kạn (merged into it on 1/7/2025) before.

The data files beside this module are exchange files (interfaces.md §1) loaded through the public
``import_*`` commands, so the demo is also a worked example of those formats. Facts are real
(seeds 002 and 003, published figures with their source in each value's note); the 2026 plans
of Thái Nguyên are named as demo and carry no invented figures.

Loading is idempotent and never overwrites: the first run loads every file; later runs only add
rows whose key is missing (a demo object a user deleted comes back; one a user changed stays as
the user left it). ``--if-empty`` skips the data entirely once the demo plan exists.
"""

from __future__ import annotations

import csv
import importlib
import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from django.core.management import CommandError, call_command
from django.db import transaction

from kehoach.core.models import Role, User
from kehoach.core.services import user_create

HERE = Path(__file__).resolve().parent
MARKER_PLAN = "KH-56-BK"
APP_DEMOS = ("reporting", "evaluation", "consultation", "tasks", "projects")

# (username, password, role, unit code, full name). Demo only: never use these anywhere else.
USERS = (
    ("quantri", "demo-quantri-2026", Role.ADMIN, "19", "Quản trị hệ thống (demo)"),
    ("kehoach", "demo-kehoach-2026", Role.PLANNING, "TN-STC", "Phòng Kế hoạch, Sở Tài chính (demo)"),
    ("soyte", "demo-soyte-2026", Role.REPORTER, "TN-SYT", "Cán bộ Sở Y tế (demo)"),
    ("sonnmt", "demo-sonnmt-2026", Role.REPORTER, "TN-SNNMT", "Cán bộ Sở Nông nghiệp và Môi trường (demo)"),
    ("lanhdao", "demo-lanhdao-2026", Role.LEADER, "19", "Lãnh đạo UBND tỉnh (demo)"),
)
PLAN_ISSUERS = {"QH-BK-2030": "Thủ tướng Chính phủ", "KH-56-BK": "UBND tỉnh Bắc Kạn"}
_OFFICIAL_CODE = re.compile(r"^(\d{2,5})(-cu)?$")


class Writer(Protocol):
    """Where the demo reports progress: a command's ``self.stdout`` (``OutputWrapper``, which
    ends every line) or any text stream."""

    def write(self, msg: str, /) -> object: ...


def _exists(model_path: str, **lookup: Any) -> bool:
    module, name = model_path.rsplit(".", 1)
    model = getattr(importlib.import_module(module), name)
    return model.objects.filter(**lookup).exists()


# file, command, "is this row already stored?"
FILES: tuple[tuple[str, str, Callable[[dict[str, str]], bool]], ...] = (
    ("units.csv", "import_units", lambda r: _exists("kehoach.units.models.Unit", code=r["code"])),
    ("indicators.csv", "import_indicators",
     lambda r: _exists("kehoach.indicators.models.Indicator", code=r["code"])),
    ("plans.csv", "import_plans", lambda r: _exists("kehoach.plans.models.Plan", code=r["code"])),
    ("targets.csv", "import_targets", lambda r: _exists(
        "kehoach.plans.models.Target", plan__code=r["plan"], indicator__code=r["indicator"],
        unit__code=r["unit"], period=r["period"])),
    ("values.csv", "import_values", lambda r: _exists(
        "kehoach.values.models.Value", unit__code=r["unit"], indicator__code=r["indicator"],
        period=r["period"], kind=r["kind"])),
)


def is_loaded() -> bool:
    return _exists("kehoach.plans.models.Plan", code=MARKER_PLAN)


def _run(command: str, path: Path, stdout: Writer) -> None:
    errors = io.StringIO()
    try:
        call_command(command, str(path), stdout=stdout, stderr=errors)
    except SystemExit as exc:
        raise CommandError(f"demo file {path.name} was refused by {command} (exit {exc.code}):\n"
                           f"{errors.getvalue()}")


def _missing_rows(name: str, stored: Callable[[dict[str, str]], bool]) -> str | None:
    """The file with only the rows not stored yet, or None when every row is there."""
    with open(HERE / name, encoding="utf-8", newline="") as handle:
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


def _load_files(stdout: Writer, *, only_missing: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, command, stored in FILES:
            path = HERE / name
            if only_missing:
                text = _missing_rows(name, stored)
                if text is None:
                    stdout.write(f"{name}: every row already there")
                    continue
                path = Path(tmp) / name
                path.write_text(text, encoding="utf-8")
            stdout.write(f"{name}:")
            _run(command, path, stdout)


def _complete_units_and_plans() -> None:
    """What the exchange files cannot carry: GSO codes of official units, plan issuers.
    Only empty fields are filled (never overwrite what a user set)."""
    from kehoach.plans.models import Plan
    from kehoach.plans.services import plan_update
    from kehoach.units.models import Unit
    from kehoach.units.services import unit_update

    with open(HERE / "units.csv", encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    for unit in Unit.objects.filter(code__in=codes, gso_code=""):
        match = _OFFICIAL_CODE.match(unit.code)
        if match:
            unit_update(unit=unit, gso_code=match.group(1))
    for plan in Plan.objects.filter(code__in=PLAN_ISSUERS, issuer=""):
        plan_update(plan=plan, actor=None, issuer=PLAN_ISSUERS[plan.code])


def _ensure_users(stdout: Writer) -> None:
    from kehoach.units.models import Unit

    for username, password, role, unit_code, full_name in USERS:
        if User.objects.filter(username=username).exists():
            continue
        user_create(username=username, password=password, role=role, full_name=full_name,
                    unit=Unit.objects.filter(code=unit_code).first())
        stdout.write(f"user {username} created")


def _app_demos(stdout: Writer) -> None:
    for app in APP_DEMOS:
        name = f"kehoach.{app}.demo"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        stdout.write(f"{name}:")
        module.load(stdout=stdout)


def print_logins(stdout: Writer) -> None:
    stdout.write("")
    stdout.write("Demo logins (DEMO ONLY: change or delete these accounts on a real server)")
    widths = (10, 20, 10, 10)
    stdout.write("  ".join(h.ljust(w) for h, w in zip(("username", "password", "role", "unit"),
                                                       widths, strict=True)))
    for username, password, role, unit_code, _name in USERS:
        cells = (username, password, str(role), unit_code)
        stdout.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))


def load(*, stdout: Writer, if_empty: bool = False) -> None:
    """Load the demo (see the module's docstring), then print the demo logins."""
    first = not is_loaded()
    if first or not if_empty:
        with transaction.atomic():
            _load_files(stdout, only_missing=not first)
            _complete_units_and_plans()
            _ensure_users(stdout)
            if first:
                _app_demos(stdout)
    else:
        stdout.write("The demo is already loaded: nothing changed (--if-empty).")
        with transaction.atomic():
            _ensure_users(stdout)
    print_logins(stdout)
