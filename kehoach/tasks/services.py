"""services of the tasks app."""
