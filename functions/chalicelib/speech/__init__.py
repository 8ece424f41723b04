"""Read-aloud for devices without a voice: a recording of one of the site's own pages, made by
our own infrastructure (espeak-ng locally, Amazon Polly on AWS) and kept per page and language.

Only pages of the built site are spoken, never a text sent by the browser: an open text-to-speech
service would cost money and speak anything for anyone. ``text.py`` reads a page as the read-aloud
script would; ``engines.py`` speaks; ``storage.py`` finds the page and keeps the recording.
The route is ``GET /speech/{lang}`` (``views/speech.py``).
"""
