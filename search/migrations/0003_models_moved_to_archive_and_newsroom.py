"""The models now live in ``archive`` and ``newsroom`` (their migrations 0001): this app's state
forgets them; no table is touched."""


from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_lean_intelligence_indexes'),
        ('archive', '0001_initial'),
        ('newsroom', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='article',
                    name='merged_into',
                ),
                migrations.RemoveField(
                    model_name='article',
                    name='source',
                ),
                migrations.RemoveField(
                    model_name='mention',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='story',
                    name='lead',
                ),
                migrations.RemoveField(
                    model_name='articlefingerprint',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='historicalcommentblock',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='historicalarticle',
                    name='merged_into',
                ),
                migrations.RemoveField(
                    model_name='storymembership',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='quote',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='commentblock',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='entity',
                    name='merged_into',
                ),
                migrations.RemoveField(
                    model_name='quote',
                    name='speaker',
                ),
                migrations.RemoveField(
                    model_name='entityalias',
                    name='entity',
                ),
                migrations.RemoveField(
                    model_name='mention',
                    name='entity',
                ),
                migrations.RemoveField(
                    model_name='historicalarticle',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalarticle',
                    name='source',
                ),
                migrations.RemoveField(
                    model_name='historicalcommentblock',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalsource',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='storymembership',
                    name='story',
                ),
                migrations.DeleteModel(
                    name='StoryBand',
                ),
                migrations.DeleteModel(
                    name='ArticleFingerprint',
                ),
                migrations.DeleteModel(
                    name='Article',
                ),
                migrations.DeleteModel(
                    name='CommentBlock',
                ),
                migrations.DeleteModel(
                    name='Quote',
                ),
                migrations.DeleteModel(
                    name='EntityAlias',
                ),
                migrations.DeleteModel(
                    name='Entity',
                ),
                migrations.DeleteModel(
                    name='Mention',
                ),
                migrations.DeleteModel(
                    name='HistoricalArticle',
                ),
                migrations.DeleteModel(
                    name='Source',
                ),
                migrations.DeleteModel(
                    name='HistoricalCommentBlock',
                ),
                migrations.DeleteModel(
                    name='HistoricalSource',
                ),
                migrations.DeleteModel(
                    name='Story',
                ),
                migrations.DeleteModel(
                    name='StoryMembership',
                ),
            ],
        ),
    ]
