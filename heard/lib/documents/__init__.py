"""Documents Heard writes for people to read: one model, rendered the same as HTML, PDF and Word.

Build a `Document` from the blocks in `model` (paragraphs, lists, quotes, tables, charts, Easy Read points) and
hand it to a renderer: `html.render_html`, `pdf.render_pdf`, `docx.render_docx`. Charts are one specification
(`model.ChartSpec`) drawn by `charts` as SVG (pages and PDF) or PNG (Word), always with a text alternative and
the table of the same figures beside them. Pure Python: nothing here imports Django, so commands, tasks and
tests can render without a request.
"""
