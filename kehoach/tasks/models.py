"""models of the tasks app."""
