"""views of the tasks app."""
