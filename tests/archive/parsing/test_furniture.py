"""Body vs page furniture on raw text, rule by rule, on small excerpts of real pages (shared/
real-pages and the kind of page they come from). Each test gives the parser a page and checks
what ends up in the body and what is removed, with which kind."""

from __future__ import annotations

import pytest

from archive.parsing import LineKind
from archive.parsing.furniture import Shape, classify, template_key

ARTICLE = (
    "For the first time in many years I am using a Linux machine for my work. In general I am "
    "extremely pleased with the system I have set up.\n\n"
    "But of course, there are things that do not just work, like copying selected text from a "
    "tmux pane to the clipboard of the desktop.\n\n"
    "As usual, StackOverflow knows the answer, and it is a short one that fits in a single "
    "line of the configuration file.\n"
)


def _kinds(article) -> dict[str, object]:
    return {line.text.strip(): line.kind for line in article.lines}


def test_a_menu_is_a_run_of_short_link_like_lines(parse):
    page = ("Copy & paste from tmux\n\nSkip to main content\nToggle navigation FlowFX\n\n"
            "Blog\nAbout\nNow\nContact\nArchive\n\n" + ARTICLE)
    article = parse(page)
    kinds = _kinds(article)
    for item in ("Blog", "About", "Now", "Contact", "Archive"):
        assert kinds[item] is LineKind.NAVIGATION, item
    assert len(article.paragraphs) == 3


def test_furniture_words_in_a_short_line(parse):
    page = ARTICLE + ("\nSubscribe to our St. Lucia Times Newsletter\n\nTop Menu\n\n"
                      "Mobile Apps\n\nPrivacy Policy and Cookies\n")
    article = parse(page)
    assert article.paragraphs[-1].startswith("As usual")
    kinds = _kinds(article)
    assert kinds["Subscribe to our St. Lucia Times Newsletter"].is_boilerplate
    assert kinds["Privacy Policy and Cookies"].is_boilerplate


def test_title_cased_teasers_far_from_the_article_are_removed(parse):
    page = ARTICLE + (
        "\nTRENDING\n\nSaint Lucia Records 23 New COVID-19 Cases\n\nApril 28, 2022\n\n"
        "Pierre Does Not Rule Out Saint Lucia Becoming A Republic\n\nApril 28, 2022\n"
    )
    article = parse(page)
    assert "Saint Lucia Records 23 New COVID-19 Cases" not in article.body
    assert "Pierre Does Not Rule Out Saint Lucia Becoming A Republic" not in article.body
    assert len(article.paragraphs) == 3


def test_a_subheading_inside_the_article_stays(parse):
    first, second, third = ARTICLE.strip().split("\n\n")
    page = f"Headline here\n\n{first}\n\nWhat Went Wrong\n\n{second}\n\n{third}\n"
    article = parse(page)
    assert "What Went Wrong" in article.paragraphs


def test_short_lines_between_paragraphs_stay(parse):
    """Ingredients, a line of code, a one-line sentence: short, but inside the article."""
    first, second, third = ARTICLE.strip().split("\n\n")
    page = (f"Headline here\n\n{first}\n\n2 cups flour\n\n1 tbsp oil\n\n{second}\n\n"
            f"set-option -s set-clipboard off\n\nIt works.\n\n{third}\n")
    article = parse(page)
    for line in ("2 cups flour", "1 tbsp oil", "set-option -s set-clipboard off", "It works."):
        assert line in article.paragraphs, line


def test_lines_repeated_in_the_page_are_a_menu_printed_twice(parse):
    menu = "Home\nNews\nSports\nBusiness\n"
    article = parse(f"Headline here\n\n{menu}\n{ARTICLE}\n{menu}")
    assert article.body.count("Sports") == 0
    assert len(article.paragraphs) == 3


@pytest.mark.parametrize(
    "line",
    [
        "Never miss the latest news by signing up to our newsletter today!",
        "Get the latest news straight to your phone with the VI Consortium app.",
        "When you purchase through links on our site, we may earn an affiliate commission.",
        "If you’re seeing this message but you’re already a subscriber, you can log in for "
        "immediate access to this story.",
        "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service "
        "apply.",
        "All content is licensed under a Creative Commons Attribution 4.0 International License, "
        "unless stated otherwise.",
        "Will Knight is a senior writer for WIRED, covering artificial intelligence.",
        "POPSUGAR Would Like To Send You Push Notifications.",
        "Disclaimer: The responses below are not provided or commissioned by the bank advertiser.",
        "We ask that comments are civil and free of libellous or hateful material.",
    ],
)
def test_prompts_disclosures_and_bios_read_like_prose_but_are_furniture(parse, line):
    article = parse(f"Headline here\n\n{ARTICLE}\n{line}\n")
    assert line not in article.body
    assert _kinds(article)[line] is LineKind.SITE


@pytest.mark.parametrize(
    "line",
    [
        "The harbour board asked fishermen to sign up for the new berths before the season "
        "opens in March.",
        "More than 2,000 residents have signed up to the scheme, the council said on Tuesday.",
    ],
)
def test_news_prose_about_signing_up_is_not_a_prompt(parse, line):
    article = parse(f"Headline here\n\n{ARTICLE}{line}\n")
    assert line in article.body


def test_prose_far_from_the_article_is_removed_unless_it_is_large(parse):
    footer = ("ST. LUCIA TIMES is a news website owned by a public relations company, and our aim "
              "is to provide readers at home and abroad with accurate news.")
    menu = "\n".join(["Home", "All News", "Categories", "Business", "Caribbean", "Contact"])
    # A block of prose beyond the menu, a fifth the size of the article: the site's footer.
    article = parse(f"Headline here\n\n{ARTICLE}\n{ARTICLE}\n{menu}\n\n{footer}\n")
    assert footer not in article.body
    assert len(article.paragraphs) == 6
    # The same distance, but as large as the article: the rest of the article (a big box of
    # links in the middle of it).
    article = parse(f"Headline here\n\n{ARTICLE}\n{menu}\n\n{ARTICLE}")
    assert len(article.paragraphs) == 6


def test_a_comment_link_in_the_menu_does_not_swallow_the_article(parse):
    page = f"Headline here\n\nNews\nComments (32)\nSearch\n\n{ARTICLE}"
    article = parse(page)
    assert article.comments is None
    assert len(article.paragraphs) == 3


def test_a_comment_section_after_the_article_is_still_found(parse):
    comments = "\n".join(f"Comment number {n} says this is very true indeed." for n in range(12))
    article = parse(f"Headline here\n\n{ARTICLE}\nJoin the discussion\n{comments}\n")
    assert article.comments is not None and len(article.comments.comments) == 12
    assert len(article.paragraphs) == 3


def test_known_template_lines_are_removed_wherever_they_stand(parse):
    """The seam for templates learnt across an outlet's articles (issue 12, part B)."""
    line = "Our Editorial Staff is a team publishing news to over 200,000 readers every month."
    page = f"Headline here\n\n{ARTICLE}\n{line}\n"
    assert line in parse(page).paragraphs
    article = parse(page, templates={template_key(line)})
    assert line not in article.body
    assert _kinds(article)[line].is_boilerplate
    # Digits and spacing do not matter.
    assert template_key("12  Comments") == template_key("3 comments")


def test_the_title_on_the_first_line_stays_the_headline(parse):
    article = parse(f"Sections\n\nSections\nNews\nSport\n\n{ARTICLE}")
    assert article.headline == "Sections"
    long_title = ("Artificial Intelligence and Machine Learning Industry News: AI in Patient Care "
                  "and Operations, AI as a Preventive Tool, and How Major Hospitals are Already "
                  "Using AI")
    assert parse(f"{long_title}\n\n{ARTICLE}").headline == long_title
    # A first line of furniture that the page does not repeat is not a title.
    assert parse(f"Share\n\n{ARTICLE}").headline == ""


def test_a_page_without_prose_is_left_to_the_rules():
    shapes = [Shape(text) for text in ("Home", "News", "Contact")]
    assert classify(shapes) == [None, None, None]


def test_shapes():
    prose = Shape("The council voted on Tuesday to approve the budget for the coming year.")
    assert prose.prose and prose.sentence_end
    assert not Shape("Council Approves Budget For The Coming Year").prose
    assert Shape("“They went home”").short_sentence


def test_a_hard_wrapped_paragraph_is_prose(parse):
    """Text copied from a <pre> block breaks mid-sentence: each piece is short, and one holds a
    furniture word ("previous"); together they are a paragraph of the article."""
    wrapped = ("Module advice.el provided the ability to add before, after, or\n"
               "around advice. In brief, Emacspeak used these three classes of\n"
               "advice as follows:\n"
               "Speak line moved to after next-line and previous-line — add\n"
               "an after advice that called function emacspeak-speak-line.\n")
    menu = "\n".join(["Home", "Archive", "Labels", "About me", "Contact"])
    article = parse(f"Emacspeak and advice\n\n{menu}\n\n{wrapped}\n{menu}\n")
    for line in wrapped.splitlines():
        assert line.strip() in article.paragraphs, line
    assert "Labels" not in article.body
    # A menu of lower-case items is not a wrapped paragraph: no line of it leaves a sentence open
    # with five words or more.
    lower = "\n".join(["home", "archive", "labels", "about me", "contact"])
    assert "labels" not in parse(f"Headline here\n\n{lower}\n\n{ARTICLE}").body


def test_a_standfirst_above_the_byline_and_share_bar_stays(parse):
    standfirst = ("We're about to get 20 terabyte hard drives, but the path looks clear to scale "
                  "up to 80TB.")
    share = "\n".join(["By Matthew Humphries", "February 7, 2020", "facebook", "twitter",
                       "flipboard", "Email", "Comments"])
    page = f"Next-Gen Platters Promise 80TB Hard Drives\n\n{standfirst}\n{share}\n\n{ARTICLE}"
    article = parse(page)
    assert standfirst in article.paragraphs
    assert "flipboard" not in article.body
    # Below the article, the same kind of sentence is a teaser of another story.
    teaser = ("Researchers say the new drives could reach shelves next year, though prices are "
              "likely to stay high for a while.")
    article = parse(f"Headline here\n\n{ARTICLE}\n{share}\n\n{teaser}\n")
    assert teaser not in article.body


def test_a_long_author_bio_is_furniture(parse):
    bio = ("Jacob Wade is a personal finance expert who has covered credit cards, investing, "
           "insurance, and tax issues for more than a decade, " + "and much more, " * 12
           + "across many outlets.")
    assert 60 < len(bio.split()) <= 100
    article = parse(f"Headline here\n\n{bio}\n\nFull Bio\n\n{ARTICLE}")
    assert bio not in article.body
    assert _kinds(article)[bio] is LineKind.SITE


def test_a_sign_up_form_notice_is_furniture(parse):
    line = ("By submitting your information, you're agreeing to receive communications from New "
            "York Public Radio in accordance with our Terms.")
    article = parse(f"Headline here\n\n{ARTICLE}\n{line}\n")
    assert line not in article.body


def test_a_long_line_of_code_with_a_slash_is_not_a_breadcrumb(parse):
    first, second, third = ARTICLE.strip().split("\n\n")
    code = ('target_host = "www.google.com" target_port = 80 # create a socket object client = '
            "socket.socket(socket.AF_INET, socket.SOCK_STREAM) # connect the client "
            "client.connect((target_host, target_port)) # send some data request = "
            '"GET / HTTP/1.1 Host:%s" % target_host client.send(request.encode()) # receive '
            "some data response = client.recv(4096) http_response = repr(response) "
            "http_response_len = len(http_response)")
    crumbs = "Home / Blog / Python / Sockets"
    article = parse(f"Headline here\n\n{crumbs}\n\n{first}\n\n{code}\n\n{second}\n\n{third}\n")
    assert code in article.paragraphs
    assert crumbs not in article.body
    # A footer of many links is still navigation, however long.
    footer = " | ".join(["About", "Contact", "Jobs", "Press", "Terms", "Privacy", "Cookies",
                         "Help", "Ads", "Sitemap", "Archive", "Store", "Events", "Awards",
                         "Podcasts", "Apps", "Partners", "Licensing", "Corrections", "RSS",
                         "Newsletters", "Masthead", "Ethics", "Feedback", "Brand Studio"])
    assert footer not in parse(f"Headline here\n\n{ARTICLE}\n{footer}\n").body


def test_a_standfirst_without_a_full_stop_stays(parse):
    standfirst = ("Penalties for those who refuse to self-isolate are to be increased to a maximum "
                  "of £10,000 for repeat offenders")
    byline = "\n".join(["Close", "By", "April Roach", "Facebook", "Twitter", "Email"])
    article = parse(f"Turkey and Poland added to quarantine list\n\n{standfirst}\n{byline}\n\n"
                    f"{ARTICLE}\n{ARTICLE}")
    assert standfirst in article.paragraphs


@pytest.mark.parametrize(
    "line",
    [
        "Candice Sealey is the Founder & Principal Consultant at Ignite! a Full-service Marketing "
        "& PR Consultancy that helps small businesses tell their stories.",
        "Disclaimer (varies based on content, section, category, etc.): News articles on this "
        "site may contain opinions of the writers.",
    ],
)
def test_bios_with_a_capitalised_role_and_qualified_disclaimers_are_furniture(parse, line):
    article = parse(f"Headline here\n\n{ARTICLE}\n{line}\n")
    assert line not in article.body


def test_a_list_post_keeps_its_list_and_loses_its_comments(parse):
    """A top-100 list has little prose and many short lines; its readers' comments have lots.
    The numbered items are a list, not a menu, and "{ 38 comments… }" after them opens the
    comments, so the comments are not taken for the article."""
    intro = ("I’m not much of a metal guy these days, but I dabbled in high school. I heard about "
             "this list on the radio this morning and thought it was worth a look.")
    items = [f"{n:02d}. {name}" for n, name in enumerate(
        ["Robert Plant", "Rob Halford", "Steven Tyler", "Chris Cornell", "Bon Scott",
         "Freddie Mercury", "Bruce Dickinson", "Ozzy Osbourne", "Paul Rodgers", "Ronnie Dio",
         "Axl Rose", "Sammy Hagar", "Geddy Lee", "Geoff Tate"], start=1)]
    comments = [f"Reader {n} June 28, 2015 at 10:25 pm\n\nReally, no Shagrath? This list is a "
                f"joke and whoever made it has never listened to a metal record in their life, "
                f"comment number {n}." for n in range(20)]
    page = ("Top 100 Metal Vocalists of All Time\n\nHome\nLive Sessions\nInterviews\nSubscribe\n\n"
            f"{intro}\n\nHere’s the full list.\n\n" + "\n".join(items) + "\n\nTweet\n\n"
            "{ 38 comments… read them below or add one }\n\n" + "\n\n".join(comments) + "\n")
    article = parse(page)
    for item in items:
        assert item in article.paragraphs, item
    assert intro in article.paragraphs
    assert article.comments is not None
    assert article.comments.heading == "{ 38 comments… read them below or add one }"
    assert "Interviews" not in article.body


def test_a_count_of_comments_opening_a_short_line_is_a_comment_heading():
    from archive.parsing.comments import heading_strength

    assert heading_strength("{ 38 comments… read them below or add one }") == 2
    assert heading_strength("12 responses: join in") == 2
    assert heading_strength("38 comments about the plan were filed by residents") == 0
    assert heading_strength("38 comments: " + "and a long sentence goes on " * 3) == 0


def test_a_spec_box_between_paragraphs_is_not_a_menu(parse):
    """A review's "Need to know" box: short title-cased lines, but prose right above and below
    and no furniture word among them. The same lines between menus are a menu."""
    first, second, third = ARTICLE.strip().split("\n\n")
    box = ["Expect to pay $15/£13.49", "Developer Paintbucket Games", "Publisher HandyGames",
           "Reviewed on GeForce GTX 1650", "Multiplayer? No", "Link Official Site"]
    article = parse(f"Headline here\n\n{first}\n\n" + "\n".join(box) + f"\n\n{second}\n\n{third}\n")
    for line in box:
        assert line in article.paragraphs, line
    menu = ["Developer Paintbucket Games", "Publisher HandyGames", "Reviewed Games", "Podcasts"]
    article = parse(f"Headline here\n\n{first}\n\n" + "\n".join(menu) + "\n\nSubscribe\n\n"
                    f"{second}\n\n{third}\n")
    assert "Publisher HandyGames" not in article.body


def test_a_table_cell_with_a_slash_is_not_a_breadcrumb(parse):
    first, second, third = ARTICLE.strip().split("\n\n")
    cell = "Platform x86_64 / amd64 arm64 (Apple Silicon)"
    crumbs = "Home / Products / Docker Desktop"
    page = f"Headline here\n\n{crumbs}\n\n{first}\n\n{cell}\n\n{second}\n\n{third}\n"
    article = parse(page)
    assert cell in article.paragraphs
    assert crumbs not in article.body


@pytest.mark.parametrize("line", ["You are here:", "On this page:", "Publier un commentaire",
                                  "Kommentare anzeigen"])
def test_furniture_labels_and_furniture_words_of_other_languages(parse, line):
    article = parse(f"Headline here\n\n{ARTICLE}\n{line}\n\nHome\n")
    assert line not in article.body
    # A lead-in that ends in a colon without furniture words stays: "You can use this code:".
    first, second, third = ARTICLE.strip().split("\n\n")
    article = parse(f"Headline here\n\n{first}\n\nYou can use this code:\n\n{second}\n\n{third}\n")
    assert "You can use this code:" in article.paragraphs


def test_a_shop_prompt_is_furniture(parse):
    line = "Like recipe? Add the ingredients to your basket and deliver to you."
    article = parse(f"Headline here\n\n{ARTICLE}\n{line}\n")
    assert line not in article.body


def test_a_request_line_of_code_is_not_a_breadcrumb_and_sort_controls_are_furniture(parse):
    first, second, third = ARTICLE.strip().split("\n\n")
    code = "GET / HTTP/1.1\\r\\nHost:www.google.com\\r\\n\\r\\n"
    page = (f"Headline here\n\n{first}\n\n{code}\n\n{second}\n\n{third}\n\n"
            "Sorted by: Reset to default\n\nHome\n")
    article = parse(page)
    assert code in article.paragraphs
    assert "Sorted by: Reset to default" not in article.body
