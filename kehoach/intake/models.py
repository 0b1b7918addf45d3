"""models of the intake app."""
