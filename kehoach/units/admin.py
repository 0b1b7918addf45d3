"""admin of the units app."""
