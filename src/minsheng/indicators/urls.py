from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("plans/<int:pk>/targets/", views.plan_targets, name="plan_targets"),
    path("tasks/<int:pk>/targets/", views.target_add, name="add"),
    path("tasks/<int:pk>/targets/reextract/", views.targets_reextract, name="reextract"),
    path("targets/<int:pk>/", views.target_edit, name="edit"),
    path("targets/<int:pk>/delete/", views.target_delete, name="delete"),
]
