"""views of the reporting app."""
