"""``/api/v1/``: every app's endpoints, the OpenAPI schema and its browsable page."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView

from kehoach.api import apis
from kehoach.api.schema import SchemaView

urlpatterns = [
    path("", apis.ApiRoot.as_view(), name="api-root"),
    path("openapi.json", SchemaView.as_view(), name="api-schema"),
    # The split view serves its start script as a file (Content-Security-Policy: no inline
    # script); its template keeps a small <style> block, so this page alone allows inline styles.
    path("docs/", csp_update({"style-src": ["'unsafe-inline'"]})(
        SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("token/", apis.TokenView.as_view(), name="api-token"),
    path("", include("kehoach.units.api_urls")),
    path("", include("kehoach.indicators.api_urls")),
    path("", include("kehoach.plans.api_urls")),
    path("", include("kehoach.values.api_urls")),
    path("", include("kehoach.reporting.api_urls")),
    path("", include("kehoach.evaluation.api_urls")),
    path("", include("kehoach.documents.api_urls")),
    path("", include("kehoach.consultation.api_urls")),
    path("", include("kehoach.intake.api_urls")),
    path("", include("kehoach.tasks.api_urls")),
    path("", include("kehoach.projects.api_urls")),
    path("", include("kehoach.dashboard.api_urls")),
]
