from django.urls import path

from ..plans import member_views
from ..regions import lockout_views

app_name = "accounts"
urlpatterns = [
    path("accounts/home/", member_views.home, name="home"),
    path("accounts/invites/new/", member_views.invite_new, name="invite"),
    path("accounts/invite/<str:token>/", member_views.invite_accept, name="accept"),
    path("accounts/locked/", lockout_views.locked_list, name="locked"),
]
