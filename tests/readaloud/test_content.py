"""Content rules the examples do not show, checked on the utterance list itself (no speech)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

COLLECT = """async (html) => {
  const { collectUtterances, DEFAULT_SKIP } = window.civicat.readaloud;
  const article = document.querySelector('article');
  article.innerHTML = html;
  return collectUtterances(article, { lang: 'de', to: 'bis', skip: DEFAULT_SKIP })
    .map((u) => [u.text, u.lang]);
}"""


@pytest.fixture
def heard(reader):
    reader.open("de")

    def collect(html: str) -> list[str]:
        return [text for text, _ in reader.page.evaluate(COLLECT, html)]

    return collect


def test_a_long_sentence_is_cut_at_commas_into_parts_of_at_most_200_characters(heard):
    clause = "für die Anmeldung brauchen Sie einen Ausweis und den Nachweis der Haftpflicht"
    parts = heard(f"<p>{', '.join([clause] * 5)}.</p>")
    assert len(parts) > 1
    assert all(len(part) <= 200 for part in parts)
    assert " ".join(parts) == ", ".join([clause] * 5) + "."
    assert all(part.endswith((",", ".")) for part in parts)


def test_an_abbreviation_does_not_end_the_sentence(heard):
    assert heard("<p>Bringen Sie z. B. Ihren Ausweis mit. Das ist alles.</p>") == [
        "Bringen Sie z. B. Ihren Ausweis mit.", "Das ist alles."]


def test_a_table_with_several_columns_names_each_cell_by_its_column(heard):
    assert heard("""<table><thead><tr><th>Tag</th><th>Vormittag</th><th>Nachmittag</th></tr></thead>
      <tbody><tr><th>Montag</th><td>08:00–12:00</td><td>14:00–18:00</td></tr></tbody></table>""") == [
        "Montag: Vormittag 08:00 bis 12:00, Nachmittag 14:00 bis 18:00"]


def test_empty_cells_are_left_out_with_their_separator(heard):
    assert heard("<table><tr><td></td><td>90 Euro</td><td></td><td>jährlich</td></tr></table>") == [
        "90 Euro: jährlich"]


def test_closed_details_read_only_their_summary(heard):
    assert heard("<details><summary>Mehr erfahren</summary><p>Innen.</p></details>") == ["Mehr erfahren"]


def test_lines_of_an_address_are_read_one_by_one(heard):
    assert heard("<address>Rathaus<br>Markt 1<br>99880 Hainbach</address>") == [
        "Rathaus", "Markt 1", "99880 Hainbach"]


def test_elements_marked_to_skip_and_images_are_not_read(heard):
    assert heard('<p>Eins.</p><p data-readaloud-skip>Zwei.</p><p><img alt="Bild">Drei.</p>') == [
        "Eins.", "Drei."]
