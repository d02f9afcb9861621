"""Word lists the extractors share: reporting verbs, role nouns, organisation words, pronouns.

Event triggers live in ``casetrail/domain/ontology.yaml``; these are the general English word
classes that speaker attribution, coreference and status detection need.
"""

from __future__ import annotations

# Verbs that introduce speech, direct or indirect (lemmas).
REPORTING_VERBS = frozenset("""
say tell claim add write ask reply answer explain insist argue state declare announce note warn continue
reiterate characterise characterize describe reject deny admit acknowledge suggest urge inveigh accuse allege
complain stress emphasise emphasize tweet post comment remark recall testify contend maintain concede confirm
predict quip vow pledge promise assert plead lament criticise criticize demand dismiss rebuff refute dispute
repeat observe agree disagree believe express question mock scoff retort counter report told exclaim shout
sigh joke muse wonder recount disclose reveal blast slam decry condemn denounce speak
""".split())
# Reporting verbs that also routinely take non-speech objects; they count only with a clause or quote.
WEAK_REPORTING_VERBS = frozenset("continue add express question post report charge note".split())
# Verbs whose speaker takes the opposite stance to what follows.
DENIAL_VERBS = frozenset("deny reject dismiss refute rebuff dispute".split())
CLAIM_VERBS = frozenset("claim allege accuse insist contend maintain".split())
ADMIT_VERBS = frozenset("admit acknowledge concede confess".split())
# Nouns that name a statement; a denial of one of them answers an earlier claim.
STATEMENT_NOUNS = frozenset("""
claim claims allegation allegations accusation accusations assertion statement remark remarks charge charges
plea request call demand act suggestion report reports account story criticism criticisms
""".split())

# Nouns naming a person by role; used for roles, descriptions and name repairs.
ROLE_NOUNS = frozenset("""
spokesman spokeswoman spokesperson analyst activist president minister leader lawmaker director professor
lawyer attorney journalist critic official secretary undersecretary chairman chairwoman chair member senator
judge prosecutor ambassador researcher monk blogger dissident reporter editor founder head chief governor
commander general deputy candidate opponent defender advocate economist student worker farmer teacher
dictator premier king queen prince ruler mayor officer inspector investigator commissioner representative
envoy diplomat politician mp legislator campaigner organiser organizer unionist priest cleric pastor
writer poet artist singer musician filmmaker scholar academic expert observer coordinator manager owner
businessman businesswoman tycoon plaintiff defendant victim witness suspect detainee prisoner refugee exile
wife husband daughter son mother father brother sister widow fugitive commentator vice-president
""".split())
# Nouns for a person that are not roles ("a man", "a 34-year-old woman").
PERSON_NOUNS = frozenset("""
man woman boy girl person teenager youth resident citizen national mother father grandmother grandfather
""".split())
# Role nouns that present someone as a target of persecution rather than an official.
CRITIC_NOUNS = frozenset("""
critic dissident activist analyst journalist blogger opponent defender campaigner commentator fugitive exile
refugee writer poet artist student unionist
""".split())
# Role words that present someone as acting for the state.
OFFICIAL_NOUNS = frozenset("""
spokesman spokeswoman spokesperson minister official secretary undersecretary judge prosecutor police
officer governor ambassador mayor commander premier king queen prince ruler dictator inspector investigator
commissioner envoy detective constable sergeant superintendent magistrate
""".split())
# Role words a later description uses for an earlier one ("Justice Baker" ... "the judge said").
ROLE_SYNONYMS = {
    "justice": {"judge"}, "magistrate": {"judge"}, "attorney": {"lawyer"}, "counsel": {"lawyer"},
    "advocate": {"lawyer"}, "barrister": {"lawyer"}, "solicitor": {"lawyer"}, "kc": {"lawyer"},
    "bishop": {"cleric", "prelate"}, "priest": {"cleric"}, "imam": {"cleric"}, "monsignor": {"cleric", "bishop"},
    "cardinal": {"cleric"}, "pastor": {"cleric"}, "rabbi": {"cleric"}, "spokesman": {"spokesperson"},
    "spokeswoman": {"spokesperson"}, "businessman": {"businessperson"}, "businesswoman": {"businessperson"},
    "philanthropist": {"businessman"}, "reporter": {"journalist"}, "correspondent": {"journalist"},
    "blogger": {"journalist"}, "editor": {"journalist"}, "scholar": {"academic"}, "professor": {"academic"},
}
# Nouns by which an article refers back to an organisation that spoke ("the group said in a statement").
ORG_SPEAKER_NOUNS = frozenset("""
group organisation organization watchdog ministry agency committee body party government company association
union ngo charity foundation coalition network movement commission council office embassy
court tribunal newspaper paper journal daily outlet broadcaster
""".split())
# Nouns of a court's decision, which speaks for the court: "the ruling said", "the judgment found".
RULING_NOUNS = frozenset("ruling judgment judgement verdict decision".split())
# Verbs by which a court or its ruling states what it decided: "the court ruled that…", "it found that…".
RULING_VERBS = frozenset("rule find hold conclude decide determine".split())
# Nouns for a document an organisation issues ("according to a statement", "the report said").
DOCUMENT_NOUNS = frozenset("statement report communique communiqué release letter document documents".split())
# Online platforms, which NER often takes for people ("she said on Twitter").
PLATFORMS = frozenset("""
twitter facebook instagram youtube telegram whatsapp tiktok weibo wechat signal linkedin reddit snapchat
vkontakte substack
""".split())
# Words that make a capitalised span an organisation, not a person.
ORG_WORDS = frozenset("""
party court ministry council committee bank university group association service government organisation
organization commission agency office police army watch news post times radio network union league front
movement institute foundation fund embassy department assembly parliament senate board authority authorities
company corporation club center centre society federation coalition alliance tribunal prison school
international initiative project campaign network institute agency bureau commission kremlin newspaper
magazine channel television tv broadcaster daily weekly airlines holdings limited ltd inc llc plc vcc corp
gmbh ventures capital partners enterprises industries technologies gazette herald tribune chronicle bulletin
courier telegraph journal
""".split())
# Nouns for an organisation or outlet that stand beside its name: "Belta, the state agency", "the portal X".
ORG_NOUNS = frozenset("""
agency portal newspaper paper outlet website site broadcaster channel magazine daily weekly company firm
group organisation organization party station network service network publication tabloid news
""".split())
# Words before a role noun that keep it a bare role: "Senior Researcher", "Deputy Chair", "Vice President".
ROLE_MODIFIERS = frozenset("""
senior deputy vice chief acting former assistant associate executive general special regional interim joint
first second third principal managing all lead
""".split())
# Heads of a thing's name: "the Sakharov prize", "Muyinga prison", "a Mansoura … Court". Places and feasts
# ("Muyinga prison", "the Pchum Ben holiday") are never people; prizes, cases and laws may be named after one.
PLACE_HEADS = frozenset("""
prison jail camp colony court university college school airport hospital square bridge hall centre center
museum holiday festival celebration ceremony
""".split())
THING_HEADS = PLACE_HEADS | frozenset("""
prize award medal trophy foundation fund law act bill case trial affair scandal movement revolution election
uprising massacre protests war
""".split())

PRONOUNS_MALE = frozenset({"he", "him", "his", "himself"})
PRONOUNS_FEMALE = frozenset({"she", "her", "hers", "herself"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "that", "which"})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

# Heads under which an infinitive trigger really happened ("was forced to flee", "managed to escape").
REALIZING_VERBS = frozenset("force compel oblige manage have begin start continue decide choose".split())
# Heads that make a complement unreal: intentions, attempts, fears, avoidance.
IRREALIS_VERBS = frozenset("""
try attempt want seek plan aim hope intend wish threaten spend use avoid fear risk prevent refuse expect
plot scheme vow promise pledge demand urge call ask help need like love hate order instruct plead push
""".split())
MODAL_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "can", "should", "must"})
MODAL_FUTURE = frozenset({"will", "shall", "'ll", "’ll"})
SCHEDULE_WORDS = frozenset({"set", "scheduled", "due", "expected", "slated", "planned", "await", "upcoming", "pending"})
REQUEST_VERBS = frozenset({"seek", "request", "demand", "ask", "call", "recommend", "propose", "urge"})
# Verbs that keep someone from an action: "barred from leaving", "forbidden to travel" (the action does not happen).
PREVENTING_VERBS = frozenset("bar ban prevent stop block forbid prohibit restrain".split())
