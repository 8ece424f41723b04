"""Everything behind the routes of the civicat forms API.

Modules import heavy standard-library parts (sqlite3, email, hashlib, csv) and boto3 only inside
the functions that need them: the Lambda cold start pays only for Chalice and the route table
(see ``benchmarks/coldstart.py``). Nothing here imports ``civicat`` or PyYAML; the catalogue reaches
the functions only through the compiled contract ``forms.json``.
"""
