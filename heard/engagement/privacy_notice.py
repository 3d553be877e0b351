"""The privacy notice residents read before and after they tell their story, in their language: who holds their
words, why, for how long, how to take back their agreement, and whom to contact. The host's name and contacts
come from the host organisation's record (its email, phone, address and data protection officer); how long from
the project's retention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation

from heard.core import languages
from heard.engagement import public, translations
from heard.engagement.models import EntryLink
from heard.partners.models import Organisation


@login_not_required
def public_privacy(request: HttpRequest, token: str) -> HttpResponse:
    link = EntryLink.objects.select_related("partner", "project").filter(token=token).first()
    if link is None:
        raise Http404("This link is no longer in use")
    language = public._language(request, translations.offered(link.project))
    context = {
        "link": link,
        "language": language,
        "host": public.host_name(link),
        "host_organisation": Organisation.objects.host(),
        "kept_until": link.project.retention_ends_on(),
        "back": request.GET.get("from") == "thanks",
        "signed_receipt": request.GET.get("r", "") if public.receipt_from_thanks(request.GET.get("r", "")) else "",
    }
    with translation.override(languages.page_language(language)):
        return public._render(request, "engagement/public_privacy.html", context)
