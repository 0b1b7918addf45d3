"""services of the reporting app."""
