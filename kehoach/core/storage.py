"""Static files storage: hashed names and compressed copies (whitenoise) for far-future caching,
and pages that still render when ``collectstatic`` has not been run (no manifest, or a file added
since): the plain name is used then, served by whitenoise from the finders."""

from __future__ import annotations

import logging
from typing import Any

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def create_compressor(self, **kwargs: Any) -> Compressor:
        # gzip only: brotli at its best quality made collectstatic take minutes on 2 cores.
        return Compressor(use_brotli=False, **kwargs)

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            logger.debug("static file %s is not collected (run collectstatic)", name)
            return name
