"""Moved to ``kehoach.testing.factories`` (outside the core layer); kept for the tests that still
import it from here. New code imports ``kehoach.testing.factories``."""

from kehoach.testing.factories import *  # noqa: F403
