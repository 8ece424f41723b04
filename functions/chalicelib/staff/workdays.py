"""Working days for "answer within N working days": weekends and the state's public holidays (from
the contract) do not count. A submission is due at the end of the N-th working day after the day
it arrived (in the site's time zone) and overdue from the day after."""
import datetime as dt


def _tz(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _working(day: dt.date, holidays) -> bool:
    return day.weekday() < 5 and day.isoformat() not in holidays


def due_date(created_at: str, days: int, site) -> dt.date:
    from .. import clock

    day = clock.parse(created_at).astimezone(_tz(site.timezone)).date()
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if _working(day, site.holidays):
            counted += 1
    return day


def overdue(created_at: str, days: int | None, site, today: dt.date) -> bool:
    return bool(days) and due_date(created_at, days, site) < today


def boundary(days: int, site, today: dt.date) -> str:
    """The instant before which a submission is overdue today: the start (local time) of the
    earliest arrival day whose due date is not yet past. Due dates never decrease with the arrival
    day, so everything that arrived earlier is overdue and everything later is not."""
    from .. import clock

    day = today
    while due_date(_start(day - dt.timedelta(days=1), site), days, site) >= today:
        day -= dt.timedelta(days=1)
    return clock.iso(dt.datetime.fromisoformat(_start(day, site)))


def _start(day: dt.date, site) -> str:
    return dt.datetime.combine(day, dt.time(), _tz(site.timezone)).isoformat()


def today(site) -> dt.date:
    from .. import clock

    return clock.now().astimezone(_tz(site.timezone)).date()
