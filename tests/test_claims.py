"""Indirect speech and denials, each denial linked to what it answers."""


def claims(doc):
    ents = doc._.casetrail_entities
    return [(c.stance, ents[c.speaker].name if c.speaker is not None else c.speaker_text, c.content)
            for c in doc._.casetrail_claims]


def test_indirect_speech_with_stance(annotate):
    doc = annotate("Omar Haddad said he had no faith in the courts. He claimed that police beat him. "
                   "Haddad admitted that he had gone into hiding.")
    assert claims(doc) == [("assert", "Omar Haddad", "he had no faith in the courts"),
                           ("claim", "Omar Haddad", "police beat him"),
                           ("admit", "Omar Haddad", "he had gone into hiding")]


def test_according_to(annotate):
    doc = annotate("According to the lawyer Ana Ruiz, the hearing lasted ten minutes.")
    (stance, who, what), = claims(doc)
    assert (stance, who) == ("assert", "Ana Ruiz") and "hearing lasted ten minutes" in what


def test_denial_of_a_named_persons_claims_links_to_them(annotate):
    doc = annotate("Omar Haddad said the court issued the warrant to please the president.\n\n"
                   "Government spokesman Ivan Markov flatly rejected Haddad’s claims.")
    denial = next(c for c in doc._.casetrail_claims if c.stance == "deny")
    assert doc._.casetrail_entities[denial.about].name == "Omar Haddad"
    linked = [doc._.casetrail_claims[i].content for i in denial.target_claims]
    assert linked == ["the court issued the warrant to please the president"]


def test_denial_with_content_links_to_the_matching_claim(annotate):
    doc = annotate("Omar Haddad claimed that party leaders tried to recruit him to the ruling party.\n\n"
                   "Haddad said he had no money to pay.\n\n"
                   "Spokesman Ivan Markov also rejected Haddad’s claim that party leaders tried to recruit him.")
    denial = next(c for c in doc._.casetrail_claims if c.stance == "deny")
    linked = [doc._.casetrail_claims[i].content for i in denial.target_claims]
    assert linked == ["party leaders tried to recruit him to the ruling party"]


def test_passive_denial_in_the_same_sentence(annotate):
    doc = annotate("A fugitive critic is seeking asylum after claiming he was offered a post in the ruling party, "
                   "an allegation denied by party officials.")
    denial = next(c for c in doc._.casetrail_claims if c.stance == "deny")
    assert denial.speaker_text == "party officials" and denial.target == "an allegation"
    assert [doc._.casetrail_claims[i].stance for i in denial.target_claims] == ["claim"]


def test_charges_he_denies_links_to_the_charge(annotate):
    doc = annotate("Opposition politician Vladimir Kara-Murza was charged with treason, charges he denies.")
    denial = next(c for c in doc._.casetrail_claims if c.stance == "deny")
    assert [doc._.casetrail_events[i].type for i in denial.target_events] == ["CHARGE"]


def test_refusing_an_offer_is_not_a_denial(annotate):
    doc = annotate("Omar Haddad rejected the president’s efforts to lure him into the ruling party.")
    assert not [c for c in doc._.casetrail_claims if c.stance == "deny"]


def test_a_denial_with_its_own_content_links_nothing_unrelated(annotate):
    doc = annotate("Lawyer Dang Dinh Manh said the trial lasted one day.\n\n"
                   "The Foreign Ministry has repeatedly denied that the country holds political prisoners.")
    denial = next(c for c in doc._.casetrail_claims if c.stance == "deny")
    assert denial.content == "the country holds political prisoners"
    assert not denial.target_claims and not denial.target_quotes
