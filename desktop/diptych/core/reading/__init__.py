"""Files → Article: encodings, format readers (Markdown, text, HTML), page-furniture removal, sentences."""
