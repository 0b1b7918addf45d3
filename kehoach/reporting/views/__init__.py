"""Pages of the reporting app: rounds, the submission grid, completeness."""
