"""views of the api app."""
