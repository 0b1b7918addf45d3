"""models of the api app."""
