"""The local staff list from the command line (``civicat staff …`` runs this; so can IT directly):

    python functions/staff_admin.py add NAME --office ID [--office ID] [--admin] [--display TEXT]
                                        [--email ADDRESS --link https://…/staff/welcome/]
    python functions/staff_admin.py list
    python functions/staff_admin.py remove NAME
    python functions/staff_admin.py demo NAME --password TEXT [--office ID] [--admin]

``add`` prints a one-time token: the person opens ``<staff URL>/welcome/<token>`` (72 hours) and
chooses their password. ``demo`` sets a password directly, for the demo sign-in of
``civicat serve`` only. Uses the store of ``CIVICAT_STORE`` like the functions.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("add", "demo"):
        one = sub.add_parser(name)
        one.add_argument("name")
        one.add_argument("--office", action="append", default=[])
        one.add_argument("--admin", action="store_true")
        one.add_argument("--display", default=None)
        if name == "demo":
            one.add_argument("--password", required=True)
        else:
            one.add_argument("--email", default=None, help="mail the one-time link to this address")
            one.add_argument("--link", default=None, help="the link's start, …/staff/welcome/")
    sub.add_parser("list")
    remove = sub.add_parser("remove")
    remove.add_argument("name")
    args = parser.parse_args(argv)

    from chalicelib.staff import members
    from chalicelib.stores import get_store

    store = get_store()
    if args.command in ("add", "demo"):
        token = members.add(store, args.name, args.office, args.admin, args.display)
        if args.command == "demo":
            members.set_password(store, args.name, args.password)
            members.use_up(store, token)
        else:
            print(token)
            if args.email:
                from chalicelib import contract
                from chalicelib.notify import get_notifier, mails

                link = (args.link or "/staff/welcome/") + token
                get_notifier().send(mails.welcome_mail(args.email, args.name, link,
                                                       contract.load()))
    elif args.command == "list":
        for member in members.everyone(store):
            print(json.dumps({k: member.get(k) for k in ("name", "display", "offices", "admin")},
                             ensure_ascii=False))
    else:
        store.delete_record(members.KIND, args.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
