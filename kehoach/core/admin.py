"""admin of the core app."""
