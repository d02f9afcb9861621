"""Independent sources: one outlet's several articles and copies of one story count once."""

from casetrail.casefile.sources import outlet_from_text, source_groups

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
