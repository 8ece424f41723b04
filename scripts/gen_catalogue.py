#!/usr/bin/env python3
"""Write a valid synthetic catalogue of N services × L languages for benchmarks.

Deterministic by seed; services carry ~400 words each (description, steps, documents, costs) in
every language, like a real state portal. Usage:

    python scripts/gen_catalogue.py OUT --services 2000 --languages de,en,ar,bg,sl --seed 1
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

WORDS = {
    "de": "Antrag Bescheinigung Behörde Gebühr Unterlagen Termin Nachweis Bürgerbüro Landkreis Verfahren Frist "
          "Wohnsitz Ausweis Genehmigung Bearbeitung Auskunft Zuständigkeit Erklärung Vollmacht Kopie Original "
          "persönlich schriftlich elektronisch zusätzlich erforderlich gültig beglaubigt vollständig".split(),
    "en": "application certificate authority fee documents appointment proof office district procedure deadline "
          "residence card permit processing information responsibility declaration authorisation copy original "
          "personal written electronic additional required valid certified complete".split(),
    "ar": "طلب شهادة سلطة رسوم وثائق موعد إثبات مكتب مقاطعة إجراء مهلة إقامة بطاقة تصريح معالجة معلومات "
          "مسؤولية إقرار توكيل نسخة أصل شخصي كتابي إلكتروني إضافي مطلوب ساري مصدق كامل".split(),
    "bg": "заявление удостоверение орган такса документи час доказателство служба област процедура срок "
          "адрес карта разрешение обработка информация отговорност декларация пълномощно копие оригинал "
          "лично писмено електронно допълнително необходимо валидно заверено пълно".split(),
    "sl": "vloga potrdilo organ pristojbina dokumenti termin dokazilo urad okraj postopek rok prebivališče "
          "izkaznica dovoljenje obdelava informacija pristojnost izjava pooblastilo kopija izvirnik osebno "
          "pisno elektronsko dodatno potrebno veljavno overjeno popolno".split(),
}
EXTRA = list(WORDS["en"])


def sentence(rng: random.Random, lang: str, words: int) -> str:
    pool = WORDS.get(lang, EXTRA)
    text = " ".join(rng.choice(pool) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def text(rng: random.Random, langs: list[str], words: int) -> dict[str, str]:
    return {lang: sentence(rng, lang, words) for lang in langs}


def paragraph(rng: random.Random, langs: list[str], sentences: int) -> dict[str, str]:
    return {lang: " ".join(sentence(rng, lang, rng.randint(8, 16)) for _ in range(sentences)) for lang in langs}


def yaml_text(value: dict[str, str], indent: int) -> str:
    pad = " " * indent
    return "\n" + "\n".join(f'{pad}{lang}: "{t}"' for lang, t in value.items())


def service(rng: random.Random, index: int, langs: list[str], offices: int, services: int) -> str:
    sid = f"leistung-{index:05d}"
    lines = [
        "# yaml-language-server: $schema=../schema/service.json",
        f'leika: "{99000000000000 + index}"',
        f"title:{yaml_text(text(rng, langs, 4), 2)}",
        f"summary:{yaml_text(text(rng, langs, 22), 2)}",
        f"description:{yaml_text(paragraph(rng, langs, 9), 2)}",
        "prerequisites:",
        *[f"  -{yaml_text(text(rng, langs, 12), 4)}" for _ in range(2)],
        "documents:",
        *[f"  - name:{yaml_text(text(rng, langs, 6), 6)}\n    note:{yaml_text(text(rng, langs, 10), 6)}" for _ in range(3)],
        "costs:",
        f"  - label:{yaml_text(text(rng, langs, 5), 6)}\n    amount: {rng.randint(5, 200)}.{rng.choice(['00', '50'])}",
        "procedure:",
        *[f"  -{yaml_text(text(rng, langs, 14), 4)}" for _ in range(4)],
        f"processing_time:{yaml_text(text(rng, langs, 5), 2)}",
        f"deadlines:{yaml_text(text(rng, langs, 12), 2)}",
        "legal_basis:",
        f'  - title: "§ {rng.randint(1, 99)} Mustergesetz"\n    url: https://www.gesetze-im-internet.de/muster/__{index % 90 + 1}.html',
        f"redress:{yaml_text(text(rng, langs, 16), 2)}",
        f"offices: [amt-{index % offices:03d}]",
        f"topics: [thema-{index % 12:02d}]",
        f"life_situations: [lage-{index % 8:02d}]",
        f"audiences: [gruppe-{index % 5}]",
        f"keywords: [{', '.join(rng.choice(WORDS['de']) for _ in range(4))}]",
        f"related: [leistung-{(index + 1) % services:05d}, leistung-{(index + 7) % services:05d}]",
        f"popularity: {rng.randint(0, 100)}",
        f"last_reviewed: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
    ]
    return sid, "\n".join(lines) + "\n"


def office(rng: random.Random, index: int, langs: list[str]) -> str:
    hours = rng.choice([
        "Mo-We,Fr 08:00-12:00; Th 08:00-12:00,14:00-18:00; PH off",
        "Mo,Tu,Th 08:00-16:00; We 08:00-12:00; Fr 08:00-13:00; PH off",
        "Tu 14:00-18:00; Th 09:00-12:00; PH off",
    ])
    return "\n".join([
        "# yaml-language-server: $schema=../schema/office.json",
        f"name:{yaml_text(text(rng, langs, 3), 2)}",
        "kind: town-hall",
        "address:",
        f'  street: "Marktplatz {index + 1}"',
        f'  postal_code: "{99000 + index:05d}"',
        f"  locality: Ort {index}",
        f"geo: {{lat: {50 + rng.random():.5f}, lon: {10 + rng.random():.5f}}}",
        "contact:",
        f'  phone: "+49 3621 {1000 + index}"',
        f"  email: amt-{index}@example.de",
        f'opening_hours: "{hours}"',
        "closures:",
        "  - start: 2026-12-24",
        "    end: 2026-12-31",
        f"    reason:{yaml_text(text(rng, langs, 2), 6)}",
    ]) + "\n"


def generate(out: Path, services: int, langs: list[str], seed: int, offices: int = 20) -> None:
    rng = random.Random(seed)
    demo = Path(__file__).resolve().parent.parent / "catalogue"
    if out.exists():
        shutil.rmtree(out)
    for folder in ("offices", "services", "forms", "pages"):
        (out / folder).mkdir(parents=True)
    shutil.copytree(demo / "schema", out / "schema")
    for page in (demo / "pages").glob("*.md"):
        shutil.copy(page, out / "pages" / page.name)
    lang_list = ", ".join(langs)
    (out / "site.yaml").write_text(
        "# yaml-language-server: $schema=schema/site.json\n"
        f"name:{yaml_text({lang: 'Landkreis Benchmark' for lang in langs}, 2)}\n"
        f"languages: [{lang_list}]\nregion: DE-TH\nbase_url: https://bench.example.de/\nreference_prefix: BEN\n"
        "contact: {phone: \"+49 3621 1000\", email: info@bench.example.de}\n"
        "address: {street: Markt 1, postal_code: \"99880\", locality: Benchstadt}\nmain_office: amt-000\n",
        encoding="utf-8")
    topics = ["topics:"] + [f"  - id: thema-{i:02d}\n    title:{yaml_text(text(rng, langs, 2), 6)}" for i in range(12)]
    topics += ["life_situations:"] + [f"  - id: lage-{i:02d}\n    title:{yaml_text(text(rng, langs, 2), 6)}" for i in range(8)]
    topics += ["audiences:"] + [f"  - id: gruppe-{i}\n    title:{yaml_text(text(rng, langs, 1), 6)}" for i in range(5)]
    (out / "topics.yaml").write_text("# yaml-language-server: $schema=schema/topics.json\n" + "\n".join(topics) + "\n", encoding="utf-8")
    for i in range(offices):
        (out / "offices" / f"amt-{i:03d}.yaml").write_text(office(rng, i, langs), encoding="utf-8")
    for i in range(services):
        sid, body = service(rng, i, langs, offices, services)
        (out / "services" / f"{sid}.yaml").write_text(body, encoding="utf-8")
    form = (demo / "forms" / "kontakt.yaml").read_text(encoding="utf-8").replace("recipient: landratsamt", "recipient: amt-000")
    (out / "forms" / "kontakt.yaml").write_text(form, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--services", type=int, default=200)
    parser.add_argument("--languages", default="de,en,ar,bg,sl")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.services, args.languages.split(","), args.seed)
    print(f"wrote {args.services} services in {args.languages} to {args.out}")


if __name__ == "__main__":
    main()
