"""Everything that touches mkdocs and mkdocs-material, and nothing else does.

``plugin`` hands the renderer's pages to mkdocs in memory, ``search`` gives Material's search our
faster index, ``build`` runs one mkdocs build per language, and ``internals`` holds every use of
mkdocs' private API. ``tests/test_import_rules.py`` checks that no other module of ``civicat``
imports mkdocs or Material, so that the site can move to a successor engine by replacing this
package (``civicat render`` already writes the pages as files without it).
"""
