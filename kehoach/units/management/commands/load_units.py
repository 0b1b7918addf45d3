"""``kehoach load_units``: the official lists of units, old and new, with successor links.

See ``kehoach.units.official`` for the sources and for how successor shares are approximated:
an old district's share in a new commune = (old communes of the district that went into that
new commune, an old commune split between k new communes counting 1/k) / (old communes of the
district). Re-running creates nothing new.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kehoach.units.official import units_load_official


class Command(BaseCommand):
    help = "Load the 34 provinces and 3,321 communes (from 1/7/2025) and the 63 provinces and " \
           "their districts (until 30/6/2025) with successor links."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = units_load_official()
        self.stdout.write(
            "units: created {units_created}, updated {units_updated}, unchanged {units_unchanged}; "
            "successor links: created {links_created}, updated {links_updated}, "
            "unchanged {links_unchanged}".format(**counts)
            + ("" if counts["units_created"] + counts["units_updated"] + counts["links_created"]
               + counts["links_updated"] else " — nothing changed")
        )
