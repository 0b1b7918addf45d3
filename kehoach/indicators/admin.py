"""admin of the indicators app."""
