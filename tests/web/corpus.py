"""A small United States–China workspace whose facts are stated by hand, so every number the web app shows
is known. The sentences are written for these tests and state real, public events; one more document is
hostile: its text carries markup and script that the app must show as text."""
from __future__ import annotations

from bilat.model import Actor, Agreement, Document, Evidence, Event, Figure, Forecast, Person, Stance
from bilat.store import Workspace
from tests.conftest import evidence_at as ev, make_event  # noqa: F401  (ev: used by the fact builders)

BACKGROUND = [
    "Relations between Washington and Beijing have swung between engagement and rivalry since the two "
    "countries established diplomatic relations on 1 January 1979.",
    "Trade grew quickly after China joined the World Trade Organization in December 2001, and by the late "
    "2010s the United States bought more goods from China than from any other country.",
    "In 2018 and 2019 the two governments raised tariffs on hundreds of billions of dollars of each other's "
    "goods, and the Phase One trade deal of January 2020 paused that escalation without reversing it.",
    "Taiwan, technology and the South China Sea have remained the main points of friction, while climate "
    "change has been one of the few fields in which both sides describe cooperation as necessary.",
    "Leaders' meetings have therefore been watched less for breakthroughs than for whether channels of "
    "communication stay open.",
] * 3

LINES = [
    "Presidents Joe Biden and Xi Jinping met in Bali on 14 November 2022, their first in-person meeting as leaders.",
    "China's foreign ministry condemned the visit of House Speaker Nancy Pelosi to Taipei on 2 August 2022.",
    "On 5 August 2022 Beijing suspended its climate talks with Washington.",
    "On 7 October 2022 the US Commerce Department imposed sweeping export controls on advanced computing chips "
    "and chipmaking equipment for China.",
    "China's commerce ministry opposed the export controls on advanced chips.",
    "Washington defended the export controls on advanced chips as a matter of national security.",
    "On 15 November 2023 Biden and Xi met at the Filoli estate near San Francisco and agreed to resume "
    "military-to-military communication.",
    "Both governments support the Paris Agreement, as the Sunnylands Statement on climate of 14 November 2023 restated.",
    "Japanese Prime Minister Fumio Kishida met Xi Jinping in San Francisco on 16 November 2023.",
    "US imports of goods from China fell from 536.3 billion dollars in 2022 to 427.2 billion dollars in 2023.",
    "Analysts expect the chip export controls to be tightened further in 2024.",
]
TEXT_A = "\n\n".join(BACKGROUND[:8] + LINES[:4] + BACKGROUND[8:] + LINES[4:]) + "\n"

HOSTILE_LINE = ("A post shared online, <script>alert(1)</script>, claimed that Secretary of State Antony Blinken "
                "visited Beijing on 18 June 2023.")
TEXT_B = (HOSTILE_LINE + "\n\nIt also carried an image tag <img src=x onerror=alert(1)> and a link "
          '<a href="javascript:alert(1)">javascript:alert(1)</a> that must stay text.\n')

USA = Actor("United States", "USA", None, "USA", "state")
CHN = Actor("China", "CHN", None, "CHN", "state")
USA_GOV = Actor("Washington", "USA", None, "USAGOV", "government")
CHN_GOV = Actor("Beijing", "CHN", None, "CHNGOV", "government")
JPN_GOV = Actor("Fumio Kishida", "JPN", None, "JPNGOV", "government")


def event(text, words, source, target, cameo, quad, goldstein, date):
    return make_event(text, words, source, target, cameo, quad, goldstein, date, confidence=0.9)


def facts_a() -> list:
    a, line = TEXT_A, LINES
    return [
        event(a, line[0], USA_GOV, CHN_GOV, "040", 1, 1.0, "2022-11-14"),
        event(a, line[1], CHN_GOV, USA_GOV, "111", 3, -2.0, "2022-08-02"),
        event(a, line[2], CHN_GOV, USA_GOV, "160", 4, -4.0, "2022-08-05"),
        event(a, line[3], USA_GOV, CHN, "163", 4, -8.0, "2022-10-07"),
        event(a, line[6], USA_GOV, CHN_GOV, "040", 1, 1.0, "2023-11-15"),
        event(a, line[8], JPN_GOV, CHN_GOV, "040", 1, 1.0, "2023-11-16"),
        Agreement("agreement to resume military-to-military communication", "agreement", [USA, CHN], ["security"],
                  "2023-11-15", None, ev(a, line[6])),
        Agreement("Sunnylands Statement on climate", "joint_statement", [USA, CHN], ["climate"], "2023-11-14", None,
                  ev(a, line[7])),
        Stance([CHN_GOV], "oppose", "export controls on advanced chips", None, ev(a, line[4])),
        Stance([USA_GOV], "support", "export controls on advanced chips", None, ev(a, line[5])),
        Stance([USA, CHN], "support", "Paris Agreement", None, ev(a, line[7])),
        Figure("imports", "USA", "CHN", "2022", 536.3, "USD bn", None, None, False, ev(a, line[9])),
        Figure("imports", "USA", "CHN", "2023", 427.2, "USD bn", -20.3, "yoy", False, ev(a, line[9])),
        Person("Joe Biden", "President", "USA", ev(a, "Presidents Joe Biden")),
        Person("Nancy Pelosi", "House Speaker", "USA", ev(a, "House Speaker Nancy Pelosi")),
        Forecast(line[10], "Analysts", "2024", ev(a, line[10])),
    ]


def facts_b() -> list:
    return [event(TEXT_B, HOSTILE_LINE, USA_GOV, CHN_GOV, "042", 1, 1.9, "2023-06-18"),
            Person("Antony Blinken", "Secretary of State", "USA", ev(TEXT_B, "Secretary of State Antony Blinken"))]


def build(db: str) -> dict:
    """Store both documents; returns their ids and the forecast's text for the tests to find them by."""
    ws = Workspace(db)
    a = Document(TEXT_A, "us-china-2022-2023.txt", "txt", title="US–China relations, 2022–2023",
                 published="2023-12-01", source="bilat test corpus")
    b = Document(TEXT_B, "hostile.txt", "txt", title="<b>Hostile</b> post about Blinken", published="2023-06-20",
                 url="javascript:alert(1)")
    ws.add(a, facts_a(), "test")
    ws.add(b, facts_b(), "test")
    ws.engine.dispose()
    return {"a": a.id, "b": b.id}
