from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("plans/<int:pk>/task-table.<str:fmt>", views.task_table, name="task_table"),
    path("plans/<int:pk>/bulletin/", views.bulletin, name="bulletin"),
]
