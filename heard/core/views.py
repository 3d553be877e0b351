from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from heard.core.auditlabels import plain_kind
from heard.core.models import AuditEvent, AuditVerb
from heard.core.paging import paginate


def home(request: HttpRequest) -> HttpResponse:
    return redirect("engagement:project-list")


def audit_timeline(request: HttpRequest) -> HttpResponse:
    """Every audited change, newest first, for host admins."""
    if not getattr(request.user, "is_host_admin", False):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor")
    verb = request.GET.get("verb", "")
    if verb in AuditVerb.values:
        events = events.filter(verb=verb)
    target_type = request.GET.get("type", "")
    if target_type:
        events = events.filter(target_type=target_type)
    actor = request.GET.get("actor", "").strip()
    if actor:
        events = events.filter(
            Q(actor_label__icontains=actor)
            | Q(actor__first_name__icontains=actor)
            | Q(actor__last_name__icontains=actor)
        )
    types = AuditEvent.objects.order_by().values_list("target_type", flat=True).distinct()
    return render(
        request,
        "core/audit_timeline.html",
        {
            "page": paginate(request, events),
            "verbs": AuditVerb.choices,
            "types": sorted(((t, plain_kind(t)) for t in set(types)), key=lambda pair: pair[1]),
            "filters": {"verb": verb, "type": target_type, "actor": actor},
            "section": "",
        },
    )


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For the proxy and monitoring: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
