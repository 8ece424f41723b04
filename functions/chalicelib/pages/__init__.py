"""HTML pages the function renders itself: the form again with errors (no JavaScript), the status
page, and short message pages. Built with ``htmlkit``, so every citizen value is escaped."""
