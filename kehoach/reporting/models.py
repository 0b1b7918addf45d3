"""models of the reporting app."""
