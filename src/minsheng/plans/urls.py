from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("plans/<int:pk>/", views.plan_detail, name="detail"),
    path("plans/<int:pk>/state/", views.plan_state, name="state"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("search/", views.search, name="search"),
]
