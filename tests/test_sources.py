"""Independent sources: one outlet's several articles and copies of one story count once."""

from casetrail.casefile.sources import outlet_from_text, source_groups, wire_credit

STORY = ("Police arrested opposition activist Omar Haddad on Monday in the capital after he posted a video "
         "criticising the interior minister, his lawyer said, adding that he would appeal the detention order.")


def test_outlet_from_what_the_article_says_of_itself():
    assert outlet_from_text("He told The Post from his hideout that he was safe.") == "The Post"
    assert outlet_from_text("Speaking to RFA’s Khmer Service on Friday, she said…") == "Radio Free Asia"
    assert outlet_from_text("No outlet is named here.") is None


def test_source_groups():
    docs = [{"id": "1", "outlet": "Phnom Penh Post", "body": "a b c"},
            {"id": "2", "outlet": "The Post", "body": "d e f"},
            {"id": "3", "outlet": None, "body": STORY},
            {"id": "4", "outlet": None, "body": "REUTERS — " + STORY},
            {"id": "5", "outlet": None, "body": "A different story about a different arrest entirely, told anew."},
            {"id": "6", "outlet": "Radio Free Asia", "body": "x y z"}]
    g = source_groups(docs)
    assert g["1"] == g["2"]  # "The Post" is the Phnom Penh Post when both occur
    assert g["3"] == g["4"]  # a copy of one story
    assert len({g["3"], g["5"], g["6"], g["1"]}) == 4


def test_a_wire_story_is_told_by_its_credits_not_by_a_photo_credit_or_a_citation_in_passing():
    assert wire_credit("The lawyer said the charges were false.", "LIMA, Peru (AP) —") == "Associated Press"
    assert wire_credit("A court jailed the editor on Monday.\n\n— AFP") == "Agence France-Presse"
    assert wire_credit("The editor was jailed, Reuters reported on Monday. Her lawyer appealed.") == "Reuters"
    assert wire_credit("He was held for a week.\n\nReporting by Ana Ruiz; Editing by Tom Lee") == "Reuters"
    assert wire_credit("The editor waves to supporters (AP Photo/Ana Ruiz) outside the court.") is None
    filler = "The trial went on for weeks. " * 30
    assert wire_credit(filler + "Anadolu reported that she was moved to another prison. " + filler) is None


def test_ten_sites_republishing_one_agency_story_are_one_source():
    docs = [{"id": f"site{k}", "outlet": f"Local Site {k}", "wire": "Associated Press", "body": f"copy {k}"}
            for k in range(10)]
    docs += [{"id": "ap", "outlet": "The Associated Press", "body": "the agency's own page"},
             {"id": "own", "outlet": "The Ledger", "body": "a story of its own"}]
    labels = source_groups(docs)
    assert len({labels[f"site{k}"] for k in range(10)} | {labels["ap"]}) == 1
    assert labels["own"] != labels["ap"]
