"""apis of the tasks app."""
