from django.urls import path

from . import token_views

app_name = "tokens"
urlpatterns = [
    path("integrations/tokens/", token_views.token_list, name="list"),
    path("integrations/tokens/<int:pk>/revoke/", token_views.token_revoke, name="revoke"),
]
