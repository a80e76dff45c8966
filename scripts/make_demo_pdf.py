#!/usr/bin/env python3
"""Build the demo PDF src/bilat/demo/analysis-partnership-2025.pdf from the text kept below.

    .venv/bin/python scripts/make_demo_pdf.py

Uses fpdf2 with a core font, so the text is restricted to Latin-1 (plain hyphens, straight quotes).
The text was written for the bilat demo corpus; the author and institute are fictional.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "src" / "bilat" / "demo" / "analysis-partnership-2025.pdf"

TITLE = "A partnership on parade: Xi Jinping in Moscow, May 2025"
AUTHOR = "Lena Hartmann"
INSTITUTE = "Bilat Demo Institute for Eurasian Studies"
PUBLISHED = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.timezone.utc)

# Each block: ("h", heading) or ("p", paragraph) or ("li", list item) or ("page", None).
BLOCKS = [
    ("p", "Analysis | 20 May 2025 | Lena Hartmann, senior fellow"),
    ("h", "Summary"),
    ("p", "Chinese President Xi Jinping paid a state visit to Russia from 7 to 10 May 2025 and attended the "
          "Victory Day parade on Red Square on 9 May, which marked the 80th anniversary of the victory over "
          "Nazi Germany. Xi held talks with President Vladimir Putin in the Kremlin on 8 May. A contingent of "
          "Chinese soldiers marched in the parade. The visit showed that the partnership remains close, but it "
          "produced no breakthrough on the economic questions that matter most to Moscow."),
    ("h", "What was signed"),
    ("p", "After the talks on 8 May, the two presidents signed a joint statement on further deepening the "
          "comprehensive strategic partnership of coordination for a new era. The documents signed that day "
          "also included the following:"),
    ("li", "1. a joint statement on global strategic stability;"),
    ("li", "2. an intergovernmental agreement on the promotion and mutual protection of investments;"),
    ("li", "3. a memorandum between Roscosmos and the China National Space Administration on building a lunar power station for the "
           "International Lunar Research Station;"),
    ("li", "4. a memorandum of cooperation between the Russian broadcaster RT and China Media Group."),
    ("h", "Positions stated"),
    ("p", "In the statement on strategic stability, both sides oppose the US Golden Dome missile defence "
          "programme, which they call deeply destabilising, and they oppose attempts to use outer space for "
          "armed confrontation. In the main statement, Russia again recognised Taiwan as an inalienable part "
          "of China and opposed Taiwan independence, while China opposed outside interference in Russia's "
          "internal affairs. Both countries oppose the eastward expansion of NATO."),
    ("p", "On Ukraine, Xi said on 8 May that China welcomes all efforts conducive to peace and hopes for a fair, "
          "lasting and binding peace agreement acceptable to all parties. He added that the root causes of the "
          "crisis must be addressed. Putin said Russia was ready to start peace talks without preconditions."),
    ("page", None),
    ("p", "The diplomatic calendar moved quickly around the visit. Putin had declared a three-day ceasefire "
          "in Ukraine for 8 to 10 May. On 11 May he proposed direct negotiations with Ukraine in Istanbul, "
          "and the two delegations met there on 16 May. The Russian delegation was led by presidential aide "
          "Vladimir Medinsky and the Ukrainian one by Defence Minister Rustem Umerov. The two sides agreed to "
          "exchange 1,000 prisoners each."),
    ("h", "The economic picture"),
    ("p", "According to Chinese customs, trade between China and Russia grew 1.9% in 2024 to a record "
          "$244.81 billion, after rising 26.3% in 2023. China's exports to Russia rose 4.1% to $115.49 billion "
          "in 2024. The slowdown reflects payment problems and a saturated Russian car market. Power of Siberia "
          "2, the gas pipeline that Moscow wants to build through Mongolia, still has no final contract."),
    ("p", "Foreign Minister Wang Yi, China's top diplomat, said at the end of the visit that relations between the two "
          "countries are as solid as a rock. Yuri Ushakov, Putin's foreign policy aide, took part in the talks "
          "on the Russian side."),
    ("h", "Outlook"),
    ("p", "We expect the following developments in the coming months:"),
    ("li", "- Putin is likely to travel to China later this year for the SCO summit, which China hosts as the "
           "group's chair."),
    ("li", "- Military cooperation can be expected to grow: the main statement calls for expanding the scale and "
           "geography of joint exercises and for regular joint sea and air patrols."),
    ("li", "- A binding contract for Power of Siberia 2 is unlikely to be signed before the two sides agree on "
           "price."),
    ("li", "- Bilateral trade is likely to decline in 2025 as Russian demand for Chinese cars weakens."),
    ("p", "The visit confirmed that Beijing will not distance itself from Moscow while the war continues. "
          "China is likely to keep presenting itself as a neutral party on Ukraine while deepening ties with Russia."),
]


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, INSTITUTE + " - Analysis", align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 10, f"Page {self.page_no()}", align="C")


def build(out: Path = OUT) -> Path:
    pdf = Doc(format="A4")
    pdf.set_title(TITLE)
    pdf.set_author(AUTHOR)
    pdf.set_subject("China-Russia relations: Xi Jinping's state visit to Russia, 7-10 May 2025")
    pdf.set_creator("scripts/make_demo_pdf.py (bilat demo corpus)")
    pdf.set_creation_date(PUBLISHED)
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, f"{AUTHOR}, {INSTITUTE}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for kind, text in BLOCKS:
        if kind == "page":
            pdf.add_page()
            continue
        text.encode("latin-1")  # core fonts are Latin-1 only: fail loudly on anything else
        if kind == "h":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "li":
            pdf.set_font("Helvetica", "", 11)
            pdf.set_x(pdf.l_margin + 6)
            pdf.multi_cell(0, 6.5, text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    path = build()
    print(path)
