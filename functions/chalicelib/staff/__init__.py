"""The staff workspace: the pages an office works submissions with (sign-in, inbox, one
submission, answer, audit log, erasure), served by the staff app (``functions/staff/app.py``).

Nothing here is imported by the citizens' app: its dependencies (argon2-cffi for the staff list's
passwords, joserfc for OpenID Connect) are the staff Lambda's alone.
"""
