"""views of the intake app."""
