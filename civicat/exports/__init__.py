"""What the catalogue is written as for others: CPSV-AP for the EU's Single Digital Gateway and state
portals (``cpsvap``, read back by ``cpsvap_import``), and the open data files of every build
(``opendata``: JSON with its schema, CSV, iCalendar per office, DCAT-AP). Knows the catalogue and the
hours; nothing of mkdocs or the pages."""
