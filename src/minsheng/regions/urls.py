from django.urls import path

from . import views, year_views

app_name = "regions"
urlpatterns = [
    path("jurisdictions/", views.jurisdiction_list, name="list"),
    path("jurisdictions/<int:pk>/rollup/", views.rollup_page, name="rollup"),
    path("progress/tasks/<int:pk>/allot/", views.allot_page, name="allot"),
    path("plans/<int:pk>/upper/", views.upper_page, name="upper"),
    path("plans/<int:pk>/years/", year_views.years_page, name="years"),
    path("units/<int:pk>/record/", year_views.unit_record, name="unit_record"),
    path("progress/tasks/<int:pk>/history/", year_views.task_history_page, name="task_history"),
]
