from django.urls import path

from . import letterhead_views, public_views, views

app_name = "reports"
urlpatterns = [
    path("plans/<int:pk>/task-table.<str:fmt>", views.task_table, name="task_table"),
    path("plans/<int:pk>/bulletin/", views.bulletin, name="bulletin"),
    path("plans/<int:pk>/units/<int:unit_pk>/supervision.docx", views.supervision_notice, name="supervision"),
    path("settings/letterhead/", letterhead_views.letterhead, name="letterhead"),
    path("public/", public_views.index, name="public_index"),
    path("public/plans/<int:pk>/", public_views.plan_page, name="public_plan"),
    path("public/plans/<int:pk>/print/", public_views.plan_print, name="public_print"),
    path("public/plans/<int:pk>/progress.xlsx", public_views.plan_xlsx, name="public_xlsx"),
    path("public/projects/<int:pk>/", public_views.project_page, name="public_project"),
]
