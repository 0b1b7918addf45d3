"""``/api/v1/``: every app's endpoints, the OpenAPI schema and its browsable page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerView

from kehoach.api import apis
from kehoach.api.schema import SchemaView

urlpatterns = [
    path("", apis.ApiRoot.as_view(), name="api-root"),
    path("openapi.json", SchemaView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
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
]
