"""Signing in with the local staff list: the one-time link sets the password, a wrong password
and an unknown name get the same answer, repeated failures pause the name, sessions end on
sign-out and after the idle time, and a sign-in form without its own token is refused."""
import re

from chalicelib import clock

from .support import PASSWORD, Browser, text


def test_a_new_member_chooses_a_password_through_the_one_time_link(staff, store):
    from chalicelib.staff import members

    token = members.add(store, "anna", ["schwerbehindertenrecht"], display="Anna Berg")
    person = Browser(staff)
    page = text(person.get(f"/staff/welcome/{token}"))
    assert "Passwort festlegen" in page
    short = person.post(f"/staff/welcome/{token}", {"password": "kurz", "repeat": "kurz"})
    assert short.status_code == 422
    assert "mindestens 12 Zeichen" in text(short) and 'href="#password"' in text(short)
    differ = person.post(f"/staff/welcome/{token}", {"password": PASSWORD, "repeat": PASSWORD + "x"})
    assert "verschieden" in text(differ)
    done = person.post(f"/staff/welcome/{token}", {"password": PASSWORD, "repeat": PASSWORD})
    assert done.headers["Location"] == "/staff/sign-in?done=password_set"
    assert "Ihr Passwort ist gespeichert" in text(person.get(done.headers["Location"]))
    assert person.get(f"/staff/welcome/{token}").status_code == 404  # used up
    assert person.sign_in("anna").headers["Location"] == "/staff/inbox"
    assert store.get_record("staff", "anna")["password"].startswith("$argon2id$")


def test_wrong_password_and_unknown_name_look_the_same_and_failures_pause_the_name(staff, store):
    from .support import member

    member(store, "anna", ["schwerbehindertenrecht"])
    person = Browser(staff)
    wrong = person.sign_in("anna", "not the password")
    unknown = person.sign_in("nobody-here", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    message = "Name oder Passwort stimmen nicht."
    assert message in text(wrong) and message in text(unknown)
    for _ in range(4):  # five failures in all for this name
        person.sign_in("anna", "still wrong")
    paused = person.sign_in("anna", PASSWORD)  # right now, but the name is paused
    assert paused.status_code == 429 and "Warten Sie 15 Minuten" in text(paused)
    assert [e["action"] for e in store.list_audit(None, 20)].count("sign-in-failed") == 6


def test_signing_out_ends_the_session(staff, store):
    from .support import member

    member(store, "anna", ["schwerbehindertenrecht"])
    person = Browser(staff)
    person.sign_in("anna")
    person.get("/staff/inbox")
    old_cookie = dict(person.cookies)
    out = person.post("/staff/sign-out", {})
    assert out.headers["Location"] == "/staff/sign-in?done=signed_out"
    assert "Max-Age=0" in str(out.headers["Set-Cookie"])
    person.cookies = old_cookie  # even the old cookie kept by hand no longer works
    assert person.get("/staff/inbox").headers["Location"].startswith("/staff/sign-in")


def test_a_session_ends_after_the_idle_time(staff, store, monkeypatch):
    from .support import member

    member(store, "anna", ["schwerbehindertenrecht"])
    person = Browser(staff)
    person.sign_in("anna")
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: clock.later(start, 25 * 60))
    assert person.get("/staff/inbox").status_code == 200  # active: renewed
    monkeypatch.setattr(clock, "now", lambda: clock.later(start, 25 * 60 + 31 * 60))
    ended = person.get("/staff/inbox")
    assert ended.headers["Location"] == "/staff/sign-in?done=session_ended"
    assert "Ihre Sitzung ist abgelaufen" in text(person.get(ended.headers["Location"]))


def test_a_sign_in_post_without_the_forms_own_token_is_refused(staff, store):
    from .support import member

    member(store, "anna", ["schwerbehindertenrecht"])
    person = Browser(staff)
    person.get("/staff/sign-in")
    refused = person.post("/staff/sign-in", {"pre": "forged", "name": "anna",
                                             "password": PASSWORD}, csrf=False)
    assert refused.status_code == 400 and "civicat_staff=" not in str(refused.headers.get(
        "Set-Cookie"))
    assert re.search(r'name="pre" value="[^"]+"', text(refused))


def test_the_language_switch_keeps_the_page_and_changes_the_words(staff, store):
    from .support import member

    member(store, "anna", ["schwerbehindertenrecht"])
    person = Browser(staff)
    person.sign_in("anna")
    page = text(person.get("/staff/inbox?status=received"))
    assert "<h1>Eingang</h1>" in page
    back = re.search(r'name="back" value="([^"]+)"', page).group(1).replace("&amp;", "&")
    switched = person.post("/staff/language", {"lang": "en", "back": back})
    assert switched.headers["Location"] == "/staff/inbox?status=received"
    assert "<h1>Inbox</h1>" in text(person.get(switched.headers["Location"]))
    elsewhere = person.post("/staff/language", {"lang": "de", "back": "//evil.example/staff/"})
    assert elsewhere.headers["Location"] == "/staff/inbox"


def test_the_language_switch_offers_every_language_of_the_site_and_arabic_reads_right_to_left(
        staff, store):
    from .support import member

    member(store, "anna", ["schwerbehindertenrecht"])
    person = Browser(staff)
    person.sign_in("anna")
    page = text(person.get("/staff/inbox"))
    assert '<html lang="de" dir="ltr">' in page
    # The demo site speaks de, en and ar: a button for each other one, named in its own language.
    assert re.findall(r'<button type="submit" lang="(\w+)" dir="(\w+)">([^<]+)</button>', page) == [
        ("en", "ltr", "English"), ("ar", "rtl", "العربية")]
    person.post("/staff/language", {"lang": "ar", "back": "/staff/inbox"})
    arabic = text(person.get("/staff/inbox"))
    assert '<html lang="ar" dir="rtl">' in arabic and "<h1>الوارد</h1>" in arabic
    assert re.findall(r'<button type="submit" lang="(\w+)"', arabic) == ["de", "en"]
    # A language the site does not offer leaves the page as it was.
    person.post("/staff/language", {"lang": "bg", "back": "/staff/inbox"})
    assert "<h1>الوارد</h1>" in text(person.get("/staff/inbox"))


def test_before_signing_in_the_page_speaks_the_browsers_language_if_the_site_has_it(staff):
    from .support import HOST

    def sign_in_page(accept_language):
        response = staff.http.get("/staff/sign-in", headers={**HOST, "Accept-Language": accept_language})
        return text(response)

    arabic = sign_in_page("ar, en;q=0.5")
    assert '<html lang="ar" dir="rtl">' in arabic and "كلمة المرور" in arabic
    assert "Password" in sign_in_page("en-GB, de;q=0.5")
    # Bulgarian is not a language of the demo site: its default language, German.
    assert "Passwort" in sign_in_page("bg")
