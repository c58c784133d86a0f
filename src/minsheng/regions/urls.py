from django.urls import path

from . import staff_views, views, year_views

app_name = "regions"
urlpatterns = [
    path("jurisdictions/", views.jurisdiction_list, name="list"),
    path("jurisdictions/<int:pk>/rollup/", views.rollup_page, name="rollup"),
    path("progress/tasks/<int:pk>/allot/", views.allot_page, name="allot"),
    path("plans/<int:pk>/upper/", views.upper_page, name="upper"),
    path("plans/<int:pk>/years/", year_views.years_page, name="years"),
    path("units/<int:pk>/record/", year_views.unit_record, name="unit_record"),
    path("progress/tasks/<int:pk>/history/", year_views.task_history_page, name="task_history"),
    path("office/accounts/", staff_views.account_list, name="staff_list"),
    path("office/accounts/new/", staff_views.account_new, name="staff_new"),
    path("office/accounts/<int:pk>/deactivate/", staff_views.account_deactivate, name="staff_deactivate"),
    path("office/accounts/<int:pk>/password/", staff_views.account_password, name="staff_password"),
    path("office/jurisdictions/", staff_views.jurisdiction_new, name="staff_jurisdiction"),
]
