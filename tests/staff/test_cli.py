"""``civicat staff``: add people to the local staff list with the offices of the catalogue; the
printed one-time link lets them choose their password."""
import re
import subprocess
import sys

from tests.functions.support import REPO


def civicat(*args, var):
    return subprocess.run([sys.executable, "-m", "civicat.cli", "staff", *args, "--var", str(var)],
                          cwd=REPO, capture_output=True, text=True, env={
                              "PATH": "/usr/bin:/bin", "HOME": str(var)})


def test_an_unknown_office_is_refused_with_the_known_ones(tmp_path):
    done = civicat("add", "anna", "--office", "sozialamt", var=tmp_path)
    assert done.returncode == 2
    assert "--office sozialamt: no such office in catalogue/offices — use one of:" in done.stderr
    assert "schwerbehindertenrecht" in done.stderr


def test_added_people_get_a_one_time_link_and_are_listed(tmp_path, staff, monkeypatch):
    done = civicat("add", "anna", "--office", "schwerbehindertenrecht", "--display", "Anna Berg",
                   var=tmp_path)
    assert done.returncode == 0, done.stderr
    link = re.search(r"http://127\.0\.0\.1:8000/staff/welcome/(\S+)", done.stdout)
    listed = civicat("list", var=tmp_path)
    assert '"name": "anna", "display": "Anna Berg", "offices": ["schwerbehindertenrecht"]' \
        in listed.stdout
    monkeypatch.setenv("CIVICAT_STORE", f"sqlite:///{tmp_path / 'submissions.db'}")
    from .support import Browser, text

    person = Browser(staff)
    assert "Passwort festlegen" in text(person.get(f"/staff/welcome/{link.group(1)}"))
    assert civicat("remove", "anna", var=tmp_path).returncode == 0
    assert civicat("list", var=tmp_path).stdout == ""


def test_the_link_can_be_mailed(tmp_path):
    done = civicat("add", "ben", "--office", "schwerbehindertenrecht", "--email",
                   "ben@landkreis-hainbach.de", var=tmp_path)
    assert done.returncode == 0, done.stderr
    token = re.search(r"/staff/welcome/(\S+)", done.stdout).group(1)
    (mail,) = (tmp_path / "outbox").glob("*.eml")
    content = mail.read_text(encoding="utf-8")
    assert "To: ben@landkreis-hainbach.de" in content
    assert f"http://127.0.0.1:8000/staff/welcome/{token}" in content.replace("=\n", "")
