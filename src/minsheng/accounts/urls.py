from django.urls import path

from . import lockout_views, views

app_name = "accounts"
urlpatterns = [
    path("accounts/home/", views.home, name="home"),
    path("accounts/invites/new/", views.invite_new, name="invite"),
    path("accounts/invite/<str:token>/", views.invite_accept, name="accept"),
    path("accounts/locked/", lockout_views.locked_list, name="locked"),
]
