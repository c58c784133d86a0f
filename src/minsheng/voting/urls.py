from django.urls import path

from . import deputy_views, office_views, public_views

app_name = "voting"
urlpatterns = [
    # public
    path("propose/", public_views.propose, name="propose"),
    path("propose/status/", public_views.proposal_status, name="proposal_status"),
    path("public/votes/<int:pk>/", public_views.vote_result, name="vote_result"),
    path("public/ratings/<int:pk>/", public_views.rating_result, name="rating_result"),
    # deputies
    path("deputy/", deputy_views.home, name="deputy"),
    path("deputy/votes/<int:pk>/", deputy_views.vote, name="vote"),
    path("deputy/votes/<int:pk>/ballot/", deputy_views.ballot, name="ballot"),
    path("deputy/ratings/<int:pk>/", deputy_views.rate, name="rate"),
    # the office
    path("voting/proposals/", office_views.proposal_list, name="proposals"),
    path("voting/proposals/<int:pk>/", office_views.proposal_detail, name="proposal"),
    path("voting/", office_views.session_list, name="sessions"),
    path("voting/<int:pk>/", office_views.session_detail, name="session"),
    path("voting/<int:pk>/turnout/", office_views.session_turnout, name="turnout"),
    path("voting/<int:pk>/roster/", office_views.session_roster, name="roster"),
    path("voting/<int:pk>/passwords/", office_views.session_passwords, name="passwords"),
    path("voting/<int:pk>/<str:step>/", office_views.session_step, name="step"),
    path("ratings/new/", office_views.rating_new, name="rating_new"),
    path("ratings/<int:pk>/", office_views.rating_detail, name="rating"),
]
