"""admin of the documents app."""
