from django.urls import path

from . import presence, views

app_name = "desk"

urlpatterns = [
    path("preview/<str:token>/", views.article_preview, name="preview"),
    # The article form's heartbeat (desk.presence): who else is editing it.
    path("desk/presence/<int:article_id>/", presence.heartbeat_view, name="presence"),
]
