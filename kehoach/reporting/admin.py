"""admin of the reporting app."""
