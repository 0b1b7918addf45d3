"""Exchange files (interfaces.md §1): reading, numbers, and the all-or-nothing importer."""
