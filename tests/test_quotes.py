"""Direct quotes and their speakers, in the shapes news uses (AP, Reuters, AFP, Guardian styles)."""

from conftest import speakers


def test_speaker_after_and_inverted(annotate):
    doc = annotate("Police detained editor Maria Lopez on Thursday.\n\n"
                   "“We demand her immediate release,” said Tomas Ortega, the union’s chair.\n\n"
                   "“The arrest is lawful,” police spokesman Jorge Vidal told reporters.")
    assert speakers(doc) == [("We demand her immediate", "Tomas Ortega"), ("The arrest is lawful,", "Jorge Vidal")]


def test_speaker_before_with_a_colon_and_a_pronoun(annotate):
    doc = annotate("Human rights lawyer Ana Ruiz told reporters the trial was a sham.\n\n"
                   "She continued: “Nobody in that courtroom believed the charges were real.”")
    assert speakers(doc) == [("Nobody in that courtroom", "Ana Ruiz")]


def test_he_said_after_a_quote_goes_to_the_speaker_not_the_topic(annotate):
    doc = annotate("Jailed activist Omar Haddad was freed on Monday after two years in prison.\n\n"
                   "A fellow activist, Karim Nasser, said that he admired Haddad’s courage but worried about him.\n\n"
                   "“I congratulate him on his release, but I am worried about his safety.\n\n"
                   "“He should rest before he speaks to journalists again,” he said.")
    assert speakers(doc) == [("I congratulate him on", "Karim Nasser"), ("He should rest before", "Karim Nasser")]


def test_quote_only_paragraphs_take_the_attribution_of_their_run(annotate):
    doc = annotate("Exiled journalist Lena Petrova said on Sunday that she would keep writing.\n\n"
                   "“Every morning I think about my country.\"\n\n"
                   "“My arrival here is not a happy event,” she said.")
    assert speakers(doc) == [("Every morning I think", "Lena Petrova"), ("My arrival here is", "Lena Petrova")]


def test_unattributed_quote_paragraph_goes_to_the_introducer(annotate):
    doc = annotate("Interior ministry spokesman Ivan Markov said that the activists merely wanted attention.\n\n"
                   "“They only want the chance to leave the country and live abroad.”")
    assert speakers(doc) == [("They only want the", "Ivan Markov")]


def test_second_quote_in_a_paragraph_keeps_the_speaker(annotate):
    doc = annotate("“So he wants a few prisoners released,” Mr. Ortega said on Tuesday. "
                   "“What about the thousands of others in the provinces?”")
    assert speakers(doc) == [("So he wants a", "Ortega"), ("What about the thousands", "Ortega")]


def test_partial_quote_inside_reported_speech(annotate):
    doc = annotate("Government spokesman Ivan Markov said the plea only showed that Ms. Ruiz’s "
                   "“back is against the wall and she knows it.”\n\n"
                   "Opposition lawmaker Ana Ruiz held out hope, saying that the holiday was a "
                   "“time to reflect on forgiveness and mercy.”")
    assert speakers(doc) == [("back is against the", "Ivan Markov"), ("time to reflect on", "Ana Ruiz")]


def test_charge_wording_is_not_speech(annotate):
    doc = annotate("The court sentenced Omar Haddad to two years in prison for “insulting the head of state and "
                   "spreading false news.”")
    assert [q.kind for q in doc._.casetrail_quotes] == ["charge"]


def test_reuters_style(annotate):
    doc = annotate("A court has sentenced activist Xu Zhiyong to 14 years, his lawyer said.\n\n"
                   "Fellow activist Ding Jiaxi was sentenced to 12 years, lawyer Liang Xiaojun told Reuters.\n\n"
                   "“The verdict is completely unacceptable,” Liang said. “Both men only wanted China to respect its "
                   "own constitution.”")
    assert speakers(doc) == [("The verdict is completely", "Liang Xiaojun"), ("Both men only wanted", "Liang Xiaojun")]


def test_afp_style_with_next_paragraph_attribution_not_borrowed(annotate):
    doc = annotate("\"I am in jail for my political views,\" Kara-Murza told the court. \"The darkness over our "
                   "country will dissipate.\"\n\nHis lawyer Vadim Prokhorov said the defence would appeal.")
    assert [s for _, s in speakers(doc)] == ["Kara-Murza", "Kara-Murza"]


def test_guardian_single_quote_style(annotate):
    doc = annotate("The rapper Toomaj Salehi has been sentenced to death, his lawyer said.\n\n"
                   "'The court has issued the harshest possible sentence,' his lawyer, Amir Raisian, told the Shargh "
                   "newspaper. 'We will appeal within the 20 days the law allows.'")
    assert speakers(doc) == [("The court has issued", "Amir Raisian"), ("We will appeal within", "Amir Raisian")]


def test_first_person_pronouns_inside_a_quote_denote_the_speaker(annotate):
    doc = annotate("“They arrested me twice,” Omar Haddad said.")
    me = next(t for t in doc if t.text == "me")
    assert doc._.casetrail_entities[doc._.casetrail_coref[me.i]].name == "Omar Haddad"


def test_role_of_the_speaker_is_kept(annotate):
    doc = annotate("“We will appeal,” defence lawyer Vadim Prokhorov said.")
    q = doc._.casetrail_quotes[0]
    assert q.role == "defence lawyer"


def test_according_to_and_organisations_as_speakers(annotate):
    doc = annotate("“The trial was a travesty of justice,” according to the lawyer Ana Ruiz.\n\n"
                   "“Toomaj Salehi is being punished for his music,” Amnesty International said.")
    assert speakers(doc) == [("The trial was a", "Ana Ruiz"), ("Toomaj Salehi is being", "Amnesty International")]


def test_titles_and_laws_in_quotes_are_not_speech(annotate):
    doc = annotate("She wrote an essay titled “Why the regime fears us so much” in 2019.\n\n"
                   "He was charged under the “Law on Protection of Public Order and Safety” in May.")
    assert [q.kind for q in doc._.casetrail_quotes] == ["title", "charge"]


def test_transcript_and_headline_speakers(annotate):
    doc = annotate("Lawmaker Sera Aydin spoke outside the court.\n\nSera Aydin: “This is the culmination of the "
                   "government’s revenge against the protesters.”\n\nKemal Ozturk: “The opinion reflects the "
                   "discourses of political actors.”")
    assert [s for _, s in speakers(doc)] == ["Sera Aydin", "Kemal Ozturk"]


def test_organisations_speak_through_statements(annotate):
    doc = annotate("Human Rights Watch demanded the release of the bloggers. HRW said the charges were bogus.\n\n"
                   "Amnesty International condemned the verdict. The group said in a statement, “Today we have "
                   "witnessed a travesty of justice of spectacular proportions.”\n\n"
                   "He was held for his “online criticism of the security forces and their destruction of homes”, "
                   "according to a statement.")
    got = [s for _, s in speakers(doc)]
    assert got == ["Amnesty International", "Human Rights Watch"]


def test_he_added_keeps_the_last_speaker_and_the_lawyer_is_the_lawyer(annotate):
    doc = annotate("Judge Erik Ramos granted journalist Pablo Mendez house arrest.\n\n"
                   "“For human rights reasons, the duration of imprisonment has exceeded its limits,” the judge "
                   "said.\n\nHe added, “Consequently, the following substitute measures are granted.”\n\n"
                   "Mendez's lawyer Ana Soto told reporters the court erred.\n\n"
                   "“This is not acceptable and I will meet him in prison to discuss appealing,” the lawyer said.")
    assert [s for _, s in speakers(doc)] == ["Erik Ramos", "Erik Ramos", "Ana Soto"]


def test_the_lawyer_is_the_persons_lawyer_not_a_lawyer_by_profession(annotate):
    doc = annotate("Cambodian American lawyer Sophal Chan was jailed on Tuesday.\n\nChan's lawyer Dara Keo told "
                   "reporters the court had ordered her arrest. Prime Minister Hun Sen. Local critics spoke.\n\n"
                   "“This is not acceptable and I will meet her in prison to discuss appealing,” the lawyer said.")
    assert speakers(doc)[-1][1] == "Dara Keo"
    assert not any(e.name.endswith("Local") for e in doc._.casetrail_entities)


def test_speaking_to_an_outlet_the_named_person_said(annotate):
    doc = annotate("Speaking to DW, Evren Isik, one of the lawyers in the case, said, “The decision has nothing "
                   "to do with the law.”")
    assert speakers(doc) == [("The decision has nothing", "Evren Isik")]


def test_a_statement_announced_by_a_colon_is_one_quote_a_dialogue_run_is_a_quote_each(tmp_path):
    from casetrail.build import build
    from casetrail.exports.evalexport import prediction
    from casetrail.store.store import Store

    (tmp_path / "a.txt").write_text(
        "A court upheld the editor's sentence on Monday.\n\nNora Bell, the group's director, said:\n\n"
        "“The courts must ensure a fair retrial for the editor.\n\n"
        "“All the convictions against him should be quashed without delay.”\n\n"
        "The editor, Tom Reed, spoke to reporters outside.\n\n“I did nothing wrong in my reporting at all.\n\n"
        "“They could not silence me, so they turned to my family instead,” he said.", encoding="utf-8")
    store = Store(str(tmp_path / "s.db"))
    build([str(tmp_path / "a.txt")], store)
    got = [(q["text"].split()[0:3], q["speaker"]) for q in prediction(store)["quotes"]]
    assert got == [(["The", "courts", "must"], "Nora Bell"), (["I", "did", "nothing"], "Tom Reed"),
                   (["They", "could", "not"], "Tom Reed")]


def test_document_owners_and_glued_marks_name_the_speaker(annotate):
    doc = annotate("“The defendant admitted to a scheme to defraud his employer over five years,” the press release "
                   "from the U.S. Department of Justice stated.\n\nThe Polish foreign ministry condemned the verdict, "
                   "calling it \"an unjust ruling by the court of an authoritarian state.\"\n\n"
                   "Prosecutor Ana Ruiz spoke after the verdict.\n\n"
                   "“It is a legal aberration and a terrible precedent”declared Ruiz crying.")
    speakers = [q.speaker_text if q.speaker is None else doc._.casetrail_entities[q.speaker].name
                for q in doc._.casetrail_quotes]
    assert speakers == ["U.S. Department of Justice", "Polish foreign ministry", "Ana Ruiz"]


def test_a_scare_quote_is_no_quotation_and_a_pronoun_is_never_a_speaker(annotate):
    doc = annotate("Rights groups say the reporter Ivo Rand was “wrongfully detained” last year.\n\n"
                   "“We will keep fighting for him until the very end,” he said.")
    kinds = [(q.text, q.kind) for q in doc._.casetrail_quotes]
    assert ("wrongfully detained", "term") in kinds
    spoken = [q for q in doc._.casetrail_quotes if q.kind == "speech"]
    assert spoken and all((q.speaker_text or "").lower() not in ("he", "she", "they") for q in spoken)


def _speakers(doc):
    ents = doc._.casetrail_entities
    return [(q.text[:20], ents[q.speaker].name if q.speaker is not None else None) for q in doc._.casetrail_quotes]


def test_a_statement_added_to_is_the_same_speaker_and_a_short_name_is_the_paper(annotate):
    doc = annotate('The police accused the reporter of spying. In a statement, the Daily Courier said it "rejects '
                   'the allegations of the police" – adding that the newspaper "wants the release of our reporter." '
                   '"We stand with him," the Courier said.')
    assert _speakers(doc) == [("rejects the allegati", "Daily Courier"), ("wants the release of", "Daily Courier"),
                              ("We stand with him,", "Daily Courier")]


def test_a_court_that_rules_is_the_speaker_of_the_words_it_is_quoted_with(annotate):
    doc = annotate('The Regional Court of Human Rights has ruled that the detention of the poet Ola Berg was aimed '
                   'at "silencing dissent" and "punishing critics".')
    assert _speakers(doc) == [("silencing dissent", "Regional Court of Human Rights"),
                              ("punishing critics", "Regional Court of Human Rights")]


def test_a_pull_quote_signed_with_a_dash(annotate):
    doc = annotate("Rights group decries verdict\n\n‘It is a new low’ - Mira Kos\n\n"
                   "Mira Kos, the group's director, said the verdict was unjust.")
    assert speakers(doc) == [("It is a new", "Mira Kos")]


def test_a_participle_opening_with_the_speaker_in_apposition_then_a_colon(annotate):
    doc = annotate("Responding to reports that a provincial court had jailed the blogger Ivo Brandt for six years, "
                   "Lena Hart, the monitor’s regional director, said:\n\n"
                   "“This verdict tells every critic to stay silent.\n\n"
                   "“Ivo Brandt must be freed now.”")
    assert [s for _, s in speakers(doc)] == ["Lena Hart", "Lena Hart"]


def test_a_ruling_speaks_for_the_court_that_ruled_and_it_goes_on_speaking(annotate):
    doc = annotate("The Regional Court of Justice has ruled that the country must free the editor Ivo Brandt, after "
                   "an appeal to the National Supreme Court failed.\n\n"
                   "The new ruling, released on Monday, said the judges accepted the original suspicion.\n\n"
                   "It said that his detention “served to silence the press”.")
    ents = doc._.casetrail_entities
    said = {q.text[:10]: ents[q.speaker].name for q in doc._.casetrail_quotes if q.speaker is not None}
    assert said == {"served to ": "Regional Court of Justice"}


def test_part_of_a_verdict_speaks_for_the_court(annotate):
    doc = annotate("The Provincial Court in Karvo convicted the blogger Ivo Brandt on Monday.\n\n"
                   "Part of the verdict read: “The posts were found to be genuine.”")
    ents = doc._.casetrail_entities
    assert [ents[q.speaker].name for q in doc._.casetrail_quotes] == ["Provincial Court"]


def test_she_said_after_an_organisation_s_quote_is_the_woman_who_spoke_before(annotate):
    doc = annotate("Lawyer Rima Haddad has lodged an appeal for her client.\n\n“The ruling shows the courts are "
                   "captured,” Amnesty International said in a statement.\n\nHaddad knows the odds. “We lose, we "
                   "appeal, we lose again,” she said.")
    got = dict(speakers(doc))
    assert got["We lose, we appeal,"] == "Rima Haddad"
