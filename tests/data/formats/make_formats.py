"""Make the format test files with the tools that make such files in the wild (run once; the
outputs are committed):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/data/formats/make_formats.py

- article.pdf: a Markdown article printed by Qt (QTextDocument.print_ on QPdfWriter), three
  pages with Qt's page numbers; two-columns.pdf: two columns of text painted by QPainter, with
  a running head and a hyphenated line end; scanned.pdf: a page that is only an image;
  encrypted.pdf: article.pdf encrypted by pypdf with a user password; footnotes.pdf: HTML with
  <sup> footnote marks and an exponent, printed by Qt.
- article.docx: saved by python-docx (headings, bold, a list).
- article.epub: built by ebooklib (two chapters in spine order).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

PARAS = [
    "The town council of Millbrook voted on Monday night to rebuild the concrete flood wall "
    "along the Ash River, two years after a spring flood overtopped it and damaged more than "
    "three hundred homes.",
    "The project will cost an estimated forty-eight million dollars, most of it from a state "
    "resilience fund. Construction is expected to begin next summer and to last two years.",
    "Opponents argued that raising the wall would only push water downstream to the "
    "neighbouring town of Eastford, whose officials have asked for a study of the floodplain.",
]


def markdown_article() -> str:
    body = []
    for i in range(14):
        body.append(f"## Part {i + 1}\n" if i % 5 == 0 else "")
        body.append(f"{PARAS[i % 3]} This is paragraph {i + 1} of the article.\n")
    return "# River wall approved\n\nBy Maria Lopez\n\n" + "\n".join(body)


def make_pdfs() -> None:
    from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
    from PySide6.QtGui import (
        QColor,
        QFont,
        QGuiApplication,
        QImage,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    app = QGuiApplication.instance() or QGuiApplication([])
    _ = app
    w = QPdfWriter(str(HERE / "article.pdf"))
    w.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    w.setCreator("Diptych test data (Qt QTextDocument.print_)")
    doc = QTextDocument()
    doc.setMarkdown(markdown_article())
    doc.setDefaultFont(QFont("DejaVu Serif", 11))
    doc.print_(w)

    # two columns, a running head and a page number, painted as a typesetter would
    w = QPdfWriter(str(HERE / "two-columns.pdf"))
    w.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    w.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    w.setResolution(72)
    p = QPainter(w)
    p.setFont(QFont("DejaVu Serif", 10))
    page_w = w.width()
    col_w = (page_w - 30) / 2
    left = [
        "Floods along the Ash River have grown more frequent in the last decade, and the "
        "council's engineers say the old wall was never designed for the volumes that now "
        "come down from the hills in spring.",
        "The new wall will stand a metre higher than the old one and will be anchored in the "
        "bedrock below the riverbank, so that it cannot be under-",
    ]
    right = [
        "mined by the current as the old wall was in the flood two years ago.",
        "Residents can comment on the design at two public meetings in April, and the plans "
        "are on display in the library until the end of the month.",
    ]
    for page in range(2):
        if page:
            w.newPage()
        p.drawText(QPointF(0, 12), "MILLBROOK COURIER — SPRING EDITION")
        p.drawText(QPointF(page_w / 2, w.height() - 10), str(page + 1))
        for col, texts in enumerate((left, right)):
            y = 40.0
            for t in texts:
                text = (
                    t
                    if page == 0
                    else t.replace("Floods", "Storms").replace("Residents", "Visitors")
                )
                r = p.boundingRect(
                    QRectF(col * (col_w + 30), y, col_w, 1000), Qt.TextFlag.TextWordWrap, text
                )
                p.drawText(r, Qt.TextFlag.TextWordWrap, text)
                y = r.bottom() + 14
    p.end()

    w = QPdfWriter(str(HERE / "scanned.pdf"))
    img = QImage(400, 300, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    ip = QPainter(img)
    ip.drawText(20, 40, "A scanned page: text only as pixels")
    ip.end()
    p = QPainter(w)
    p.drawImage(QRectF(0, 0, w.width(), w.width() * 0.75), img)
    p.end()

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(HERE / "article.pdf")))
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(HERE / "encrypted.pdf", "wb") as fh:
        writer.write(fh)


def make_docx() -> None:
    import docx

    d = docx.Document()
    d.add_heading("River wall approved", level=1)
    d.add_paragraph("By Maria Lopez")
    para = d.add_paragraph("The town council voted on Monday night to ")
    para.add_run("rebuild the flood wall").bold = True
    para.add_run(" along the Ash River, two years after a spring flood damaged many homes.")
    d.add_heading("What happens next", level=2)
    d.add_paragraph(PARAS[1])
    d.add_paragraph("Survey the riverbank in summer", style="List Bullet")
    d.add_paragraph("Start construction next year", style="List Bullet")
    d.add_paragraph(PARAS[2])
    d.save(str(HERE / "article.docx"))


def make_epub() -> None:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("diptych-test-epub")
    book.set_title("The River Book")
    book.set_language("en")
    book.add_author("Maria Lopez")
    chapters = []
    for n, (title, paras) in enumerate(
        (("The wall", PARAS[:2]), ("The town downstream", [*PARAS[2:], PARAS[0]])), start=1
    ):
        c = epub.EpubHtml(title=title, file_name=f"chap_{n}.xhtml", lang="en")
        c.content = f"<h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paras)
        book.add_item(c)
        chapters.append(c)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters]
    epub.write_epub(str(HERE / "article.epub"), book)


def make_footnotes_pdf() -> None:
    """footnotes.pdf: an HTML article with superscript footnote marks (<sup>) and a unit
    (m<sup>3</sup>) printed by Qt, as a report with notes is printed."""
    from PySide6.QtGui import QFont, QGuiApplication, QPageSize, QPdfWriter, QTextDocument

    app = QGuiApplication.instance() or QGuiApplication([])
    _ = app
    w = QPdfWriter(str(HERE / "footnotes.pdf"))
    w.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    w.setCreator("Diptych test data (Qt QTextDocument.print_)")
    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Serif", 11))
    doc.setHtml(
        "<h1>River wall approved</h1>"
        "<p>The council voted on Monday to rebuild the flood wall.<sup>1</sup> The project will "
        "cost forty-eight million dollars,<sup>12</sup> most of it from a state fund.</p>"
        "<p>Engineers say the river now carries 900 m<sup>3</sup> of water a second in spring, "
        "twice the flow the old wall was built for<sup>*</sup> in 1962.</p>"
        "<p><small>1. Minutes of the council meeting. 12. State resilience fund report. "
        "* Figures from the county engineer.</small></p>"
    )
    doc.print_(w)


if __name__ == "__main__":
    make_pdfs()
    make_footnotes_pdf()
    make_docx()
    make_epub()
    for f in sorted(HERE.iterdir()):
        if f.suffix != ".py":
            print(f"{f.name}: {f.stat().st_size} bytes")
