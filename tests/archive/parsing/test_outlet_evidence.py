"""Each kind of evidence that names a page's outlet, on small excerpts shaped like real pages, with
the outlets of ``fixtures/sources.json``; and the evidence that must not decide (a wrong outlet
must stay rarer than "unknown")."""

from __future__ import annotations

import pytest

from archive.parsing import signature_from_text
from archive.parsing.outlets import dateline_tag, signature_matches

PARA = ("The city council voted 7-2 on Tuesday to approve the new budget, which includes money "
        "for road repairs and two new libraries.")
PARA2 = ("Opponents said the plan would raise property taxes for thousands of homeowners across "
         "the county over the next five years.")


def _page(*lines: str, first: str = PARA) -> str:
    return "Budget passes after long night\n\n" + "\n\n".join((first, PARA2, *lines)) + "\n"


@pytest.mark.parametrize(
    ("first", "slug"),
    [
        (f"WASHINGTON (Reuters) - {PARA}", "reuters"),
        (f"LONDON, May 4 (AFP) — {PARA}", "afp"),
        (f"(CNN) {PARA}", "cnn"),
        (f"(CNN) — {PARA}", "cnn"),
        (f"NEW YORK (AP) — {PARA}", "associated-press"),
    ],
)
def test_datelines_with_an_agency_tag(parse, first, slug):
    article = parse(_page(first=first))
    assert article.source == slug
    assert article.source_evidence.startswith(first[:10])


def test_a_dateline_deep_in_the_story_is_a_quotation_not_the_outlet(parse):
    quoted = f"(Reuters) - {PARA}"
    assert parse(_page(PARA, PARA2, PARA, quoted)).source is None


def test_dateline_tags():
    assert dateline_tag("WASHINGTON (Reuters) - The vote was close.") == "Reuters"
    assert dateline_tag("Washington (CNN)The storm hit.") == "CNN"
    assert dateline_tag("(CNN) — The storm hit.") == "CNN"
    assert dateline_tag("The vote (a close one) was held.") is None
    assert dateline_tag("The vote was held (Reuters said).") is None


def test_reporting_and_editing_credits(parse):
    article = parse(_page("Reporting by Jane Doe; Editing by John Roe"))
    assert article.source == "reuters"


@pytest.mark.parametrize(
    ("line", "slug"),
    [
        ("© 2020 Cable News Network. A Warner Media Company. All Rights Reserved.", "cnn"),
        ("Copyright © 2019 The Washington Times, LLC.", "the-washington-times"),
        ("Copyright 2018 The Associated Press. All rights reserved. This material may not be "
         "published, broadcast, rewritten or redistributed.", "associated-press"),
    ],
)
def test_copyright_lines_name_their_holder(parse, line, slug):
    assert parse(_page(line)).source == slug


def test_a_copyright_line_of_another_holder_does_not_name_the_agency_it_quotes(parse):
    line = ("Copyright 2023 Sunbeam Television Corp. All rights reserved. This material may not "
            "be published, broadcast, rewritten or redistributed.")
    assert parse(_page(line)).source is None


def test_a_copyright_line_provided_by_a_supplier_is_syndication(parse):
    assert parse(_page("© Provided by The Guardian")).source is None


@pytest.mark.parametrize(
    ("line", "slug"),
    [
        ("CLICK HERE TO GET THE FOX NEWS APP", "fox-news"),
        ("Sign up for the Daily Mail newsletter to get the latest news in your inbox.",
         "daily-mail"),
        ("Follow MailOnline", "daily-mail"),
    ],
)
def test_newsletter_and_app_prompts(parse, line, slug):
    assert parse(_page(line)).source == slug


@pytest.mark.parametrize("line", ["www.latimes.com", "Read more at latimes.com"])
def test_the_sites_address_in_its_furniture(parse, line):
    article = parse(_page(line))
    assert article.source == "los-angeles-times"
    assert line not in article.body


def test_reporter_email_domains(parse):
    assert parse(_page("anna.gorman@latimes.com")).source == "los-angeles-times"


@pytest.mark.parametrize(
    ("line", "slug"),
    [
        ("Enlarge this image", "npr"),
        ("toggle caption", "npr"),
        ("Click here for reprint permission", "the-washington-times"),
        ("Democracy Dies in Darkness", "the-washington-post"),
        ("The BBC is not responsible for the content of external sites.", "bbc"),
    ],
)
def test_debris_peculiar_to_one_outlet(parse, line, slug):
    assert parse(_page(line)).source == slug


def test_links_to_other_outlets_stay_weak_evidence(parse):
    """A related-links box and a photo credit name other outlets: they never decide."""
    menu = ["More Stories", "The Hill", "New York Post", "Axios", "Politico"]
    article = parse(_page(*menu, "Kyle Ross/USA TODAY Sports"))
    assert article.source is None


def test_a_body_mention_is_a_citation(parse):
    assert parse(_page(first=f"{PARA} The mayor told Reuters the vote was fair.")).source is None


def test_signature_matches():
    signature = signature_from_text("x", "Example News", "example.com", "Example Media Group")
    assert signature_matches(signature, "© 2020 Example Media Group")
    assert signature_matches(signature, "Write to jo@example.com")
    assert not signature_matches(signature, "Nothing to see here")


def test_a_site_of_a_network_is_not_the_network(parse):
    """nymag.com's footer: the copyright is Vox Media's, the site is another of its network."""
    line = "intelligencer is a Vox Media Network. © 2020 Vox Media, LLC. All rights reserved."
    assert parse(_page(line)).source is None
    # Vox Media's copyright alone is still Vox's, and other evidence for it still counts.
    assert parse(_page("© 2020 Vox Media, LLC. All rights reserved.")).source == "vox"
    assert parse(_page(line, "Sign up for the Vox Media newsletter")).source == "vox"


def test_copy_supplied_by_an_outlet_on_another_companys_site_is_unknown(parse):
    """msn.com republishes The Guardian: "© Provided by The Guardian" and a link to its site,
    but the page's own copyright is Microsoft's, which no known outlet is."""
    supplied, link = "© Provided by The Guardian", "Read more at theguardian.com"
    foreign = "© 2020 Microsoft Privacy & Cookies Terms of use"
    assert parse(_page(supplied, link, foreign)).source is None
    assert parse(_page(supplied, link)).source == "the-guardian"
    # Without a sign of syndication, a company's copyright may be the outlet's parent's.
    assert parse(_page(link, foreign)).source == "the-guardian"
    # A holder sharing a word with the outlet's name is the outlet's company.
    line = "© 2020 CBS Interactive Inc."
    assert parse(_page("© Provided by CBS News", "CBSNews.com", line)).source == "cbs-news"


@pytest.mark.parametrize(
    "page",
    [
        f"Black voters are crucial for Democratic candidates - CBS News\n\n{PARA}\n\n{PARA2}\n",
        f"Coronavirus: £1,000 fine for false reports\n\n| CBS News\n\n{PARA}\n\n{PARA2}\n",
    ],
)
def test_the_sites_name_closing_its_title(parse, page):
    assert parse(page).source == "cbs-news"


def test_an_outlet_named_inside_a_title_is_not_the_site(parse):
    page = f"CBS News anchor wins award for coverage\n\n{PARA}\n\n{PARA2}\n"
    assert parse(page).source is None


def test_a_wire_dateline_on_a_page_of_another_publisher_is_unknown(parse):
    """A TV station's site runs AP copy: the dateline names the agency, the page's copyright its
    publisher, which no known outlet is. The page is neither AP's nor anyone's we know."""
    first = f"NEW YORK (AP) — {PARA}"
    line = "Copyright 2023 Sunbeam Television Corp. All rights reserved."
    assert parse(_page(first=first)).source == "associated-press"
    assert parse(_page(line, first=first)).source is None
