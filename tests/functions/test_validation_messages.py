"""A wrong submission is answered 422 with every problem, in the citizen's language, in the
exact words of the contract (forms.json)."""
import pytest

from . import support
from .support import antrag, barriere, body_json, ideas, kontakt, post_json


def errors_of(response) -> dict:
    assert response.status_code == 422, response.body
    return {e["field"]: e["message"] for e in body_json(response)["errors"]}


@pytest.mark.parametrize("lang, message", [
    ("de", "Geben Sie Ihren Namen ein"),
    ("en", "Enter your name"),
    ("ar", "أدخل اسمك"),
])
def test_a_missing_name_is_reported_in_the_citizens_language(client, lang, message):
    response = post_json(client, "kontakt", kontakt(lang, name="   "))
    assert errors_of(response) == {"name": message}


def test_an_unknown_language_falls_back_to_german(client):
    response = post_json(client, "kontakt", kontakt("fr", name=""))
    assert errors_of(response) == {"name": "Geben Sie Ihren Namen ein"}


def test_every_problem_is_reported_at_once_in_form_order(client):
    response = post_json(client, "antrag-bewohnerparken", antrag(
        "en", name="", postcode="1234", email="erika-at-example", zone="Z",
        plate="hbn ab 123", start_date="2026-02-30", months=25, truthful=False, consent=False))
    assert list(errors_of(response).items()) == [
        ("name", "Enter your name"),
        ("postcode", "Enter a postcode with 5 digits, like 99867"),
        ("email", "Enter an email address in the correct format, like name@example.com"),
        ("zone", "Select one of the parking zones offered"),
        ("plate", "Enter the number plate as shown on it, like HBN-AB 123"),
        ("start_date", "Enter a real date, like 2026-03-01"),
        ("months", "Enter a number from 1 to 24"),
        ("truthful", "Confirm that the information you have given is correct"),
        ("consent", "Confirm that you have read the privacy notice"),
    ]


@pytest.mark.parametrize("field, value, rule", [
    ("message", "zu kurz", "too_short"),
    ("message", "x" * 4001, "too_long"),
    ("name", "x" * 201, "too_long"),
    ("email", "not-an-address", "invalid"),
    ("phone", "call me", "invalid"),
    ("topic", "weather", "invalid"),
    ("topic", "", "required"),
])
@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_each_rule_uses_the_contracts_message_for_that_rule(client, field, value, rule, lang):
    expected = support.contract().forms["kontakt"].field(field).messages[rule][lang]
    response = post_json(client, "kontakt", kontakt(lang, **{field: value}))
    assert errors_of(response) == {field: expected}


def test_limits_apply_to_the_trimmed_value(client):
    response = post_json(client, "kontakt", kontakt(message="   " + "x" * 4000 + "   "))
    assert response.status_code == 201


def test_a_number_accepts_a_german_decimal_comma_and_keeps_its_range(client):
    assert post_json(client, "antrag-bewohnerparken", antrag(months="12")).status_code == 201
    response = post_json(client, "antrag-bewohnerparken", antrag("de", months="0,5"))
    assert errors_of(response) == {"months": "Geben Sie eine Zahl von 1 bis 24 ein"}


def test_checkboxes_accept_only_offered_options(client):
    assert post_json(client, "barriere-melden",
                     barriere(assistive=["tastatur", "sprache"])).status_code == 201
    response = post_json(client, "barriere-melden", barriere("en", assistive=["telepathy"]))
    assert errors_of(response) == {"assistive": "Select only the options offered"}


def test_unknown_fields_are_refused_by_name(client):
    response = post_json(client, "kontakt", kontakt("en", is_admin="yes", location_lat=1))
    assert errors_of(response) == {
        "is_admin": "This field is not part of the form: is_admin",
        "location_lat": "This field is not part of the form: location_lat",
    }


def test_latitude_and_longitude_come_both_or_neither(client):
    response = post_json(client, "ideen-und-beschwerden", ideas("de", location_lon=""))
    assert errors_of(response) == {
        "location_lon": "Geben Sie Breiten- und Längengrad zusammen an oder keinen von beiden"}


def test_coordinates_outside_the_globe_are_refused(client):
    response = post_json(client, "ideen-und-beschwerden", ideas("en", location_lat=91))
    assert errors_of(response) == {"location_lat": "Enter a latitude between -90 and 90"}


def test_a_location_is_optional(client):
    body = ideas()
    for name in ("location_address", "location_lat", "location_lon"):
        body.pop(name)
    assert post_json(client, "ideen-und-beschwerden", body).status_code == 201


def test_json_submissions_must_carry_a_well_formed_submission_key(client):
    response = post_json(client, "kontakt", kontakt("en", submission_key="short"))
    assert errors_of(response) == {
        "submission_key": "The form did not load completely. Reload the page and try again."}


def test_a_value_of_the_wrong_json_type_is_invalid_not_an_error(client):
    response = post_json(client, "kontakt", kontakt("en", email=["a@example.org"], topic=7))
    assert errors_of(response) == {
        "email": "Enter an email address in the correct format, like name@example.com",
        "topic": "Select one of the topics offered"}
