"""The Excel round trip of a unit's form (openpyxl)."""

from kehoach.reporting.excel.export import export_form
from kehoach.reporting.excel.importer import CellError, FormRejected, import_form

__all__ = ["export_form", "import_form", "FormRejected", "CellError"]
