"""The indicators exchange file is written by the shared writer (``core.exchange.writer``)."""

from kehoach.core.exchange.writer import FORMATS, table_bytes

__all__ = ["FORMATS", "table_bytes"]
