"""Attachments: announce an upload, receive or presign it, check it, attach it to a submission."""
