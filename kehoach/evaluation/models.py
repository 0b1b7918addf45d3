"""models of the evaluation app."""
