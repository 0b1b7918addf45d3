"""Rendering a generated document the way a reviewer looks at it: LibreOffice to PDF (with its
own profile, so tests running side by side do not share one), page count and text, and chosen
pages as PNG under ``test-artifacts/``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice or pdftoppm is not installed",
)


class Rendered:
    """``source`` (.docx or .xlsx) converted to PDF next to it."""

    def __init__(self, source: Path) -> None:
        folder = source.parent
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
             "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
             str(source)],
            check=True, capture_output=True, timeout=180,
        )
        self.pdf = source.with_suffix(".pdf")
        self.info = subprocess.run(["pdfinfo", str(self.pdf)], capture_output=True, text=True,
                                   check=True).stdout
        self.pages = int(next(line.split()[-1] for line in self.info.splitlines()
                              if line.startswith("Pages:")))

    def page_size(self) -> tuple[float, float]:
        size = next(line for line in self.info.splitlines() if line.startswith("Page size:"))
        width, height = (float(x) for x in size.split()[2:5:2])
        return width, height

    def text(self, page: int, *, layout: bool = False) -> str:
        return subprocess.run(
            ["pdftotext", *(["-layout"] if layout else []), "-f", str(page), "-l", str(page),
             str(self.pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout

    def save_pngs(self, prefix: str, pages: dict[str, int]) -> None:
        """``test-artifacts/<prefix>-<name>.png`` for each named page, checked not blank."""
        ARTIFACTS.mkdir(exist_ok=True)
        for name, page in pages.items():
            target = ARTIFACTS / f"{prefix}-{name}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
                 str(self.pdf), str(target)],
                check=True, timeout=60,
            )
            assert target.with_suffix(".png").stat().st_size > 5000
