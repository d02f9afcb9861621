"""Person names as a value type: family/given parts, name order, honorifics, comparison.

Resolution (in one article and across articles) and the exports all compare names through
this module, so "SokEy San", "Sok Ey San" and "Sok Eysan" are one name everywhere while
"Kim Sok" and "Sok Kim" never are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# Honorifics and titles, longest first. Each maps to the gender it implies (or None).
HONORIFICS: dict[str, str | None] = {
    "his excellency": "m",
    "her excellency": "f",
    "lok chumteav": "f",
    "neak oknha": None,
    "excellency": None,
    "samdech": None,
    "oknha": None,
    "h.e.": None,
    "he.": None,
    "mr.": "m",
    "mr": "m",
    "mrs.": "f",
    "mrs": "f",
    "ms.": "f",
    "ms": "f",
    "miss": "f",
    "madam": "f",
    "madame": "f",
    "maître": None,  # French courtesy title of a lawyer: "Maître Claude Dzidzonu"
    "maitre": None,
    "me.": None,
    "monsieur": "m",
    "señor": "m",
    "señora": "f",
    "dr.": None,
    "dr": None,
    "prof.": None,
    "prof": None,
    "professor": None,
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "rev.": None,
    "reverend": None,
    "sheikh": "m",
    "ayatollah": "m",
    "imam": "m",
    "gen.": None,
    "general": None,
    "col.": None,
    "colonel": None,
    "lt.": None,
    "capt.": None,
    "maj.": None,
    "judge": None,
    "justice": None,
    "senator": None,
    "sen.": None,
    "rep.": None,
    "gov.": None,
    "prime minister": None,
    "prime minister-designate": None,
    "president": None,
    "vice president": None,
    "minister": None,
    "deputy": None,
    "lok": "m",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "emir": "m",
    "sultan": "m",
    "crown prince": "m",
}

# Surnames that mark a name written family-first. Two conventions for second references:
# "family" (Chinese, Korean, Japanese, Hungarian: Xi Jinping -> Xi) and "given" (Khmer,
# Vietnamese: Kim Sok -> Sok, Pham Doan Trang -> Trang), which is the last token.
KHMER_VIET_SURNAMES = frozenset("""
hun kem sok kim sam phay huy meas ly mao try ou chea heng prak pen keo chan ros nhem seng chhun sar ke
yim um tep vann men khieu ieng nuon thach chhim tith som sim var yeng chum pich khem soeung seoung
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong dinh trinh truong lam mai
""".split())
CHINESE_SURNAMES = frozenset("""
li wang zhang liu chen yang huang zhao wu zhou xu sun zhu hu guo he lin luo gao zheng liang xie song
tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen
yao xi ai bo hou qin fang tan kong gui jia lai lau leung wong chan chow cheung
""".split())
KOREAN_SURNAMES = frozenset("""
kim lee park choi jung kang cho yoon jang lim oh seo shin kwon hwang ahn yoo hong moon baek
""".split())
JAPANESE_SURNAMES = frozenset("""
abe suzuki tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki matsumoto inoue
kimura hayashi shimizu yamaguchi mori ikeda hashimoto ishikawa ogawa okada goto hasegawa murakami kondo
sato takahashi kishida koizumi fukuda hatoyama ishiba
""".split())
HUNGARIAN_SURNAMES = frozenset("""
orban nagy kovacs toth szabo horvath varga kiss molnar nemeth farkas balogh papp takacs juhasz
""".split())

# Common given names whose gender is clear across the press (a hint only: pronouns and titles win).
FEMALE_GIVEN = frozenset("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret betty sandra
ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon
cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine
debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly
christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa
kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly
danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla elaine ellen
irina olga natalia svetlana tatiana yulia ekaterina elena anastasia marina lyudmila oksana alina daria
fatima aisha maryam zahra narges nasrin shirin leila layla nadia samira amina zainab mahsa sepideh
nazanin neda parisa yasmin yasmine noor huda salma
aung suu kyi
""".split()) - {"aung", "suu", "kyi"}
MALE_GIVEN = frozenset("""
james robert john michael david william richard joseph thomas charles christopher daniel matthew anthony
mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander
frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle
ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence
dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
vincent ralph eugene russell bobby mason philip phil louis
vladimir alexei alexey dmitry dmitri sergei sergey ivan mikhail nikolai andrei boris yuri oleg igor
pavel viktor vadim ilya evgeny yevgeny maxim anatoly grigory leonid roman
mohammed muhammad mohammad ahmed ahmad ali hassan hussein hossein omar mahmoud mustafa ibrahim khalid
youssef yusuf abdullah reza mehdi amir hamid majid saeed javad toomaj nasser karim tariq bilal
""".split())
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|'|s')$")


def fold(text: str) -> str:
    """Unicode-normalise, unify quote marks and strip accents (Orbán -> Orban)."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in text if not unicodedata.combining(c))


def clean_surface(text: str) -> str:
    """Strip bullets, possessives and stray punctuation from a name as written (accents are kept)."""
    t = unicodedata.normalize("NFC", text.translate(_QUOTES)).strip()
    t = re.sub(r"^[\W_]+", "", t)
    t = re.sub(r"[\s,;:.\"!?)\]]+$", "", t)
    t = re.sub(r"\s+", " ", t)
    if t.endswith("'s") or t.endswith("'"):
        t = _POSSESSIVE.sub("", t)
    return t.strip()


_HONORIFIC_RE = re.compile(
    "(?:" + "|".join(re.escape(h) + (r"(?=\S)|" + re.escape(h) if h.endswith(".") else "")
                     for h in sorted(HONORIFICS, key=len, reverse=True)) + r")(?:\s+|(?<=\.))", re.I)


@lru_cache(maxsize=65536)
def split_honorifics(text: str) -> tuple[tuple[str, ...], str]:
    """Split leading honorifics/titles off a name: "Mr. Hun Sen" -> (("Mr.",), "Hun Sen")."""
    titles: list[str] = []
    rest = clean_surface(text)
    while rest:
        m = _HONORIFIC_RE.match(rest)
        if m is None or m.end() >= len(rest):
            break
        titles.append(rest[: m.end()].strip())
        rest = rest[m.end():].strip()
    return tuple(titles), rest


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Comparison key: honorifics dropped; case, accents, spaces, dots and hyphens ignored; order kept."""
    _, rest = split_honorifics(text)
    return re.sub(r"[\s.\-'’]", "", fold(rest).lower())


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """Comparison key for one name token."""
    return re.sub(r"[\s.\-'’]", "", fold(token).lower())


@dataclass(frozen=True)
class PersonName:
    """A parsed person name with the culture's order and second-reference convention."""

    surface: str
    tokens: tuple[str, ...]
    titles: tuple[str, ...] = ()
    order: str = "given-first"  # or "family-first"
    refer_by: str = "last"  # which token the press uses on second reference: "last" or "first"
    gender: str | None = None
    variants: frozenset[str] = field(default_factory=frozenset)

    @property
    def full(self) -> str:
        return " ".join(self.tokens)

    @property
    def key(self) -> str:
        return name_key(self.full)

    @property
    def family(self) -> str:
        if not self.tokens:
            return ""
        return self.tokens[0] if self.order == "family-first" else self.tokens[-1]

    @property
    def given(self) -> str:
        if len(self.tokens) < 2:
            return ""
        return " ".join(self.tokens[1:] if self.order == "family-first" else self.tokens[:-1])

    def second_reference(self) -> str:
        """The one word a newspaper uses for this person after the first mention."""
        if not self.tokens:
            return ""
        return self.tokens[0] if self.refer_by == "first" else self.tokens[-1]

    def reference_keys(self) -> dict[str, int]:
        """One-word references to this person, ranked: 2 = the conventional one, 1 = possible."""
        keys: dict[str, int] = {}
        if len(self.tokens) < 2:
            return keys
        for tok in (self.tokens[0], self.tokens[-1]):
            keys[token_key(tok)] = 1
        if self.order == "given-first" and len(self.tokens) >= 3:
            for tok in self.tokens[1:-1]:  # "Zamora" for Jose Ruben Zamora Marroquin
                if tok.lower() not in NAME_PARTICLES:
                    keys.setdefault(token_key(tok), 1)
        keys[token_key(self.second_reference())] = 2
        if self.order == "given-first" and len(self.tokens) == 4 and self.tokens[-2].lower() not in NAME_PARTICLES:
            keys[token_key(self.tokens[-2])] = 2  # two given names, two surnames: the first surname is used
        # A last part written as two words ("Ey San") is also used joined ("Eysan").
        if self.refer_by == "last" and len(self.tokens) >= 3:
            keys.setdefault(token_key("".join(self.tokens[-2:])), 1)
        return keys


# Lower-case particles inside names: "Osama bin Laden", "Ludwig van Beethoven", "Ayman al-Zawahiri".
NAME_PARTICLES = frozenset("al el bin ibn bint abu van von der den de del della di da dos das du le la ter ten y"
                           .split())
# Patronymic words written in lower case after the father's name: they end a name ("Makhabat Tazhibek
# kyzy", "Bolot uulu") or link it to the family name in the full official form ("Rashad Vugar oglu Huseynli").
NAME_SUFFIXES = frozenset("kyzy uulu qizi kizi gizi qyzy gyzy ogly oglu oğlu ogli o'g'li uly".split())


def _culture(tokens: tuple[str, ...]) -> tuple[str, str]:
    """Guess (order, refer_by) from the name's shape and surname lists."""
    if len(tokens) < 2:
        return "given-first", "last"
    first, last = token_key(tokens[0]), token_key(tokens[-1])
    rest = tokens[1:]
    hyphen_given = any("-" in t for t in rest)
    if first in KOREAN_SURNAMES and (hyphen_given or len(tokens) == 3):
        return "family-first", "first"
    if first in CHINESE_SURNAMES and first not in KHMER_VIET_SURNAMES:
        return "family-first", "first"
    if first in KHMER_VIET_SURNAMES:
        return "family-first", "last"
    if first in KOREAN_SURNAMES or first in JAPANESE_SURNAMES or first in HUNGARIAN_SURNAMES:
        if last in JAPANESE_SURNAMES or last in HUNGARIAN_SURNAMES:
            return "given-first", "last"
        return "family-first", "first"
    return "given-first", "last"


def split_camel(token: str) -> list[str]:
    """Split a run-together name token at inner capitals ("SeoungSenKarona" -> 3 parts)."""
    parts = re.findall(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+", token)
    if len(parts) > 1 and all(len(p) >= 3 for p in parts):
        return parts
    return [token]


def given_name_gender(tokens: tuple[str, ...], order: str) -> str | None:
    """A gender hint from the given name ("Elaine", "Vladimir") or a Vietnamese middle name (Thị, Văn)."""
    if len(tokens) < 2:
        return None
    keys = [token_key(t) for t in tokens]
    if order == "family-first" and len(keys) >= 3:
        if keys[1] == "thi":
            return "f"
        if keys[1] == "van":
            return "m"
        return None
    first = keys[0]
    if first in FEMALE_GIVEN:
        return "f"
    if first in MALE_GIVEN:
        return "m"
    return None


@lru_cache(maxsize=65536)
def parse_name(surface: str) -> PersonName:
    """Parse a name as written into a PersonName (honorifics kept as titles)."""
    titles, rest = split_honorifics(surface)
    gender = next((HONORIFICS[t.lower()] for t in titles if HONORIFICS.get(t.lower())), None)
    rest = _NICKNAME.sub(" ", rest).strip()  # Mohamed “Oxygen” Ibrahim: the nickname is not a name part
    tokens = tuple(t for t in re.sub(r"\s*-\s*", "-", rest).split(" ") if t)
    order, refer_by = _culture(tokens)
    gender = gender or given_name_gender(tokens, order)
    return PersonName(surface=surface, tokens=tokens, titles=tuple(titles), order=order,
                      refer_by=refer_by, gender=gender)


_NICKNAME = re.compile(r"(?:^[\"“‘'(]?|\s[\"“‘'(])\s*[A-Z][\w\-]*(?:\s[A-Z][\w\-]*)?\s*[\"”’')]\s")


def nickname(surface: str) -> str | None:
    """The nickname written inside a name: Mohamed “Oxygen” Ibrahim -> "Oxygen"."""
    m = _NICKNAME.search(surface)
    return m.group(0).strip(" \"“”‘’'()") if m else None


def same_name(a: str, b: str) -> bool:
    """True when two written names are the same name (spacing/case/title insensitive)."""
    return bool(name_key(a)) and name_key(a) == name_key(b)


def name_words(name: str) -> tuple[str, ...]:
    """A name's words as compared (token keys), without the patronymic marks ("kyzy", "oglu")."""
    return tuple(token_key(t) for t in parse_name(name).tokens if t.lower() not in NAME_SUFFIXES)


def shortened_form(a: str, b: str) -> bool:
    """Whether one full name is the other with a middle or second family name added or dropped: the same
    first word, and one holds the other's words in order ("Edem Kossi Amegavi" / "Edem Amegavi", "Santos
    Efraín Guardado Alas" / "Santos Guardado"). Not a relative (who has a given name of their own), not
    another spelling."""
    ta, tb = name_words(a), name_words(b)
    if len(ta) < 2 or len(tb) < 2 or ta == tb or ta[0] != tb[0]:
        return False
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    rest = iter(long_)
    return len(short) < len(long_) and all(w in rest for w in short)


def other_given_name(a: str, b: str) -> bool:
    """Whether two full names share their end but not their start, neither a longer form of the other: a
    father and his daughter ("Omar Ben Salem" / "Leila Ben Salem"), never "Ben Salem" / "Omar Ben Salem"
    or "Omar Salem" / "Omar Ali Salem". One document naming both means two people."""
    ta, tb = name_words(a), name_words(b)
    if len(ta) < 2 or len(tb) < 2 or ta == tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if long_[-len(short):] == short or (long_[0] == short[0] and long_[-1] == short[-1]):
        return False  # a longer or a shorter form of one name
    return ta[-1] == tb[-1] and ta[0] != tb[0]


# Particles and article prefixes that transliterations write, drop or join at will: el-Sisi, al-Sisi, Sisi.
_TRANSLIT_PARTICLES = ("al-", "el-", "ul-", "ud-", "ad-", "as-", "ash-", "az-", "an-", "ar-", "at-")
# ("j" stays a consonant: read as "y" it vanished into the vowels, and "Loujain" became "Lina")
_SOUNDS = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("q", "k"), ("ck", "k"), ("c", "k"), ("z", "s"), ("w", "v"),
           ("x", "ks"))


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """A transliteration-blind key for one name token: accents, particles, doubled letters and inner
    h dropped, every vowel group one vowel, sounds spelled several ways unified (Mohammed ~ Mohamed,
    Baqer ~ Baker, Chuong ~ Choung). Length is kept: "Sok" and "Sokha" stay apart."""
    t = fold(token).lower()
    if t.isdigit():  # a number in a name ("Trang 2", a register's tag) tells two people apart
        return t
    for p in _TRANSLIT_PARTICLES:
        if t.startswith(p) and len(t) > len(p) + 2:
            t = t[len(p):]
    t = re.sub(r"[^a-z]", "", t)
    if not t:
        return ""
    for a, b in _SOUNDS:
        t = t.replace(a, b)
    t = t[0] + t[1:].replace("h", "")
    t = re.sub(r"[aeiouy]+", "a", t)
    return re.sub(r"(.)\1+", r"\1", t)


PATRONYMIC_LINKS = frozenset({"bin", "ibn", "bint", "binti"})


def loose_keys(surface: str) -> tuple[str, list[str], str]:
    """Keys for matching one person's names across outlets: the whole name (order-free skeleton),
    each run of two or more of its tokens (extra names: "Jimmy Lai" in "Jimmy Lai Chee-ying"), and
    the concatenated skeleton (spacing: "Chuong Choungy" ~ "Choung Chou Ngy")."""
    words = parse_name(surface).full.split(" ")
    # "Mohammed bin Nasser Al-Ghamdi" = "Muhammad Nasser Al-Ghamdi": a patronymic link is often left out
    words = [w for k, w in enumerate(words) if k == 0 or w.lower() not in PATRONYMIC_LINKS]
    pairs = [(skeleton(x), x.lower() in NAME_PARTICLES) for x in words]
    pairs = [(t, particle) for t, particle in pairs if t]
    tokens = [t for t, _ in pairs]
    if len(tokens) < 2:
        return "", [], ""
    whole = " ".join(sorted(tokens))
    runs = [" ".join(sorted(tokens[i:j])) for i in range(len(tokens)) for j in range(i + 2, len(tokens) + 1)
            if (i, j) != (0, len(tokens)) and len([1 for _, particle in pairs[i:j] if not particle]) >= 2]
    # (a run must hold two names: "al Hathloul" is a family, shared by sisters, not one person)
    if len(tokens) >= 3:  # the first and last names without the middle ones: "Juan Sebastián Chamorro"
        runs.append(" ".join(sorted((tokens[0], tokens[-1]))))
    cat = re.sub(r"([a-z])\1+", r"\1", "".join(tokens))  # doubled letters are spelling; digits are not
    return whole, runs, cat if len(cat) >= 8 else ""
