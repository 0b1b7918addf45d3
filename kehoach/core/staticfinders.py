"""Serve from ``node_modules`` only the front-end files the pages use (``KEHOACH_VENDOR_FILES``),
under ``static/vendor/<package>/<file>``; the rest of ``node_modules`` is never served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor"
VendorFiles = dict[str, list[str]]  # package -> files inside it


class VendorFinder(BaseFinder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.root = Path(settings.NODE_MODULES)
        self.files: VendorFiles = settings.KEHOACH_VENDOR_FILES

    def _storage(self, package: str) -> FileSystemStorage:
        storage = FileSystemStorage(location=self.root / package)
        storage.prefix = f"{PREFIX}/{package}"  # type: ignore[attr-defined]
        return storage

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:  # type: ignore[override]
        paths = [
            str(self.root / package / name)
            for package, names in self.files.items()
            for name in names
            if path == f"{PREFIX}/{package}/{name}"
        ]
        if find_all or kwargs.get("all"):
            return paths
        return paths[0] if paths else []

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for package, names in self.files.items():
            storage = self._storage(package)
            for name in names:
                if storage.exists(name):
                    yield name, storage

    def check(self, **kwargs: Any) -> Any:
        return []
