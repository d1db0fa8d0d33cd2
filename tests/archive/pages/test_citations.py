"""Citation styles: the exact shapes, and hostile text that must not break BibTeX or RIS."""

import datetime as dt

from archive.citations import Reference, apa, bibtex, chicago, mla, plain, ris

REF = Reference(
    id=7,
    title="Pier to close",
    outlet="The Harbour Gazette",
    published=dt.date(2018, 3, 22),
    authors="Ann Reporter",
    url="https://clippings.example/articles/7/pier-to-close/",
    original_url="",
    retrieved=dt.date(2026, 11, 25),
)
UNDATED = Reference(**{**REF.__dict__, "published": None, "authors": "", "outlet": ""})


def test_plain_reference_has_headline_outlet_date_url_and_retrieved_date():
    assert plain(REF) == (
        "“Pier to close”, by Ann Reporter, The Harbour Gazette, 22 March 2018. "
        "https://clippings.example/articles/7/pier-to-close/ (retrieved 25 November 2026)"
    )
    assert "Unknown outlet, date unknown." in plain(UNDATED)


def test_apa_mla_chicago():
    assert apa(REF) == ("Ann Reporter. (2018, March 22). Pier to close. The Harbour Gazette. "
                        "https://clippings.example/articles/7/pier-to-close/")
    assert mla(REF) == ("Ann Reporter. “Pier to close.” The Harbour Gazette, 22 Mar. 2018, "
                        "https://clippings.example/articles/7/pier-to-close/. "
                        "Accessed 25 Nov. 2026.")
    assert chicago(REF) == ("Ann Reporter. “Pier to close.” The Harbour Gazette, March 22, 2018. "
                            "Accessed November 25, 2026. "
                            "https://clippings.example/articles/7/pier-to-close/.")
    assert apa(UNDATED).startswith("Pier to close. (n.d.).")


def test_bibtex_entry():
    assert bibtex(REF) == (
        "@article{clippings7_2018,\n"
        "  title = {Pier to close},\n"
        "  author = {Ann Reporter},\n"
        "  journal = {The Harbour Gazette},\n"
        "  year = {2018},\n"
        "  month = {mar},\n"
        "  date = {2018-03-22},\n"
        "  url = {https://clippings.example/articles/7/pier-to-close/},\n"
        "  urldate = {2026-11-25}\n"
        "}"
    )


def test_bibtex_values_cannot_close_their_field():
    hostile = Reference(**{**REF.__dict__, "title": "Oops}, author = {Mallory} 100% & \\x"})
    entry = bibtex(hostile)
    title_line = entry.splitlines()[1]
    assert title_line == "  title = {Oops), author = (Mallory) 100\\% \\& x},"
    assert entry.count("{") == entry.count("}")


def test_ris_record():
    assert ris(REF).splitlines() == [
        "TY  - NEWS",
        "TI  - Pier to close",
        "AU  - Ann Reporter",
        "T2  - The Harbour Gazette",
        "PY  - 2018",
        "DA  - 2018/03/22",
        "UR  - https://clippings.example/articles/7/pier-to-close/",
        "Y2  - 2026/11/25",
        "ER  - ",
    ]


def test_ris_cannot_gain_a_line_from_a_newline_in_the_title():
    hostile = Reference(**{**REF.__dict__, "title": "Line one\nER  - \nTY  - JOUR"})
    lines = ris(hostile).splitlines()
    assert lines[1] == "TI  - Line one ER - TY - JOUR"
    assert sum(line.startswith("ER") for line in lines) == 1


DERIVED = Reference(**{**REF.__dict__, "title": "Civil rights groups said Wednesday that…",
                       "title_derived": True})


def test_a_derived_title_is_a_bracketed_description_never_a_quoted_headline():
    for text in (plain(DERIVED), apa(DERIVED), mla(DERIVED), chicago(DERIVED)):
        assert "[Civil rights groups said Wednesday that…]" in text
        assert "“Civil rights" not in text  # not quoted as if it were the headline
        assert "…." not in text and ".." not in text and "…”" not in text
    assert mla(DERIVED).startswith("Ann Reporter. [Civil rights groups said Wednesday that…]. ")
    assert "title = {[Civil rights groups said Wednesday that…]}" in bibtex(DERIVED)
    assert "TI  - [Civil rights groups said Wednesday that…]" in ris(DERIVED)


def test_a_headline_ending_in_an_ellipsis_or_a_question_gets_no_extra_full_stop():
    asked = Reference(**{**REF.__dict__, "title": "Will the pier close?"})
    assert "“Will the pier close?”" in mla(asked) and "?.”" not in mla(asked)
    trailing = Reference(**{**REF.__dict__, "title": "The pier…"})
    assert "…." not in mla(trailing) and "…." not in chicago(trailing)
