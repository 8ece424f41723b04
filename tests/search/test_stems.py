"""Forms of one word share a stem, and only forms of one word: a Bulgarian citizen types the
definite or plural form ("личните карти", the identity cards) of what a page says in another
("лична карта")."""

import pytest

from civicat.search.stems import bulgarian_light

from .support import found


@pytest.mark.parametrize("forms", [
    ("лична", "личната", "личните"),
    ("карта", "картата", "карти", "картите"),
    ("стол", "столът", "столове"),
    ("град", "градът", "градове", "градовете"),
    ("ученик", "ученици"),
])
def test_the_forms_of_a_bulgarian_word_share_one_stem(forms):
    assert len({bulgarian_light(form) for form in forms}) == 1, {f: bulgarian_light(f) for f in forms}


@pytest.mark.parametrize("a, b", [("карта", "картина"), ("град", "градина"), ("стол", "столица")])
def test_different_bulgarian_words_keep_different_stems(a, b):
    assert bulgarian_light(a) != bulgarian_light(b)


def test_a_bulgarian_form_the_catalogue_never_uses_finds_its_word(bgsl_index):
    """The catalogue says "лична карта"/"личната карта", never "личните карти"."""
    assert found(bgsl_index["bg"], "личните карти", 1) == ["personalausweis"]
