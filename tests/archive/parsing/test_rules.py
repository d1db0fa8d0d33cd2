"""General rules: boilerplate kinds, body lines that stay body, headlines, bylines, dates,
comments, refusals and outlet ties — with lines from many outlets, not just the seed files."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.parsing import LineKind, OutletSignature, ParseError, signature_from_text
from archive.parsing.boilerplate import classify_line
from archive.parsing.bylines import from_by_line, from_email, from_reporting_line

PARA = (
    "The city council voted 7-2 on Tuesday to approve the new budget, which includes money "
    "for road repairs and two new libraries."
)
PARA2 = "Opponents said the plan would raise property taxes for thousands of homeowners."


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Advertisement", LineKind.ADVERTISING),
        ("ADVERTISEMENT", LineKind.ADVERTISING),
        ("Sponsored", LineKind.ADVERTISING),
        ("Sponsored Content", LineKind.ADVERTISING),
        ("Story continues below advertisement", LineKind.ADVERTISING),
        ("Continue reading the main story", LineKind.ADVERTISING),
        ("Share", LineKind.NAVIGATION),
        ("Share this article", LineKind.NAVIGATION),
        ("Share on Facebook", LineKind.NAVIGATION),
        ("Tweet", LineKind.NAVIGATION),
        ("Facebook Twitter Email", LineKind.NAVIGATION),
        ("Skip to footer", LineKind.NAVIGATION),
        ("Skip to content", LineKind.NAVIGATION),
        ("Skip to main content", LineKind.NAVIGATION),
        ("Read more", LineKind.NAVIGATION),
        ("Read more: Senate passes stopgap bill", LineKind.NAVIGATION),
        ("Sign up for our Morning Briefing newsletter", LineKind.NAVIGATION),
        ("Sign up for The Guardian's daily newsletter here.", LineKind.NAVIGATION),
        ("Click here for more coverage", LineKind.NAVIGATION),
        ("AP Photo", LineKind.PHOTO),
        ("AP File Photo", LineKind.PHOTO),
        ("AP Photo/Evan Vucci", LineKind.PHOTO),
        ("(Photo: Screen capture)", LineKind.PHOTO),
        ("The mayor speaks at City Hall (Photo: John Smith/Staff)", LineKind.PHOTO),
        ("Photo: Getty Images", LineKind.PHOTO),
        ("Getty Images", LineKind.PHOTO),
        ("REUTERS/Kevin Lamarque", LineKind.PHOTO),
        ("Image caption Protesters gathered outside parliament on Monday", LineKind.PHOTO),
        ("Image copyright Getty Images", LineKind.PHOTO),
        ("Migrants wait at the border. (John Moore/Getty Images)", LineKind.PHOTO),
        ("© Copyright (c) 2018 News World Communications, Inc.", LineKind.COPYRIGHT),
        ("© 2018 The New York Times Company", LineKind.COPYRIGHT),
        ("Copyright 2018 The Associated Press. All rights reserved.", LineKind.COPYRIGHT),
        ("(c) 2018 Thomson Reuters", LineKind.COPYRIGHT),
        ("Copyright © 2018 Fox News Network, LLC", LineKind.COPYRIGHT),
        ("All rights reserved.", LineKind.COPYRIGHT),
        (
            "This content is published through a licensing agreement with Acquire Media "
            "using its NewsEdge technology.",
            LineKind.LICENSING,
        ),
        ("Distributed by Tribune Content Agency, LLC.", LineKind.LICENSING),
        (
            "This material may not be published, broadcast, rewritten or redistributed.",
            LineKind.LICENSING,
        ),
        ("anna.gorman@latimes.com", LineKind.CONTACT),
        ("Email: tips@example.org", LineKind.CONTACT),
        ("Contact Jane Doe at jane.doe@bostonglobe.com", LineKind.CONTACT),
        ("Reporting by David Shepardson; Editing by Chizu Nomiyama", LineKind.CREDIT),
        ("Additional reporting by Reade Levinson in New York", LineKind.CREDIT),
        ("Editing by Sandra Maler", LineKind.CREDIT),
        ("Writing by Lesley Wroughton", LineKind.CREDIT),
        (
            "Associated Press writer Jim Smith in Houston contributed to this report.",
            LineKind.CREDIT,
        ),
        ("By Jane Doe", LineKind.CREDIT),
        ("By Jane Doe and John Roe, Reuters", LineKind.CREDIT),
        ("BY MARK SHERMAN", LineKind.CREDIT),
        ("--", LineKind.SEPARATOR),
        ("—-", LineKind.SEPARATOR),
        ("***", LineKind.SEPARATOR),
        ("* * *", LineKind.SEPARATOR),
        ("___", LineKind.SEPARATOR),
        ("Please let us know if you're having issues with commenting.", LineKind.SITE),
        ("Please let us know if you’re having issues with commenting.", LineKind.SITE),
        ("Comments are closed.", LineKind.SITE),
        ("Privacy Policy | Terms of Use", LineKind.SITE),
    ],
)
def test_boilerplate_kinds(line, kind):
    assert classify_line(line) is kind
    assert classify_line(f"  {line}  ") is kind  # surrounding whitespace does not matter


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell 3% on Tuesday as investors sold off technology stocks.",
        "Copyright law is at the heart of the case, lawyers for both sides said.",
        "Copyright law is at the heart of the case…",
        "Shares of the company rose after the announcement.",
        "By Tuesday, the company had sold out of the new phone.",
        "By the end of the year, prices had doubled.",
        "Reporting by the newspaper showed the mayor knew of the plan.",
        "Advertisement revenue at the paper fell by half over five years.",
        "She said the photo was taken in 2016, before the election.",
        "He declined to share details of the agreement with reporters.",
        "Read more about the proposal in the council's 200-page report, which was released "
        "on Monday.",
        "All rights reserved, the lawyers said, would be defended in court.",
        "The group said its members would contact lawmakers this week.",
        "Getty Images, the photo agency, agreed to pay a $1 million fine on Monday.",
        "“Sponsored by whom?” the senator asked.",
        PARA,
    ],
)
def test_body_lines_stay_body(line):
    assert classify_line(line) is None


def test_long_lines_are_never_boilerplate():
    assert classify_line("© " + "word " * 100) is None


# --- headlines ---------------------------------------------------------------------------


def test_headline_after_leading_advertisement(parse):
    article = parse(f"Advertisement\n\nCity approves budget\n\nShare\n\n{PARA}\n\n{PARA2}\n")
    assert article.headline == "City approves budget"
    assert not article.headline_derived


def test_headline_followed_by_caption(parse):
    article = parse(f"Council approves budget\nMayor Jane Roe (Photo: City Hall)\n\n{PARA}\n")
    assert article.headline == "Council approves budget"
    assert article.lines[1].kind is LineKind.PHOTO


def test_file_starting_with_paragraph_has_no_headline(parse):
    article = parse(f"{PARA}\n\n{PARA2}\n")
    assert article.headline == ""
    assert article.headline_derived
    assert article.title == "The city council voted 7-2 on Tuesday to approve the new budget…"
    assert article.paragraphs[0] == PARA
    assert any("derived" in note for note in article.notes)


def test_derived_title_short_sentence_and_abbreviations(parse):
    article = parse("Mr. Smith went to Washington. He stayed for a week and then left again.\n")
    assert article.title == "Mr. Smith went to Washington"
    assert article.headline_derived


def test_short_sentence_with_period_is_not_a_headline(parse):
    article = parse(f"She also warned of other consequences.\n\n{PARA}\n")
    assert article.headline == ""


def test_headline_may_end_with_question_mark(parse):
    article = parse(f"Is the budget too big?\n\n{PARA}\n")
    assert article.headline == "Is the budget too big?"


def test_leading_pull_quote_is_body_not_headline(parse):
    article = parse(f"“We will not back down”\n\n{PARA}\n")
    assert article.headline == "" and article.headline_derived
    assert article.paragraphs[0] == "“We will not back down”"


def test_headline_followed_by_pull_quote(parse):
    article = parse(f"Council approves budget\n“We will not back down”\n{PARA}\n")
    assert article.headline == "Council approves budget"


# --- bylines -----------------------------------------------------------------------------


def test_by_line_byline(parse):
    article = parse(f"Budget passes\n\nBy Jane Doe and John Roe, Reuters\n\n{PARA}\n")
    assert article.byline == "Jane Doe and John Roe"
    assert article.lines[1].kind is LineKind.CREDIT
    assert PARA in article.paragraphs and len(article.paragraphs) == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Sarah N. Lynch", "Sarah N. Lynch"),
        ("By Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe and Ann Poe"),
        ("By The Associated Press", ""),
        ("By Jane Doe | Staff Writer", "Jane Doe"),
    ],
)
def test_from_by_line(line, expected):
    assert from_by_line(line) == expected


def test_reporting_by_credit():
    line = (
        "Reporting by Sarah N. Lynch in Washington and Mica Rosenberg in New York "
        "Additional reporting by Reade Levinson in New York"
    )
    assert from_reporting_line(line) == "Sarah N. Lynch and Mica Rosenberg"
    assert from_reporting_line("Reporting by Jan Wolfe; Editing by Leslie Adler") == "Jan Wolfe"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("anna.gorman@latimes.com", "Anna Gorman"),
        ("Contact: john_smith@example.com", "John Smith"),
        ("newsroom@latimes.com", ""),
        ("info@example.com", ""),
        ("letters@nytimes.com", ""),
        ("jsmith@example.com", ""),
    ],
)
def test_byline_from_email(line, expected):
    assert from_email(line) == expected


def test_by_line_wins_over_email(parse):
    article = parse(f"Budget passes\n\nBy Jane Doe\n\n{PARA}\n\n--\n\nanna.gorman@latimes.com\n")
    assert article.byline == "Jane Doe"


# --- dates -------------------------------------------------------------------------------


def test_date_marker_alone_on_its_line(parse):
    article = parse(f" date 2018-03-22\nBudget passes\n\n{PARA}\n")
    assert article.published == dt.date(2018, 3, 22)
    assert article.lines[0].kind is LineKind.SITE
    assert article.headline == "Budget passes"


def test_date_marker_followed_by_paragraph(parse):
    article = parse(f" date 2018-03-22 {PARA}\n{PARA2}\n")
    assert article.published == dt.date(2018, 3, 22)
    assert article.paragraphs == (PARA, PARA2)
    assert article.headline == "" and article.headline_derived


def test_invalid_marker_date_is_ignored(parse):
    article = parse(f" date 2018-02-30 {PARA}\n")
    assert article.published is None
    assert article.paragraphs == (PARA,)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: March 22, 2018", dt.date(2018, 3, 22)),
        ("Posted on 2018-03-22", dt.date(2018, 3, 22)),
        ("Updated Mar. 22, 2018 4:12 p.m. ET", dt.date(2018, 3, 22)),
        ("March 22, 2018", dt.date(2018, 3, 22)),
        ("Thursday, March 22, 2018", dt.date(2018, 3, 22)),
        ("22 March 2018", dt.date(2018, 3, 22)),
        ("Published: February 30, 2018", None),
    ],
)
def test_explicit_publication_dates(parse, line, expected):
    article = parse(f"Budget passes\n{line}\n\n{PARA}\n")
    assert article.published == expected
    assert article.headline == "Budget passes"
    assert article.lines[1].kind is LineKind.SITE


def test_published_preferred_over_updated(parse):
    text = f"Budget passes\nUpdated: March 23, 2018\nPublished: March 22, 2018\n\n{PARA}\n"
    assert parse(text).published == dt.date(2018, 3, 22)


def test_date_inside_a_sentence_is_not_a_publication_date(parse):
    article = parse(f"Budget passes\n\nIn December 2017, the council met. {PARA}\n")
    assert article.published is None
    assert len(article.paragraphs) == 1


# --- comments and refusals ---------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Join the discussion",
        "Comments",
        "12 comments",
        "Leave a comment",
        "Reader comments",
        "Show comments",
    ],
)
def test_comment_sections(parse, heading):
    article = parse(f"Budget passes\n\n{PARA}\n\n{heading}\nGreat news!\nTerrible idea.\n")
    assert article.comments is not None
    assert article.comments.heading == heading
    assert article.comments.comments == ("Great news!", "Terrible idea.")
    assert article.paragraphs == (PARA,)


def test_comment_heading_before_body_is_not_a_section(parse):
    article = parse(f"Comments\n\n{PARA}\n")
    assert article.comments is None


def test_comments_only_is_refused(parse):
    with pytest.raises(ParseError, match="no article body"):
        parse("Join the discussion\nGreat news!\nTerrible idea, really awful stuff here.\n")


def test_boilerplate_only_is_refused(parse):
    with pytest.raises(ParseError, match="no article body"):
        parse("Advertisement\n\nShare\n\n© 2018 Example Media\n\n--\n")


def test_headline_only_is_refused(parse):
    with pytest.raises(ParseError, match="no article body"):
        parse("Advertisement\n\nBudget passes\n\nShare\n")


def test_crlf_line_endings(parse):
    article = parse(f"Budget passes\r\n\r\n{PARA}\r\n\r\nAdvertisement\r\n")
    assert article.headline == "Budget passes"
    assert article.paragraphs == (PARA,)


# --- outlets -----------------------------------------------------------------------------


def test_signature_from_text():
    sig = signature_from_text(
        "example",
        "Example News",
        "www.Example.com",
        "# comment\n\nExample Media Group\nre:^EXAMPLE CITY \\(EXN\\)\n@example-news.net\n",
    )
    assert sig.phrases == ("Example Media Group",)
    assert sig.patterns == (r"^EXAMPLE CITY \(EXN\)",)
    assert sig.email_domains == ("example.com", "example-news.net")


def test_outlet_tie_is_unknown(parse):
    a = OutletSignature("a", "A", phrases=("Acme Media",))
    b = OutletSignature("b", "B", phrases=("Beta Press",))
    text = f"Budget passes\n\n{PARA}\n\n© 2018 Acme Media and Beta Press\n"
    assert parse(text, sigs=[a, b]).source is None
    assert parse(text, sigs=[a]).source == "a"


def test_copyright_outranks_body_mention(parse):
    a = OutletSignature("a", "A", phrases=("Acme Media",))
    b = OutletSignature("b", "B", phrases=("Beta Press",))
    text = f"Budget passes\n\nBeta Press first reported the vote. {PARA}\n\n© 2018 Acme Media\n"
    article = parse(text, sigs=[a, b])
    assert article.source == "a"
    assert article.source_evidence == "© 2018 Acme Media"


def test_body_mention_alone_is_not_enough(parse, signatures):
    text = f"Budget passes\n\nThe plan was first reported by Reuters and Fox News. {PARA}\n"
    assert parse(text).source is None


def test_comment_mentions_are_ignored(parse):
    text = f"Budget passes\n\n{PARA}\n\nComments\nThe Washington Post lies. Copyright 2018\n"
    assert parse(text).source is None


def test_agency_photo_credit_does_not_beat_publisher(parse):
    text = (
        f"Budget passes\n\nAP Photo/Evan Vucci\n\n{PARA}\n\n"
        "© 2018 News World Communications, Inc.\n"
    )
    assert parse(text).source == "the-washington-times"


def test_dateline_pattern_in_body(parse):
    text = f"Budget passes\n\nWASHINGTON (Reuters) - {PARA}\n"
    assert parse(text).source == "reuters"


def test_syndication_notice_does_not_name_the_outlet(parse):
    text = f"Budget passes\n\n{PARA}\n\nThis article was provided by The Associated Press.\n"
    article = parse(text)
    assert article.lines[-1].kind is LineKind.LICENSING
    assert article.source is None
    text = (
        f"Budget passes\n\n{PARA}\n\nAssociated Press writer Jo Lee contributed to this report.\n"
    )
    assert parse(text).source is None
