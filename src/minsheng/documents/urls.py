from django.urls import path

from . import mapping_views, scan_views, teach_views, views

app_name = "documents"
urlpatterns = [
    path("imports/new/", views.upload, name="upload"),
    path("imports/<str:token>/", views.preview, name="preview"),
    path("imports/<str:token>/confirm/", views.confirm, name="confirm"),
    path("imports/<str:token>/columns/", mapping_views.columns, name="columns"),
    path("imports/<str:token>/teach/", teach_views.teach, name="teach"),
    path("imports/<str:token>/unremember/", teach_views.unremember, name="unremember"),
    path("import-jobs/<uuid:pk>/", views.job, name="job"),
    path("imports/<str:token>/pages/<int:number>/", scan_views.page, name="scan_page"),
    path("imports/<str:token>/cells/", scan_views.cell, name="scan_cell"),
]
