"""DHIS2 interchange (interfaces.md §2.1): data value sets in (JSON, XML/DXF2, CSV, ADX) and out,
through a mapping of DHIS2 data elements, org units and category option combos to kehoach."""
