from django.urls import path

from .views import boards, inspections, meeting_actions, meetings, packs, risks

app_name = "governance"

urlpatterns = [
    path("", boards.index, name="index"),
    path("boards/", boards.board_list, name="boards"),
    path("boards/new/", boards.board_create, name="board_create"),
    path("boards/<int:pk>/", boards.board_detail, name="board"),
    path("boards/<int:pk>/members/new/", boards.board_member_add, name="board_member_add"),
    path("boards/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/actions/", meeting_actions.meeting_action_list, name="meeting_actions"),
    path(
        "meetings/actions/<int:pk>/close/",
        meeting_actions.meeting_action_close,
        name="meeting_action_close",
    ),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/new/", meetings.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:pk>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/decisions/new/", meetings.decision_add, name="decision_add"),
    path(
        "meetings/<int:pk>/actions/new/",
        meeting_actions.meeting_action_add,
        name="meeting_action_add",
    ),
    path("meetings/<int:pk>/pack/", packs.meeting_pack, name="meeting_pack"),
    path("meetings/<int:pk>/pack/download/", packs.meeting_pack_pdf, name="meeting_pack_pdf"),
    path("risks/", risks.risk_list, name="risks"),
    path("risks/new/", risks.risk_form, name="risk_create"),
    path("risks/<int:pk>/", risks.risk_detail, name="risk"),
    path("risks/<int:pk>/edit/", risks.risk_form, name="risk_edit"),
    path("inspections/", inspections.inspection_list, name="inspections"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/intervention/", inspections.intervention_set, name="intervention_set"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection"),
    path(
        "inspections/<int:pk>/recommendations/new/",
        inspections.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "inspections/recommendations/<int:pk>/status/",
        inspections.recommendation_progress_add,
        name="recommendation_progress_add",
    ),
]
