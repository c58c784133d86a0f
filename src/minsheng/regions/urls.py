from django.urls import path

from . import views

app_name = "regions"
urlpatterns = [
    path("jurisdictions/", views.jurisdiction_list, name="list"),
    path("jurisdictions/<int:pk>/rollup/", views.rollup_page, name="rollup"),
    path("progress/tasks/<int:pk>/allot/", views.allot_page, name="allot"),
    path("plans/<int:pk>/upper/", views.upper_page, name="upper"),
]
