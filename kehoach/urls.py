from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy

from kehoach.api import views as api_views
from kehoach.core import views as core_views
from kehoach.core.signin import AdminSignInForm, SignInForm

admin.site.site_header = "kehoach"
admin.site.login_form = AdminSignInForm
admin.site.site_title = gettext_lazy("Quản trị kehoach")
admin.site.index_title = gettext_lazy("Quản trị hệ thống")

urlpatterns = [
    path("", include("kehoach.dashboard.urls")),
    path("tai-khoan/", core_views.account, name="account"),
    path("tai-khoan/token-api/", api_views.api_token, name="api-token-page"),
    path("health/", core_views.health, name="health"),
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(success_url="/tai-khoan/"),
        name="password_change",
    ),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("quan-tri/", admin.site.urls),
    path("don-vi/", include("kehoach.units.urls")),
    path("chi-tieu/", include("kehoach.indicators.urls")),
    path("ke-hoach/", include("kehoach.plans.urls")),
    path("so-lieu/", include("kehoach.values.urls")),
    path("bao-cao/", include("kehoach.reporting.urls")),
    path("danh-gia/", include("kehoach.evaluation.urls")),
    path("nhiem-vu/", include("kehoach.tasks.urls")),
    path("du-an/", include("kehoach.projects.urls")),
    path("lay-y-kien/", include("kehoach.consultation.urls")),
    path("van-ban/", include("kehoach.documents.urls")),
    path("doc-chi-tieu/", include("kehoach.intake.urls")),
    path("api/v1/", include("kehoach.api.urls")),
]

handler404 = "kehoach.api.errors.page_not_found"
handler500 = "kehoach.api.errors.server_error"
