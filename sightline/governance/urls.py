from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("", views.index, name="index"),
    path("boards/", views.board_list, name="boards"),
    path("boards/new/", views.board_create, name="board_create"),
    path("boards/<int:pk>/", views.board_detail, name="board"),
    path("boards/<int:pk>/members/new/", views.board_member_add, name="board_member_add"),
    path("boards/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/actions/", views.meeting_action_list, name="meeting_actions"),
    path(
        "meetings/actions/<int:pk>/close/", views.meeting_action_close, name="meeting_action_close"
    ),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/new/", views.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/decisions/new/", views.decision_add, name="decision_add"),
    path("meetings/<int:pk>/actions/new/", views.meeting_action_add, name="meeting_action_add"),
    path("meetings/<int:pk>/pack/", views.meeting_pack, name="meeting_pack"),
    path("meetings/<int:pk>/pack/download/", views.meeting_pack_pdf, name="meeting_pack_pdf"),
    path("risks/", views.risk_list, name="risks"),
    path("risks/new/", views.risk_create, name="risk_create"),
    path("risks/<int:pk>/", views.risk_detail, name="risk"),
    path("risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
    path("inspections/", views.inspection_list, name="inspections"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/intervention/", views.intervention_set, name="intervention_set"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path(
        "inspections/<int:pk>/recommendations/new/",
        views.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "inspections/recommendations/<int:pk>/status/",
        views.recommendation_progress_add,
        name="recommendation_progress_add",
    ),
]
