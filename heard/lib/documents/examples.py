"""Example documents: what each block looks like in every format, for tests, benchmarks and the docs.

Made-up figures and words; nothing here comes from a resident.
"""

from __future__ import annotations

from datetime import date

from heard.lib.documents.model import (
    BulletList,
    Chart,
    ChartSpec,
    Document,
    EasyReadPoint,
    Paragraph,
    Quote,
    Section,
    Series,
    Table,
)

COMMUNITIES = ["Somali", "Bengali", "Turkish and Kurdish", "Eritrean", "Polish", "Chinese"]
COUNTS: list[float | None] = [212, 154, 97, 41, None, 23]


def who_we_heard_from() -> Chart:
    spec = ChartSpec(
        kind="bar",
        title="Who we heard from",
        categories=COMMUNITIES,
        series=[Series("Residents", COUNTS)],
        alt="Most of the 527 residents we heard from were Somali (212) or Bengali (154); the fewest were Chinese "
        "(23). The Polish figure is under 5 and not shown.",
        x_label="Residents",
        note="Counts under 5 are not shown, so that no one can be recognised.",
    )
    return Chart(spec=spec)


def themes_by_community() -> Chart:
    spec = ChartSpec(
        kind="grouped_bar",
        title="What mattered most, by community",
        categories=["Getting a GP appointment", "Interpreters", "Mental health", "Cost of living"],
        series=[
            Series("Somali", [48, 30, 22, 35]),
            Series("Bengali", [41, 37, 12, None]),
            Series("Eritrean", [19, 25, 9, 14]),
        ],
        alt="Getting a GP appointment mattered most to Somali (48%) and Bengali (41%) residents; interpreters "
        "mattered most to Bengali residents (37%).",
        unit="percent",
        note="Percentages of each community's residents; one figure is under 5 residents and not shown.",
    )
    return Chart(spec=spec)


def section(n: int) -> Section:
    """One ordinary section: words, a list, a quote, a table and a chart."""
    pairs = zip(COMMUNITIES, COUNTS, strict=True)
    rows = [[name, str(int(count)) if count is not None else "<5"] for name, count in pairs]
    return Section(
        heading=f"What we heard, part {n}",
        blocks=[
            Paragraph(
                "We listened to residents in community centres, mosques, libraries and on the phone, in nine "
                "languages. Partners held the conversations and wrote down what people said in their own words.",
                style="lead",
            ),
            Paragraph(
                "Most people told us that getting an appointment is the hardest part of seeing a doctor. Many said "
                "they would like an interpreter who speaks their language, and to be asked what they think before "
                "services change."
            ),
            BulletList(["Longer appointments for people who need an interpreter", "Letters in plain words"]),
            Quote(
                "I phone at eight every morning and by ten past there is nothing left.",
                attribution="A resident from the Somali community",
            ),
            Quote("أريد أن يفهمني الطبيب", attribution="A resident from the Arabic-speaking community", language="ar"),
            Table(
                caption="Residents we heard from, by community",
                header=["Community", "Residents"],
                rows=rows,
                numeric_columns=frozenset({1}),
                note="Counts under 5 are shown as <5.",
            ),
            themes_by_community() if n % 2 else who_we_heard_from(),
        ],
        subsections=[
            Section(
                heading="What people suggested",
                blocks=[Paragraph("Residents suggested a weekly drop-in session with an interpreter present.")],
            )
        ],
    )


def example_document(sections: int = 3, *, footer: str = "") -> Document:
    return Document(
        title="What residents told us about GP services",
        subtitle="A report for the health and care partnership",
        author="Healthwatch Example",
        published=date(2026, 11, 30),
        sections=[section(n + 1) for n in range(sections)],
        footer=footer,
    )


def easy_read_document() -> Document:
    return Document(
        title="What you told us about seeing a doctor",
        easy_read=True,
        sections=[
            Section(
                heading="What we did",
                blocks=[
                    EasyReadPoint("We talked to 527 people who live here.", icon="people_talking"),
                    EasyReadPoint("We listened to what they said about doctors.", icon="listening"),
                    EasyReadPoint("We talked in 9 languages.", icon="language"),
                ],
            ),
            Section(
                heading="What you told us",
                blocks=[
                    EasyReadPoint("It is hard to get an appointment with a doctor.", icon="doctor"),
                    EasyReadPoint("You want help from someone who speaks your language.", icon="language"),
                    EasyReadPoint("Letters are hard to understand.", icon="letter"),
                ],
            ),
            Section(
                heading="What happens next",
                blocks=[
                    EasyReadPoint("We will tell the people who run the doctors' surgeries.", icon="hospital"),
                    EasyReadPoint("We will write to you in March.", icon="calendar"),
                    EasyReadPoint("Anything else you want to tell us is welcome."),
                ],
            ),
        ],
    )


def many_scripts_document() -> Document:
    """Words in every script the residents' pages are offered in, right to left."""
    return Document(
        title="ما سمعناه من السكان",
        language="ar",
        direction="rtl",
        sections=[
            Section(
                heading="كلمات السكان",
                blocks=[
                    Paragraph("نريد مترجمًا عند زيارة الطبيب."),
                    Quote("ডাক্তারের সাথে কথা বলতে আমার একজন দোভাষী দরকার।", language="bn"),
                    Quote("ሓኪም ንምርካብ ኣዝዩ ከቢድ እዩ።", language="ti"),
                    Quote("ሐኪም ለማግኘት በጣም ከባድ ነው።", language="am"),
                    Quote("我需要一位会说我的语言的医生。", language="zh-Hans"),
                    Quote("ما به مترجم نیاز داریم.", language="fa"),
                    Quote("ہمیں ترجمان کی ضرورت ہے۔", language="ur"),
                    Quote("Mo nílò ògbufọ̀ nígbà tí mo bá lọ sí ọ̀dọ̀ dókítà.", language="yo"),
                    Quote("Mehia ɔkyerɛaseni bi wɔ ayaresabea.", language="tw"),
                    Quote("Doktora gitmek için tercümana ihtiyacım var.", language="tr"),
                    Quote("Potrzebuję tłumacza. Kam nevojë për përkthyes.", language="pl"),
                    Quote("Waxaan u baahanahay turjubaan. Necesito un intérprete.", language="so"),
                    Quote("Am nevoie de interpret. Ez hewceyê wergêr im. Preciso de um intérprete.", language="ro"),
                ],
            )
        ],
    )
