"""admin of the intake app."""
