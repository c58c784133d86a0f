from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("accounts/home/", views.home, name="home"),
    path("accounts/invites/new/", views.invite_new, name="invite"),
    path("accounts/invite/<str:token>/", views.invite_accept, name="accept"),
]
