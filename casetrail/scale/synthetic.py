"""Generated news-style articles for tests and benchmarks of scale (not for accuracy).

Each article reports an arrest, a charge, a sentence and a quote about one person, with names from
several cultures; articles for one person share facts, so cross-article merging has work to do.
The generator is deterministic: article ``i`` is always the same text.
"""

from __future__ import annotations

import random
from pathlib import Path

PEOPLE = ["Omar Haddad", "Ana Ruiz", "Pham Doan Trang", "Vladimir Kara-Murza", "Try Seang Y", "Ding Jiaxi",
          "Narges Mohammadi", "Maria Lopez", "Kem Sokha", "Toomaj Salehi", "Lena Petrova", "Xu Zhiyong"]
SPEAKERS = ["Tomas Ortega", "Ivan Markov", "Elaine Pearson", "Dang Dinh Manh", "Liang Xiaojun", "Amir Raisian"]
ROLES = ["blogger", "activist", "journalist", "opposition lawmaker", "rights defender", "poet"]
CHARGES = ["spreading false information", "incitement to subvert state power", "defamation", "treason"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
FILLER = ("The case has drawn criticism from rights groups, who say the charges are used to silence critics. "
          "Diplomats have called for the release of all those detained for their opinions. ")


def article(i: int) -> str:
    """The i-th generated article (deterministic)."""
    rng = random.Random(i)
    person, speaker = PEOPLE[i % len(PEOPLE)], rng.choice(SPEAKERS)
    role, charge, month = rng.choice(ROLES), rng.choice(CHARGES), rng.choice(MONTHS)
    years = rng.randint(2, 15)
    surname = person.split()[-1]
    paras = [
        f"A court on Monday sentenced {role} {person} to {years} years in prison for {charge}, "
        f"lawyer {speaker} said.",
        f"{surname} was arrested in {month} {2015 + i % 8} and charged with {charge}. "
        f"{surname} denies the charges.",
        f"“This verdict punishes {surname} for words, not crimes,” {speaker} told reporters. "
        f"“We will appeal.”",
        FILLER * rng.randint(1, 3),
        f"Report number {i}.",
    ]
    return "\n\n".join(paras)


def write_corpus(folder: Path, n: int, start: int = 0) -> list[Path]:
    """Write articles ``start`` … ``start + n - 1`` as .txt files; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"gen_{i:06d}.txt"
        p.write_text(article(i), encoding="utf-8")
        paths.append(p)
    return paths
