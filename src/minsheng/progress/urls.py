from django.urls import path

from . import bulletin_views, dashboard_views, paste_views, todo_views, views, workbook_views
from .channels import address_views

app_name = "progress"
urlpatterns = [
    path("progress/tasks/<int:pk>/", views.task_progress, name="task"),
    path("progress/tasks/<int:pk>/report/", views.report_file, name="report"),
    path("progress/tasks/<int:pk>/notes/", views.note_add, name="note"),
    path("progress/tasks/<int:pk>/read-progress/", paste_views.read_progress, name="read_progress"),
    path("progress/tasks/<int:pk>/schedule/", views.task_schedule, name="schedule"),
    path("progress/tasks/<int:pk>/forecast-review/", views.forecast_mark, name="forecast_review"),
    path("progress/reports/<int:pk>/review/", views.report_review, name="review"),
    path("progress/evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("plans/<int:pk>/dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("plans/<int:pk>/board/", dashboard_views.board_list, name="board"),
    path("plans/<int:pk>/supervision/", dashboard_views.plan_settings, name="settings"),
    path("plans/<int:pk>/remind/", dashboard_views.remind_now, name="remind"),
    path("plans/<int:pk>/units/<int:unit_pk>/template.xlsx", workbook_views.template_download, name="template"),
    path("plans/<int:pk>/workbook/", workbook_views.workbook_upload, name="workbook"),
    path("plans/<int:pk>/workbook/confirm/", workbook_views.workbook_confirm, name="workbook_confirm"),
    path("plans/<int:pk>/bulletin-upload/", bulletin_views.bulletin_upload, name="bulletin"),
    path("plans/<int:pk>/bulletin-upload/confirm/", bulletin_views.bulletin_confirm, name="bulletin_confirm"),
    path("my/", dashboard_views.my_dashboard, name="mine"),
    path("todo/", todo_views.todo_page, name="todo"),
    path("reviews/", todo_views.review_queue, name="queue"),
    path("reviews/<int:pk>/", todo_views.review_in_queue, name="queue_review"),
    path("reviews/batch/", todo_views.review_batch, name="review_batch"),
    path("notices/<int:pk>/document/", dashboard_views.notice_document, name="notice_document"),
    path("units/<int:pk>/addresses/", address_views.unit_addresses, name="unit_addresses"),
]
