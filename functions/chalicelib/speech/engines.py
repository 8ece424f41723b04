"""Speech engines of our own infrastructure: espeak-ng on the machine (the local default) and
Amazon Polly (on AWS). Never a service called from the citizen's browser.

Each engine says which languages it speaks and turns a page's text (one block a line) into one
audio file: MP3 where it can (Polly always; locally when ``lame`` is installed), else WAV.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache

from .. import settings

SECONDS = 120
"""The longest a local engine may take for one page before the request gives up."""


class SpeechFailed(Exception):
    """The engine could not speak this text now (a missing program, a refused request)."""


class Espeak:
    """espeak-ng writes WAV; ``lame`` (if installed) makes it a small MP3 (48 kbit/s mono, about
    a tenth of the WAV)."""

    name = "espeak-ng"

    @staticmethod
    @lru_cache(maxsize=1)
    def languages() -> frozenset[str]:
        program = shutil.which("espeak-ng")
        if not program:
            return frozenset()
        listed = subprocess.run([program, "--voices"], capture_output=True, text=True, timeout=SECONDS).stdout
        return frozenset(line.split()[1].split("-")[0] for line in listed.splitlines()[1:] if len(line.split()) > 1)

    def voice(self, lang: str) -> str | None:
        return lang if lang in self.languages() else None

    def synthesize(self, text: str, lang: str) -> tuple[bytes, str]:
        program = shutil.which("espeak-ng")
        if not program or not self.voice(lang):
            raise SpeechFailed(f"espeak-ng has no voice for {lang!r}")
        spoken = subprocess.run([program, "-v", lang, "--stdin", "--stdout"], input=text.encode("utf-8"),
                                capture_output=True, timeout=SECONDS)
        if spoken.returncode or not spoken.stdout:
            raise SpeechFailed(f"espeak-ng failed: {spoken.stderr.decode(errors='replace')[-300:]}")
        lame = shutil.which("lame")
        if not lame:
            return spoken.stdout, "audio/wav"
        encoded = subprocess.run([lame, "--quiet", "-b", "48", "-m", "m", "-", "-"], input=spoken.stdout,
                                 capture_output=True, timeout=SECONDS)
        if encoded.returncode or not encoded.stdout:
            return spoken.stdout, "audio/wav"
        return encoded.stdout, "audio/mpeg"


POLLY_VOICES = {
    "de": "Vicki", "en": "Amy", "ar": "Zeina", "fr": "Lea", "es": "Lucia", "it": "Bianca",
    "nl": "Laura", "pl": "Ewa", "pt": "Ines", "ro": "Carmen", "ru": "Tatyana", "tr": "Filiz",
    "da": "Naja", "sv": "Astrid", "nb": "Liv",
}
"""One standard voice per language Polly speaks (no Bulgarian or Slovenian voice exists: those
pages get no recording on AWS, and the control says so)."""
POLLY_CHARS = 2800
"""Polly takes at most 3,000 characters a request; longer texts go in parts, whole lines or
sentences where possible. MP3 parts play one after the other when joined."""
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")


def parts(text: str, limit: int = POLLY_CHARS) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut between lines, else between
    sentences, else between words."""
    pieces: list[str] = []
    current = ""
    units: list[str] = []
    for line in text.split("\n"):
        if len(line) <= limit:
            units.append(line)
            continue
        for sentence in _SENTENCE_END.split(line):
            while len(sentence) > limit:
                cut = sentence.rfind(" ", 0, limit)
                cut = cut if cut > limit // 3 else limit
                units.append(sentence[:cut])
                sentence = sentence[cut:].lstrip()
            units.append(sentence)
    for unit in units:
        if current and len(current) + 1 + len(unit) > limit:
            pieces.append(current)
            current = unit
        else:
            current = f"{current}\n{unit}" if current else unit
    if current:
        pieces.append(current)
    return pieces


class Polly:
    name = "polly"

    def __init__(self):
        self._client = None

    @property
    def client(self):
        if self._client is None:
            import boto3

            self._client = boto3.client("polly", region_name=settings.aws_region(),
                                        endpoint_url=settings.aws_endpoint())
        return self._client

    def voice(self, lang: str) -> str | None:
        return POLLY_VOICES.get(lang)

    def synthesize(self, text: str, lang: str) -> tuple[bytes, str]:
        voice = self.voice(lang)
        if not voice:
            raise SpeechFailed(f"Polly has no voice for {lang!r}")
        from botocore.exceptions import BotoCoreError, ClientError

        audio = []
        try:
            for piece in parts(text):
                answer = self.client.synthesize_speech(Text=piece, VoiceId=voice, OutputFormat="mp3",
                                                       Engine="standard")
                audio.append(answer["AudioStream"].read())
        except (BotoCoreError, ClientError) as problem:
            raise SpeechFailed(f"Polly: {problem}") from problem
        return b"".join(audio), "audio/mpeg"


def get_engine():
    """The configured engine (``CIVICAT_SPEECH``), or None when speech is off."""
    kind = settings.speech_engine()
    if kind == "espeak":
        return Espeak()
    if kind == "polly":
        return _polly()
    return None


@lru_cache(maxsize=4)
def _polly_for(endpoint, region) -> Polly:
    return Polly()


def _polly() -> Polly:
    return _polly_for(settings.aws_endpoint(), settings.aws_region())
