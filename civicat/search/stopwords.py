"""Words too common to find anything with (articles, prepositions, pronouns, "how", "where"): left
out of the index and out of queries, so that "Wo kann ich meinen Hund anmelden?" searches for
"Hund anmelden". Only function words: a word that could name what a citizen needs stays in.
A query made only of these words searches for them after all (and finds little)."""

from __future__ import annotations

from functools import lru_cache

WORDS = {
    "de": """der die das den dem des ein eine einer eines einem einen und oder aber auch als am an auf aus bei
        beim bis durch für gegen im in ins mit nach ob ohne seit um unter über von vom vor zu zum zur ist sind war
        waren wird werden wurde kann können muss müssen soll sollen will wollen möchte möchten darf ich du er sie es
        wir ihr mein meine meinen meinem meiner meines dein deine ihre ihren ihrem ihrer unser unsere mich mir dich
        dir sich uns euch wie wo was wann wer wen wem warum wieso welche welcher welches welchen wenn dass daß
        nicht kein keine keinen so noch nur schon sehr hier da dann denn doch ja nein bitte man habe hat haben hast
        bin bist gibt es""",
    "en": """a an the and or but of to in on at for from with by as is are was were be been being am i you he she
        it we they my your his its our their me us him her them this that these those what where when who whom how
        why which can could do does did have has had will would should shall may might must not no yes please there
        here get got want need about into so if than then also just""",
    "ar": """في من إلى الى على عن مع هذا هذه ذلك تلك هو هي هم هن أنا انا نحن أنت انت أنتم كيف أين اين متى ما
        ماذا لماذا هل التي الذي الذين و أو او ثم لا لم لن قد كان كانت يكون عند كل بعض أي اي أريد اريد أن ان إن
        لي لك له لها""",
    "bg": """и или но в във на за от до с със по при към като че да не се ли е са съм си беше ще как къде кога
        какво кой коя кое кои защо аз ти той тя то ние вие те мой моя мое моите ми ме го я им тази този това тези
        там тук""",
    "sl": """in ali a pa v na za od do z s iz po pri k h kot da ne se je so sem si bo bi kako kje kdaj kaj kdo
        zakaj jaz ti on ona ono mi vi oni moj moja moje me ga jo jih ta to te tam tukaj""",
}


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """The normalized stop words of ``lang`` (none for a language without a list)."""
    from .text import words

    return frozenset(word for text in WORDS.get(lang, "").split() for word in words(text))
