"""Request handlers: each takes the Chalice request (and path parameters) and returns a Response.

``app.py`` imports these inside its route functions, so that a cold start loads only the
handlers the first request needs.
"""
