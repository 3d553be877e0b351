"""The demo's report: drafted, with edited sections, chosen quotes and recommendations, published once, then
edited again (so the public page and the draft differ, as they will in real use)."""

from __future__ import annotations

from heard.accounts.models import User
from heard.engagement.models import Project
from heard.partners.models import Organisation
from heard.privacy.outputs import quotable_answers
from heard.reporting import actions, render
from heard.reporting.models import ReportRecommendation, SectionKind

SUMMARY = [
    "Between spring and autumn 2026, eight community partners listened to residents of Islington and Hackney "
    "about health and care. This report gives each community its own section, in its own words.",
    "Residents told us that getting an appointment, being understood and being treated with respect matter most. "
    "Many had no interpreter when they needed one.",
]
SUMMARY_EDITED = SUMMARY[0] + "\n\n" + SUMMARY[1] + " Their suggestions are simple and cheap to put right."
AFTER_PUBLISHING = SUMMARY_EDITED + "\n\nWe are adding what partners said at the October steering meeting."
COMMUNITY_WORDS = (
    "Residents from this community told us about long waits and about staff who listened. Their words below were "
    "chosen with the partner who heard them."
)
RECOMMENDATIONS = [
    (
        "two-boroughs-icb",
        "Offer an interpreter at every GP appointment",
        "Residents who speak little English told us they bring children to interpret. Book interpreters when the "
        "appointment is made, and say so in the reminder.",
        "high",
    ),
    (
        "islington-council-public-health",
        "Give Deaf residents a way to book without a phone",
        "Deaf BSL users cannot use phone booking lines. Offer text, e-mail and video relay booking everywhere.",
        "medium",
    ),
]


def build_demo_report(project: Project) -> dict[str, int]:
    staff = User.objects.filter(role="host_staff").order_by("pk").first()
    assert staff is not None
    report = actions.start_report(actor=staff, project=project, title="What we heard: Diverse Communities Health Voice")
    sections = {(s.kind, s.community_id): s for s in report.sections.all()}
    summary = sections[(SectionKind.SUMMARY, None)]
    actions.save_narrative(actor=staff, section=summary, text="\n\n".join(SUMMARY))
    actions.save_narrative(actor=staff, section=summary, text=SUMMARY_EDITED)
    actions.save_narrative(
        actor=staff,
        section=sections[(SectionKind.NEXT_STEPS, None)],
        text="We will send each recommendation to the organisation it is for, and ask for an answer within 20 "
        "working days.\n\nWe will publish what they say, and come back to each community in spring 2027.",
    )
    quotable = quotable_answers(None, project)  # words the partners' agreements let the host publish
    chosen = 0
    for (kind, community_id), section in sorted(sections.items(), key=lambda item: item[1].position):
        if kind != SectionKind.COMMUNITY or community_id is None:
            continue
        answers = list(quotable.filter(experience__community_id=community_id).order_by("pk")[:3])
        if not answers:
            continue
        actions.save_narrative(actor=staff, section=section, text=COMMUNITY_WORDS)
        for answer in answers:
            actions.choose_quote(actor=staff, section=section, answer=answer)
            chosen += 1
    for slug, title, text, priority in RECOMMENDATIONS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        actions.save_recommendation(
            actor=staff,
            recommendation=ReportRecommendation(
                report=report, title=title, text=text, addressed_to=organisation, priority=priority
            ),
            communities=list(project.communities.all()[:2]),
        )
    documents, findings = render.public_snapshot(report)
    actions.publish(actor=staff, report=report, documents=documents, findings=findings)
    actions.save_narrative(actor=staff, section=summary, text=AFTER_PUBLISHING)
    return {"report sections": len(sections), "quotes chosen": chosen, "published versions": 1}
