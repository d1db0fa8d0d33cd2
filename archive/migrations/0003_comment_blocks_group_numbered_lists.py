"""Reader comments counted as comments: blocks stored one line a comment are regrouped the way
ingest now stores them (``archive.parsing.comments.group_comments``): a reader's numbered list,
or a quotation continued on the next line, is one comment. The text is kept whole; only the
grouping and ``comment_count`` change. Reversible (lines split again)."""

import re

from django.db import migrations, models

_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s")


def _number(line):
    found = _NUMBERED.match(line)
    return int(found.group(1)) if found else None


def _group(lines):
    """A frozen copy of group_comments as of this migration (migrations never follow code)."""
    grouped = []
    for line in lines:
        if grouped:
            previous = grouped[-1]
            number, before = _number(line), _number(previous[-1])
            joined = "\n".join(previous)
            if (number is not None and before is not None and number == before + 1) or (
                joined.count("“") > joined.count("”")
            ):
                previous.append(line)
                continue
        grouped.append([line])
    return ["\n".join(comment) for comment in grouped]


def regroup(apps, schema_editor):
    CommentBlock = apps.get_model("archive", "CommentBlock")
    for block in CommentBlock.objects.only("id", "comments", "comment_count").iterator(
        chunk_size=500
    ):
        lines = [line for comment in block.comments for line in str(comment).split("\n")]
        comments = _group(lines)
        if comments != block.comments:
            CommentBlock.objects.filter(pk=block.pk).update(
                comments=comments, comment_count=len(comments)
            )


def split(apps, schema_editor):
    CommentBlock = apps.get_model("archive", "CommentBlock")
    for block in CommentBlock.objects.only("id", "comments").iterator(chunk_size=500):
        lines = [line for comment in block.comments for line in str(comment).split("\n")]
        if lines != block.comments:
            CommentBlock.objects.filter(pk=block.pk).update(
                comments=lines, comment_count=len(lines)
            )


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_article_identity_is_its_path")]

    operations = [
        migrations.AlterField(
            model_name="commentblock",
            name="comments",
            field=models.JSONField(
                default=list,
                help_text="The comments in order; a comment may span lines (a reader's "
                "numbered list).",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcommentblock",
            name="comments",
            field=models.JSONField(
                default=list,
                help_text="The comments in order; a comment may span lines (a reader's "
                "numbered list).",
            ),
        ),
        migrations.RunPython(regroup, split, elidable=True),
    ]
