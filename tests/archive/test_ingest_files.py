"""Which files an ``ingest PATH…`` call takes (``archive.ingestion.files.expand_paths``): a
folder walk's order, its hidden entries, links, and files named twice (by two arguments, or by
a link) taken once."""

import os
from pathlib import Path

from archive.ingestion.files import HIDDEN, IN_HIDDEN, UNREADABLE, expand_paths
from tests.helpers import folder_listing_fails


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("A headline\n\nA body.\n")
    return path


def names(expansion) -> list[tuple[str, str]]:
    return [(str(f.path), f.name) for f in expansion.files]


def test_a_folder_is_walked_in_path_order_with_hidden_entries_skipped(tmp_path):
    for name in (
        "b.txt",
        "a-b/x.html",
        "a/z.htm",
        "a/b/c.TXT",
        "a.txt",
        "A.txt",
        "a/.h.txt",
        ".git/in.txt",
        "a/.cache/deep/in.txt",
        "notes.md",
        "x.json",
        ".txt",
        "end.",
    ):
        touch(tmp_path / name)
    (tmp_path / "folder.txt").mkdir()  # a folder named like a file is no file

    found = expand_paths([str(tmp_path)])

    # Paths compare part by part: the folder "a" before "a-b" and "a.txt".
    expected = ["A.txt", "a/b/c.TXT", "a/z.htm", "a-b/x.html", "a.txt", "b.txt"]
    assert names(found) == [(str(tmp_path / n), n) for n in expected]
    assert found.skipped == [
        (tmp_path / ".git/in.txt", IN_HIDDEN),
        (tmp_path / "a/.cache/deep/in.txt", IN_HIDDEN),
        (tmp_path / "a/.h.txt", HIDDEN),
    ]


def test_links_are_followed_to_files_not_to_folders(tmp_path):
    top = tmp_path / "top"
    touch(top / "real.txt")
    touch(tmp_path / "outside" / "far.txt")
    touch(tmp_path / "outside" / "other" / "deep.txt")
    os.symlink(tmp_path / "outside" / "far.txt", top / "link-to-far.txt")
    os.symlink(tmp_path / "outside" / "other", top / "linked-folder")
    os.symlink(tmp_path / "missing.txt", top / "broken.txt")

    found = expand_paths([str(top)])

    assert names(found) == [
        (str(top / "link-to-far.txt"), "link-to-far.txt"),
        (str(top / "real.txt"), "real.txt"),
    ]


def test_a_file_named_twice_is_taken_once(tmp_path):
    top = tmp_path / "top"
    touch(top / "a.txt")
    touch(top / "sub" / "b.txt")
    os.symlink(top / "sub" / "b.txt", top / "c-same-as-b.txt")
    os.symlink(top, tmp_path / "alias")

    found = expand_paths(
        [
            str(top / "sub"),
            str(top),
            str(tmp_path / "alias" / "a.txt"),
            str(tmp_path / "top" / ".." / "top"),
        ]
    )

    # sub/b.txt first (as "b.txt"); top's own walk adds a.txt; the link to b.txt, the alias of
    # a.txt and the second spelling of top are the same files.
    assert names(found) == [(str(top / "sub" / "b.txt"), "b.txt"), (str(top / "a.txt"), "a.txt")]


def test_a_link_listed_before_its_target_keeps_the_links_name(tmp_path):
    touch(tmp_path / "z-real.txt")
    os.symlink(tmp_path / "z-real.txt", tmp_path / "a-link.txt")

    found = expand_paths([str(tmp_path)])

    assert names(found) == [(str(tmp_path / "a-link.txt"), "a-link.txt")]


def test_a_folder_that_cannot_be_listed_is_passed_over(tmp_path, monkeypatch):
    """As ``rglob`` did, the rest of the walk goes on; the folder is listed as skipped."""
    touch(tmp_path / "a.txt")
    touch(tmp_path / "locked" / "in.txt")
    touch(tmp_path / "open" / "deep" / "z.txt")
    folder_listing_fails(monkeypatch, "locked", PermissionError(13, "Permission denied"))

    found = expand_paths([str(tmp_path)])

    assert names(found) == [
        (str(tmp_path / "a.txt"), "a.txt"),
        (str(tmp_path / "open/deep/z.txt"), "open/deep/z.txt"),
    ]
    assert found.skipped == [(tmp_path / "locked", f"{UNREADABLE} (Permission denied)")]


def test_a_folder_that_vanishes_during_the_walk_is_passed_over(tmp_path, monkeypatch):
    """A folder removed between being listed and being read does not stop the ingest."""
    touch(tmp_path / "a.txt")
    touch(tmp_path / "gone" / "in.txt")
    folder_listing_fails(monkeypatch, "gone", FileNotFoundError(2, "No such file or directory"))

    found = expand_paths([str(tmp_path)])

    assert names(found) == [(str(tmp_path / "a.txt"), "a.txt")]
    assert found.skipped == [(tmp_path / "gone", f"{UNREADABLE} (No such file or directory)")]
