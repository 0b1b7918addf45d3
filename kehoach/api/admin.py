"""admin of the api app."""
