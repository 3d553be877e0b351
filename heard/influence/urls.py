from django.urls import path

from heard.influence import public, public_views, record_views, verdict_views, views, yousaid_views

app_name = "influence"
urlpatterns = [
    path("influence/", views.stage, name="stage"),
    path("projects/<slug:slug>/verdicts/", verdict_views.verdicts, name="verdicts"),
    path("projects/<slug:slug>/verdicts/new/", verdict_views.verdict_enter, name="verdict-enter"),
    path("projects/<slug:slug>/verdicts/import/", verdict_views.verdict_import, name="verdict-import"),
    path("projects/<slug:slug>/verdicts/template.xlsx", verdict_views.verdict_template, name="verdict-template"),
    path("verdict/<str:token>/", public_views.verdict_public, name="verdict-public"),
    path("verdict/<str:token>/thanks/", public_views.verdict_thanks, name="verdict-thanks"),
    path("you-said-we-did/<slug:slug>/", yousaid_views.you_said, name="you-said"),
    path("you-said-we-did/<slug:slug>/<slug:community>/", yousaid_views.you_said_community, name="you-said-community"),
    path(
        "you-said-we-did/<slug:slug>/<slug:community>/sheet.pdf",
        yousaid_views.you_said_sheet,
        name="you-said-sheet",
    ),
    path("influence/new/", views.create, name="create"),
    path("influence/<int:pk>/", views.recommendation, name="recommendation"),
    path("influence/<int:pk>/edit/", views.edit, name="edit"),
    path("influence/<int:pk>/send/", views.send, name="send"),
    path("influence/<int:pk>/new-link/", views.new_link, name="new-link"),
    path("influence/<int:pk>/response/", record_views.record_response, name="record-response"),
    path("influence/<int:pk>/regulator/", views.regulator, name="regulator"),
    path("influence/links/<int:pk>/revoke/", views.revoke, name="revoke-link"),
    path("influence/export.<str:fmt>", views.export, name="export"),
    path("influence/update/", views.bulk_update, name="bulk-update"),
    path("influence/board-pack/", views.board_pack, name="board-pack"),
    path("influence/board-pack.<str:fmt>", views.board_pack_file, name="board-pack-file"),
    path("respond/<str:token>/", public.respond, name="respond"),
    path("respond/<str:token>/progress/", public.progress, name="progress"),
]
