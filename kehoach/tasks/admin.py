"""admin of the tasks app."""
