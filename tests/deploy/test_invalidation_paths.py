"""Which paths a deployment asks CloudFront to forget: the changed files exactly while they are
few, and when they are many, folder wildcards that drag along as few unchanged files as possible."""

from __future__ import annotations

from civicat.deploy.upload import invalidation_paths


def covered(path: str, paths: list[str]) -> bool:
    return any(path == p or (p.endswith("*") and path.startswith(p[:-1])) for p in paths)


SITE = ([f"de/leistungen/s{i}/index.html" for i in range(40)] + [f"de/hours/o{i}.json" for i in range(8)]
        + [f"en/leistungen/s{i}/index.html" for i in range(40)] + ["de/index.html", "en/index.html", "index.html"])


def test_a_few_changed_files_are_invalidated_one_by_one():
    changed = ["de/leistungen/s3/index.html", "de/hours/o1.json", "index.html"]
    assert invalidation_paths(changed, SITE) == ["/de/hours/o1.json", "/de/leistungen/s3/index.html", "/index.html"]


def test_a_folder_whose_files_all_changed_becomes_one_wildcard_before_any_other():
    changed = [f"de/hours/o{i}.json" for i in range(8)] + [f"de/leistungen/s{i}/index.html" for i in range(20)]
    paths = invalidation_paths(changed, SITE, limit=21)
    assert "/de/hours/*" in paths and len(paths) == 21
    assert all(covered("/" + c, paths) for c in changed)
    assert not any(covered(f"/de/leistungen/s{i}/index.html", paths) for i in range(20, 40))


def test_many_changes_never_exceed_the_limit_and_always_cover_every_change():
    changed = SITE[::2]
    for limit in (1, 2, 5, 25):
        paths = invalidation_paths(changed, SITE, limit=limit)
        assert len(paths) <= limit
        assert all(covered("/" + c, paths) for c in changed)
    assert invalidation_paths(changed, SITE, limit=1) == ["/*"]


def test_deleted_files_count_as_changed_even_though_the_build_has_them_no_more():
    paths = invalidation_paths(["de/leistungen/gone/index.html"], SITE)
    assert paths == ["/de/leistungen/gone/index.html"]
