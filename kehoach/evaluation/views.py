"""views of the evaluation app."""
