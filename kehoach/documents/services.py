"""Services of the documents app.

Generating a report writes nothing (it is a read of the evaluation), so the documents app has no
write service and no audit row; see ``kehoach.documents.reports.report_render``."""
