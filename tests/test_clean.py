"""Cleaning text saved from the web: page furniture goes, the body keeps a map to original offsets."""

import unicodedata
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from casetrail.ingest.clean import clean_text

PAGE = """Logo of Daily Sentinel newspaper Daily Sentinel - Blogger jailed for criticising minister

Blogger jailed for criticising minister

Content image - Daily Sentinel
Blogger Ana Ruiz leaves the courthouse on Monday. Photo supplied

Blogger jailed for criticising minister

A court on Monday jailed blogger Ana Ruiz for two years over posts that criticised the interior minister.

Ruiz said she would appeal.

Activists gather outside the court on Monday. (Juan Perez)
Activists gather outside the court on Monday. (Juan Perez)

[email protected], [email protected]

MOST VIEWED

  • Storm hits coast, thousands without power

    Heavy rains battered the northern coast on Sunday, leaving thousands without power, officials said in a statement

  • Minister opens new bridge

    The transport minister, Carla Gomez, opened the bridge on Friday

Related Stories
"""


def test_furniture_is_dropped_and_the_story_kept():
    c = clean_text(PAGE)
    assert c.title == "Blogger jailed for criticising minister"
    assert c.outlet == "Daily Sentinel"
    assert c.body.split("\n\n") == [
        "A court on Monday jailed blogger Ana Ruiz for two years over posts that criticised the interior minister.",
        "Ruiz said she would appeal."]
    reasons = {r for r, _ in c.dropped}
    assert {"logo", "title", "image", "caption", "sidebar", "email"} <= reasons
    assert "Carla Gomez" not in c.body and "Juan Perez" not in c.body


def test_offsets_map_back_to_the_original_characters():
    c = clean_text(PAGE)
    for i in range(0, len(c.body)):
        if c.body[i] != "\n":
            assert PAGE[c.offsets.to_original(i)] == c.body[i]


def test_a_page_flattened_onto_one_line_keeps_its_article():
    """Without line breaks the logo line is the whole page: only the logo's words go."""
    flat = " ".join(PAGE.split())
    c = clean_text(flat)
    assert c.outlet == "Daily Sentinel" and c.body.startswith("Daily Sentinel - Blogger jailed")
    assert "jailed blogger Ana Ruiz for two years" in c.body and "Logo of" not in c.body
    assert ("logo", "Logo of Daily Sentinel newspaper") in c.dropped
    for i in range(len(c.body)):
        if not c.body[i].isspace():
            assert flat[c.offsets.to_original(i)] == c.body[i]


def test_wire_dateline_is_metadata_not_text():
    c = clean_text("KYIV, Ukraine (AP) — Police detained a journalist on Friday, her editor said.")
    assert c.body.startswith("Police detained")
    assert c.dateline == "KYIV, Ukraine (AP) —"
    assert c.outlet == "Associated Press"
    assert "KYIV, Ukraine (AP) — Police"[c.offsets.to_original(0)] == "P"


def test_plain_article_passes_through_unchanged():
    text = "First paragraph of the story.\n\nSecond paragraph, with a quote: “We will fight,” she said."
    c = clean_text(text)
    assert c.body == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_cleaner_never_crashes_and_offsets_stay_inside_the_original(text):
    c = clean_text(text)
    for i in range(len(c.body)):
        j = c.offsets.to_original(i)
        assert 0 <= j <= len(text)
        if c.body[i] not in "\n":  # a control character is read as a space, one for one
            assert text[j] == c.body[i] or (c.body[i] == " " and unicodedata.category(text[j]) == "Cc")


def test_bylines_credits_and_page_chrome_go():
    page = ("Journalist detained in Minsk\n\nBy Sarah Johnson and Peter Novak, Reuters\n\n"
            "Image source, Getty Images\n\nImage caption, Protesters outside the court on Friday\n\n"
            "Police detained journalist Lena Petrova on Friday, her editor Ivan Markov said.\n\n"
            "“She did nothing wrong,” Markov said.\n\nShare this article\n\nFollow us on Twitter\n\n"
            "Reporting by Sarah Johnson in Vilnius; Editing by Peter Novak\n\n"
            "Our Standards: The Thomson Reuters Trust Principles.\n\n© 2023 Example News. All rights reserved.")
    c = clean_text(page)
    assert c.body.split("\n\n") == ["Police detained journalist Lena Petrova on Friday, her editor Ivan Markov said.",
                                    "“She did nothing wrong,” Markov said."]
    assert "Sarah Johnson" not in c.body and "Peter Novak" not in c.body
    assert {"byline", "chrome"} <= {r for r, _ in c.dropped}


def test_a_sentence_starting_with_by_is_not_a_byline():
    text = "By Friday, police had detained 40 protesters in the capital, officials said."
    assert clean_text(text).body == text


def test_offset_map_round_trips_through_json():
    from casetrail.ingest.clean import OffsetMap

    c = clean_text(PAGE)
    again = OffsetMap.from_json(c.offsets.to_json())
    assert [again.to_original(i) for i in range(len(c.body))] == [c.offsets.to_original(i) for i in range(len(c.body))]


def test_inline_teaser_date_line_and_unsigned_byline():
    text = ("Bloggers detained\n\nRyan Cole\n\nJune 15, 2022\n\nTwo bloggers were detained on June 15. SEE ALSO: "
            "Capital Silent As Society Divided On WarImomali was charged with fraud.\n\n"
            "Dara Chan at her home on May 17, 2019 [File: Sam Ly/AFP]\n\n"
            "Dara Chan speaks with reporters.  Photo: EFE / Lu Wen")
    c = clean_text(text)
    assert c.published == date(2022, 6, 15)
    assert "Ryan Cole" not in c.body and "Sam Ly" not in c.body and "Lu Wen" not in c.body
    assert "SEE ALSO" not in c.body and "Imomali was charged with fraud." in c.body
    for start, length in [(c.body.index("Imomali"), 7)]:  # the offset map still points at the original
        orig = c.offsets.to_original(start)
        assert text[orig:orig + length] == "Imomali"


def test_date_metadata_line():
    c = clean_text(" date 2023-08-09 A man was jailed for a murder in the city on Friday.")
    assert c.published == date(2023, 8, 9) and c.body.startswith("A man was jailed")


def test_cleaning_grows_linearly_with_the_number_of_lines():
    import time

    text = "\n\n".join(f"In part {k}, the court sentenced the activist to prison." for k in range(50_000))
    started = time.perf_counter()
    c = clean_text(text)
    assert time.perf_counter() - started < 15 and c.body.count("\n\n") == 49_999


def test_credits_bylines_and_contact_lines_of_other_shapes_go():
    text = ("Body of the article, a paragraph long enough to be the article's first paragraph of prose.\n\n"
            "(Ana Lee / Associated Press)\n\n"
            "Jailed reporter Sam Oduya. (Photo by Ben Kiro via © Example.com)\n\n"
            "Sam Oduya. Photo PAP/Jan Nowak\n\n"
            "Police detain a woman outside the court on November 19, 2024. — AFP\n\n"
            "• Lee Park can be reached at lpark@example.com.\n\n"
            "Logo\n\n"
            "The court said the man was jailed for two years.")
    cleaned = clean_text(text)
    assert cleaned.body.splitlines()[0].startswith("Body of the article")
    for gone in ("Ana Lee", "Ben Kiro", "Jan Nowak", "AFP", "Lee Park", "Logo"):
        assert gone not in cleaned.body, gone
    assert cleaned.body.endswith("jailed for two years.")


def test_a_writer_line_with_its_date_gives_the_publication_date():
    cleaned = clean_text("Ana Ruiz Vega , Tuesday 18 Jul 2023\n\nA court in the capital sentenced a researcher to "
                         "three years in prison on Tuesday, his lawyer said.")
    assert cleaned.published is not None and cleaned.published.isoformat() == "2023-07-18"
    assert "Ana Ruiz" not in cleaned.body


def test_a_dateline_glued_to_its_dash_under_a_caption():
    cleaned = clean_text("Activists arrive at the court on Nov. 23, 2020. (Tyrone Ray/Reuters)\n\n"
                         "HONG KONG—The activist Lee Chan was remanded in custody on Monday after pleading guilty.")
    assert cleaned.body.startswith("The activist Lee Chan") and cleaned.dateline == "HONG KONG—"


def test_a_hard_wrapped_text_is_joined_back_into_its_sentences():
    lines = ["POLICE on Monday arrested the journalist Amara Tendai and the opposition", "party leader Josiah "
             "Banda for allegedly inciting people to revolt against the", "government during protests planned "
             "for the end of the month.", "Tendai was arrested by armed officers of the Zimbabwe Republic Police",
             "at his home in Harare, who forced their way into the house and seized", "his phones and laptops "
             "before driving him to the central police station.", "He is represented by Ruth Moyo, Paul Dube "
             "and Anna Ncube of the Lawyers", "for Human Rights group, who said the charges were politically "
             "motivated and", "would be challenged in the High Court in Harare this week by his team."]
    text = "\n".join(lines) + "\n"
    cleaned = clean_text(text)
    assert "opposition party leader Josiah Banda" in cleaned.body
    assert "by Ruth Moyo, Paul Dube and Anna Ncube of the Lawyers for Human Rights" in cleaned.body
    assert cleaned.body.count("\n\n") == 2  # three sentences, each a paragraph
    start = cleaned.body.index("Josiah")
    assert text[cleaned.offsets.to_original(start):].startswith("Josiah")


def test_ordinary_paragraphs_are_not_joined():
    text = "A short headline\n\nThe first paragraph is a sentence.\n\nThe second one is too.\n"
    assert "\n\n" in clean_text(text).body


def test_video_teasers_captions_and_timestamped_bylines_are_furniture():
    text = ("12:40, 3 March 2025, Tallinn - news agency , Mari KASK\n"
            "A court in the capital sentenced the blogger Rein Tamm to three years in prison on Monday.\n"
            "Tamm, right, waves to supporters outside the court. AFP – JAAN LEPP\n"
            "His lawyer said he would appeal the ruling.\n"
            "Live updates: Minister Anna Kivi visits the border region\n"
            "01:13\n"
            "Priit Saar and Liis Mets sentenced to 20 years for embezzlement\n"
            "Go to video\n"
            "Football star Karl Oja injured before the final\n")
    cleaned = clean_text(text)
    assert cleaned.body == ("A court in the capital sentenced the blogger Rein Tamm to three years in prison on Monday."
                            "\n\nHis lawyer said he would appeal the ruling.")


def test_a_sidebar_header_with_its_teasers_on_one_line_is_furniture():
    """"Most read: A | B" is a sidebar written on one line; a body line that merely starts with such a word
    and says a sentence stays."""
    text = ("Harbour town court fines a fisherman for smuggling diesel\n"
            "The district court fined Tomas Vela 2,000 euros on Friday.\n"
            "Most read: Ferry fares rise again | Protest at the shipyard enters its second week\n"
            "Also read: Lighthouse keepers count the cost of the storm\n"
            "Latest: The court said Vela would pay the fine in instalments.\n")
    body = clean_text(text).body
    assert "Ferry fares" not in body and "Lighthouse" not in body and "Protest" not in body
    assert "Vela would pay the fine in instalments." in body
    assert "fined Tomas Vela 2,000 euros" in body


def test_a_masthead_and_a_section_line_are_the_outlet_and_furniture_the_headline_is_the_title():
    text = ("The Lakeside Sentinel\n"
            "COURTS | Tuesday, March 4, 2025\n\n"
            "Harbour town court jails union leader for three years\n\n"
            "Tarbes (LSP) - The district court on Monday jailed the union leader Tomas Vela for three years.\n")
    cleaned = clean_text(text)
    assert cleaned.outlet == "The Lakeside Sentinel"
    assert cleaned.title == "Harbour town court jails union leader for three years"
    assert cleaned.published == date(2025, 3, 4)
    assert cleaned.body == "The district court on Monday jailed the union leader Tomas Vela for three years."
    assert cleaned.dateline == "Tarbes (LSP) -"


def test_a_first_line_with_a_colon_is_no_masthead_and_a_day_month_year_line_is_a_date():
    text = ("Categories: Politics\n\n"
            "Union leader Tomas Vela jailed for three years after strike\n\n"
            "Friday 14 November 2025\n\n"
            "News | Courts > Region\n\n"
            "The district court on Monday jailed the union leader Tomas Vela for three years.\n")
    cleaned = clean_text(text)
    assert cleaned.outlet is None
    assert cleaned.published == date(2025, 11, 14)
    assert "News" not in cleaned.body and cleaned.body.startswith("The district court")
