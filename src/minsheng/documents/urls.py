from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("imports/new/", views.upload, name="upload"),
    path("imports/<str:token>/", views.preview, name="preview"),
    path("imports/<str:token>/confirm/", views.confirm, name="confirm"),
]
