"""The reader's own work: the highlights store, anchoring of selectors, W3C / Markdown interchange."""
