"""Backup and restore of everything: the data of every table and the uploaded files.

A backup is one ``.tar.gz``:

- ``manifest.json``: format, when, the database it came from, per table its row count and a
  SHA-256 of its rows (``table_checksums``), per uploaded file its size and SHA-256;
- ``data.json``: Django's ``dumpdata`` (natural foreign keys: portable between SQLite and
  PostgreSQL);
- ``media/…``: every file under ``MEDIA_ROOT`` (task evidence).

Restore replaces everything in one transaction, then checks every table's count and checksum
against the manifest: any difference rolls the whole restore back. The files are unpacked beside
``MEDIA_ROOT`` first and swapped in only once the data is in.

Times are kept to the millisecond (Django's JSON serialiser), so the checksums compare them so.
Left out on purpose: sessions (everyone signs in again), API tokens (programs ask for a new one),
the admin's log, content types and permissions (Django recreates them; their ids differ between
databases, so the columns referring to them are left out of the checksums, not the counts).
"""

from __future__ import annotations

import datetime as dt
import decimal
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, models, transaction

FORMAT = "kehoach-backup/1"
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "authtoken"]
_NOT_COMPARED = {"contenttypes.contenttype", "auth.permission"}  # ids differ between databases


class BackupError(Exception):
    """A backup that cannot be read or does not restore to what it holds (nothing changed)."""


def _excluded(model: type[models.Model]) -> bool:
    meta = model._meta
    return meta.app_label in EXCLUDE or meta.label_lower in EXCLUDE


def backed_up_models() -> list[type[models.Model]]:
    """Every table the backup holds, through tables of many-to-many fields included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or _excluded(model):
            continue
        if meta.auto_created and any(_excluded(f.related_model) for f in meta.fields
                                     if f.related_model is not None):
            continue  # e.g. a group's permissions: rebuilt by Django, not by the backup
        found.append(model)
    return sorted(found, key=lambda m: m._meta.label_lower)


def _plain(value: Any) -> Any:
    """One spelling of a value whatever the database: the same rows hash the same."""
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, dt.datetime | dt.time):  # dumpdata keeps milliseconds (DjangoJSONEncoder)
        value = value.replace(microsecond=value.microsecond // 1000 * 1000)
        if isinstance(value, dt.datetime) and value.tzinfo:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def _columns(model: type[models.Model]) -> list[str]:
    """The compared columns: an auto-created through table's own id is left out (loaddata gives
    new ones), and so is a reference to a table Django rebuilds."""
    names = []
    for field in model._meta.concrete_fields:
        if model._meta.auto_created and field.primary_key:
            continue
        target = field.related_model
        if target is not None and target._meta.label_lower in _NOT_COMPARED:
            continue
        names.append(field.attname)
    return names


def table_checksum(model: type[models.Model]) -> dict[str, Any]:
    """``{"rows": n, "sha256": …}`` over the rows in a fixed order and spelling."""
    names = _columns(model)
    digest = hashlib.sha256()
    rows = 0
    for row in model._base_manager.order_by(*names).values_list(*names).iterator(chunk_size=5000):
        digest.update(json.dumps([_plain(v) for v in row], sort_keys=True, default=str,
                                 ensure_ascii=False).encode())
        digest.update(b"\n")
        rows += 1
    return {"rows": rows, "sha256": digest.hexdigest()}


def table_checksums() -> dict[str, dict[str, Any]]:
    return {model._meta.label_lower: table_checksum(model) for model in backed_up_models()}


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(dt.datetime.now().timestamp()), 0o600
    archive.addfile(info, io.BytesIO(data))


def backup_write(*, out: IO[bytes]) -> dict[str, Any]:
    """Write the archive to ``out``; returns its manifest."""
    with tempfile.TemporaryDirectory(prefix="kehoach-backup-") as scratch:
        data = Path(scratch) / "data.json"  # the folder is the owner's only (0700)
        with transaction.atomic():  # one view of every table (PostgreSQL: one snapshot)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            with data.open("w", encoding="utf-8") as stream:
                call_command("dumpdata", natural_foreign=True, exclude=EXCLUDE, stdout=stream,
                             indent=None)
            tables = table_checksums()
        files = {name: {"bytes": path.stat().st_size, "sha256": _sha256(path)}
                 for name, path in _media_files()}
        manifest = {"format": FORMAT, "created": dt.datetime.now(dt.UTC).isoformat(),
                    "database": connection.vendor, "tables": tables, "media": files}
        with tarfile.open(fileobj=out, mode="w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(data, arcname="data.json")
            for name in files:
                archive.add(Path(settings.MEDIA_ROOT) / name, arcname=f"media/{name}",
                            recursive=False)
    return manifest


# --- restore ------------------------------------------------------------------------------------


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile("manifest.json")
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError) as exc:
        raise BackupError(f"not a kehoach backup (manifest.json: {exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("not a kehoach backup of a format this version reads")
    return manifest


def _unpack(archive: tarfile.TarFile, manifest: dict[str, Any], scratch: Path) -> tuple[Path, Path]:
    """``data.json`` and the media folder unpacked under ``scratch``, the files checked against
    the manifest; members outside ``media/`` or with ``..`` are refused by the ``data`` filter."""
    archive.extractall(scratch, filter="data")
    data = scratch / "data.json"
    if not data.is_file():
        raise BackupError("the backup holds no data.json")
    media = scratch / "media"
    media.mkdir(exist_ok=True)
    found = {p.relative_to(media).as_posix(): p for p in media.rglob("*") if p.is_file()}
    if set(found) != set(manifest.get("media", {})):
        raise BackupError("the uploaded files in the backup differ from its manifest")
    for name, expected in manifest["media"].items():
        if _sha256(found[name]) != expected["sha256"]:
            raise BackupError(f"uploaded file damaged in the backup: {name}")
    return data, media


def _compare(expected: dict[str, Any]) -> list[str]:
    actual = table_checksums()
    problems = []
    for label in sorted(set(expected) | set(actual)):
        want, got = expected.get(label), actual.get(label)
        if want != got:
            problems.append(f"{label}: backup {want}, restored {got}")
    return problems


def _swap_media(media: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    old = root.with_name(f".{root.name}-old-{uuid.uuid4().hex[:8]}")
    if root.exists():
        root.rename(old)
    shutil.move(str(media), str(root))
    shutil.rmtree(old, ignore_errors=True)


def backup_restore(*, path: Path) -> dict[str, Any]:
    """Replace every table and the uploaded files with the backup at ``path``; returns its
    manifest. ``BackupError`` (nothing changed) when it is damaged or does not restore to
    what it holds."""
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=".restore-") as scratch:
        try:
            with tarfile.open(path, mode="r:gz") as archive:
                manifest = _read_manifest(archive)
                data, media = _unpack(archive, manifest, Path(scratch))
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise BackupError(f"cannot read the backup: {exc}") from exc
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(data), verbosity=0)
            problems = _compare(manifest["tables"])
            if problems:
                raise BackupError("the restored data differ from the backup; nothing restored:\n"
                                  + "\n".join(problems))
        _swap_media(media)
    return manifest


def legacy_restore(*, path: Path) -> None:
    """A backup of the first format (``.json`` or ``.json.gz``: the data only, no checksums)."""
    with tempfile.TemporaryDirectory() as scratch:
        data = path
        if path.suffix == ".gz":
            data = Path(scratch) / "data.json"
            with gzip.open(path, "rb") as packed, data.open("wb") as plain:
                shutil.copyfileobj(packed, plain, 1 << 20)
            os.chmod(data, 0o600)  # the decompressed copy holds every password hash
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(data), verbosity=0)
