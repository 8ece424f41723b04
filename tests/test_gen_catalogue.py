"""The synthetic catalogue the benchmarks build: valid, deterministic by seed, ~400 words a service."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import yaml

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "gen_catalogue.py"


def generate(out: Path, seed: int) -> Path:
    subprocess.run([sys.executable, str(SCRIPT), str(out), "--services", "30", "--languages", "de,en,ar,bg,sl",
                    "--seed", str(seed)], check=True, capture_output=True, timeout=120)
    return out


def files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_the_same_seed_writes_the_same_catalogue_and_another_seed_a_different_one(tmp_path):
    one, two, other = generate(tmp_path / "a", 1), generate(tmp_path / "b", 1), generate(tmp_path / "c", 2)
    assert files(one) == files(two)
    _, different, missing = filecmp.cmpfiles(one, two, files(one), shallow=False)
    assert (different, missing) == ([], [])
    _, different, _ = filecmp.cmpfiles(one, other, [f for f in files(one) if f.startswith("services/")], shallow=False)
    assert len(different) == 30


def test_the_generated_catalogue_is_valid_with_services_of_about_400_words_in_every_language(tmp_path):
    from civicat.catalogue import collect

    root = generate(tmp_path / "cat", 1)
    catalogue, problems = collect(root)
    assert catalogue is not None, [str(p) for p in problems if p.severity == "error"]
    assert len(catalogue.services) == 30 and catalogue.offices and catalogue.forms
    data = yaml.safe_load((root / "services" / sorted(catalogue.services)[0]).with_suffix(".yaml").read_text(encoding="utf-8"))

    def words(value, lang):
        if isinstance(value, dict):
            return sum(words(v, lang) for k, v in value.items() if k == lang or len(k) != 2)
        if isinstance(value, list):
            return sum(words(v, lang) for v in value)
        return len(value.split()) if isinstance(value, str) else 0

    for lang in ["de", "en", "ar", "bg", "sl"]:
        assert 300 <= words(data, lang) <= 600, lang
