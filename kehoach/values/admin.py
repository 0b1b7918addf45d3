"""admin of the values app."""
