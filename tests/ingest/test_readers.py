import hashlib

import pytest

from bilat.errors import ReadError
from bilat.ingest import expand_paths, read_document
from tests.conftest import SHARED, make_pdf


def test_txt_keeps_text_and_normalises_line_endings(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"Talks in Moscow\r\n\r\nThe ministers met.\rThey agreed.\n")
    doc = read_document(path)
    assert doc.text == "Talks in Moscow\n\nThe ministers met.\nThey agreed.\n"
    assert doc.format == "txt"
    assert doc.title == "Talks in Moscow"
    assert doc.id == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_seed_document_text_is_the_file_unchanged():
    seed = SHARED / "eval" / "seed" / "putin-in-china-2024.txt"
    if not seed.exists():
        pytest.skip("../shared is not beside this checkout")
    assert read_document(seed).text == seed.read_text(encoding="utf-8")


def test_html_main_text_and_metadata(fixtures):
    doc = read_document(fixtures / "lavrov-beijing-2024.html")
    assert doc.title == "Wang Yi and Sergei Lavrov hold talks in Beijing"
    assert doc.authors == ["Anna Keller", "Li Wen"]
    assert doc.published == "2024-04-09"
    assert doc.source == "World Desk Daily"
    assert doc.url == "https://news.example.org/2024/04/09/wang-lavrov-talks"
    assert doc.language == "en"
    assert doc.text.split("\n\n")[1].startswith("Russian Foreign Minister Sergei Lavrov arrived in Beijing")
    for boilerplate in ("cookies", "Markets close higher", "Copyright", "Privacy policy", "Home"):
        assert boilerplate not in doc.text


def test_markdown_front_matter_is_metadata_and_body_is_plain_text(fixtures):
    doc = read_document(fixtures / "mishustin-beijing-2023.md")
    assert doc.title == "Mishustin in Beijing for the heads of government meeting"
    assert doc.published == "2023-12-20"
    assert doc.authors == ["Petra Novak", "Sam Okoye"]
    assert doc.source == "Eurasia Desk"
    assert doc.url == "https://eurasia.example.net/mishustin-beijing"
    assert doc.text.split("\n\n") == [
        "Mishustin in Beijing",
        "Russian Prime Minister Mikhail Mishustin arrived in Beijing on 19 December 2023 for the "
        "28th regular meeting of the heads of government of Russia and China.",
        "He held talks with Premier Li Qiang on 20 December. The two premiers:",
        "1. reviewed trade, which was on course to pass 200 billion dollars for the year;",
        "2. discussed energy and transport links.",
        "Item | Value",
        "Meeting | 28th regular",
        "Xi Jinping also received Mishustin.",
    ]


def test_markdown_with_bad_front_matter_is_refused(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nBody text.\n")
    with pytest.raises(ReadError, match="invalid YAML front matter"):
        read_document(path)


def test_pdf_pages_map_offsets_to_page_numbers(tmp_path):
    path = make_pdf(tmp_path / "two.pdf", ["Page one says the talks began in Astana.",
                                           "Page two says a treaty was signed."],
                    title="Two pages", author="Jo Bloggs")
    doc = read_document(path)
    assert doc.title == "Two pages"
    assert doc.authors == ["Jo Bloggs"]
    assert [p.number for p in doc.pages] == [1, 2]
    first, second = doc.pages
    assert doc.text[first.start:first.end] == "Page one says the talks began in Astana."
    assert doc.text[second.start:second.end] == "Page two says a treaty was signed."
    assert doc.page_at(doc.text.index("treaty")) == 2
    assert doc.page_at(doc.text.index("Astana")) == 1


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n\t\n", "no text (only whitespace)"),
    ("binary.txt", bytes(range(256)) * 8, "binary file, not text"),
    ("noise.txt", bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28]) * 40 + bytes([0x81, 0x8D, 0x8F, 0x90]) * 50,
     "not valid UTF-8 (bad byte at offset 0) and no other encoding fits"),
    ("truncated.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "truncated PDF (no end-of-file marker)"),
    ("fake.pdf", b"this is not a pdf at all", "not a PDF file (no %PDF header)"),
    ("menu.html", b"<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
     "no readable text in the HTML (only markup or boilerplate)"),
    ("data.docx", b"PK\x03\x04", "unsupported format '.docx'"),
])
def test_bad_files_are_refused_with_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert info.value.reason.startswith(reason)
    assert str(info.value).startswith(str(path) + ": ")


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "gone.txt")
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000)  # 1.5 MB
    with pytest.raises(ReadError) as info:
        read_document(big, max_bytes=1024 * 1024)
    assert info.value.reason == "too large (1.4 MB; the limit is 1 MB)"


def test_other_encodings_are_decoded_with_a_note(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("The d\u00e9l\u00e9gation met in Moscow. \u201cWe agreed,\u201d he said.".encode("cp1252"))
    doc = read_document(path)
    assert doc.text == "The d\u00e9l\u00e9gation met in Moscow. \u201cWe agreed,\u201d he said."
    assert doc.notes and doc.notes[0].startswith("not valid UTF-8 (bad byte at offset 5); decoded as cp125")


def test_expand_paths_walks_folders_and_reads_stdin(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "skip.json").write_text("{}")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("x")
    found = list(expand_paths([str(tmp_path)]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "sub/b.md"]
    listed = list(expand_paths(["-", str(tmp_path / "a.txt")], stdin=[f"{tmp_path}/sub/b.md\n", "\n"]))
    assert [p.name for p in listed] == ["b.md", "a.txt"]


def test_a_plain_text_dateline_is_the_publication_date(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("Modi in Moscow\nBy Staff | Moscow, 9 July 2024\n\nModi met Putin on 8 July 2023 in Moscow.\n")
    assert read_document(path).published == "2024-07-09"
    story = tmp_path / "story.txt"
    story.write_text("Modi in Moscow\n\nIndian Prime Minister Narendra Modi, who first met Vladimir Putin in "
                     "2001, arrived in Moscow on 8 July 2024 for a two-day visit, his first since 2019 and the "
                     "start of a busy month of diplomacy for both leaders.\n")
    assert read_document(story).published is None  # a date inside the story is not a dateline
