from django.urls import path

from . import carry_views, draft_views, unit_views
from . import plan_views as views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("plans/<int:pk>/", views.plan_detail, name="detail"),
    path("plans/<int:pk>/state/", views.plan_state, name="state"),
    path("plans/<int:pk>/edit/", draft_views.plan_edit, name="edit"),
    path("plans/<int:pk>/carryover/", carry_views.carry_over, name="carry_over"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("units/", unit_views.directory, name="units"),
    path("units/merges/", unit_views.merge, name="unit_merge"),
    path("units/merges/<int:pk>/", unit_views.unmerge, name="unit_unmerge"),
    path("search/", views.search, name="search"),
]
