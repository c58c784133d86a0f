from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from ..api.api import api

urlpatterns = [
    # First the two that come all at once (a session's ballots, the deadline's filings through the
    # API): Django tries the patterns in order, and after some 70 others a ballot's address cost
    # ≈0.3 ms of CPU to resolve. No other pattern matches their addresses (tests/test_url_order.py).
    path("", include("minsheng.voting.urls")),
    path("api/", api.urls),
    path("", include("minsheng.progress.plan_urls")),
    path("", include("minsheng.documents.urls")),
    path("", include("minsheng.indicators.urls")),
    path("", include("minsheng.progress.urls")),
    path("", include("minsheng.config.account_urls")),
    path("", include("minsheng.reports.urls")),
    path("", include("minsheng.regions.urls")),
    path("", include("minsheng.api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page says: the site's own icon, served locally.
    path("favicon.ico", RedirectView.as_view(url=static("minsheng/favicon.ico"), permanent=True)),
]

# Uploaded files (MEDIA_ROOT) are never served as static files, in any mode: they leave
# only through views that check access (evidence, notices, imports).
