from django.urls import path

from . import mapping_views, views

app_name = "documents"
urlpatterns = [
    path("imports/new/", views.upload, name="upload"),
    path("imports/<str:token>/", views.preview, name="preview"),
    path("imports/<str:token>/confirm/", views.confirm, name="confirm"),
    path("imports/<str:token>/columns/", mapping_views.columns, name="columns"),
    path("import-jobs/<uuid:pk>/", views.job, name="job"),
]
