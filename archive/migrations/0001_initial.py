"""The archive's models, moved here from the one ``search`` app without touching the database:
the tables keep their names (``search_article``…), only Django's state and content types move."""


import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

# The content types (and so permissions, the Editor and Viewer groups' grants and admin log
# entries) follow the models from the old app label to this one.
MODELS = ('article', 'commentblock', 'source', 'historicalarticle', 'historicalcommentblock', 'historicalsource')


def move_content_types(apps, schema_editor, old="search", new='archive'):
    content_type = apps.get_model("contenttypes", "ContentType")
    rows = content_type.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not rows.filter(app_label=new, model=model).exists():
            rows.filter(app_label=old, model=model).update(app_label=new)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, old='archive', new="search")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('search', '0002_lean_intelligence_indexes'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Article',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('headline', models.CharField(blank=True, help_text='The headline; empty when the page had none.', max_length=500)),
                        ('title', models.CharField(help_text='What lists and pages show: the headline, or a title derived from the first sentence when there is no headline.', max_length=500)),
                        ('headline_derived', models.BooleanField(default=False, help_text='The title was derived from the body: a curator should check it.')),
                        ('slug', models.SlugField(help_text='Cosmetic part of the permalink.', max_length=200)),
                        ('published', models.DateField(blank=True, help_text='Publication date, if known.', null=True)),
                        ('byline', models.CharField(blank=True, help_text='Author(s), if known.', max_length=300)),
                        ('url', models.URLField(blank=True, help_text='Original address, if known.', max_length=1000)),
                        ('body', models.TextField(help_text='The clean body: paragraphs separated by a blank line.')),
                        ('boilerplate', models.JSONField(blank=True, default=list, help_text='Lines removed by cleaning, each {kind, text, line}.')),
                        ('word_count', models.PositiveIntegerField(default=0)),
                        ('raw', models.BinaryField(help_text='The file exactly as ingested, byte for byte.')),
                        ('raw_sha256', models.CharField(help_text='SHA-256 of the raw bytes (hex).', max_length=64)),
                        ('encoding', models.CharField(default='utf-8', max_length=40)),
                        ('file_name', models.CharField(help_text='Name of the file the article was ingested from.', max_length=255)),
                        ('sidecar', models.JSONField(blank=True, default=dict, help_text='Metadata from a NAME.json file beside the raw file; it wins over detection.')),
                        ('parse_notes', models.JSONField(blank=True, default=list)),
                        ('locked_fields', models.JSONField(blank=True, default=list, help_text='Fields set by hand or by a sidecar file; re-parsing keeps them.')),
                        ('status', models.CharField(choices=[('published', 'Published'), ('hidden', 'Hidden')], db_index=True, default='published', max_length=16)),
                        ('status_reason', models.CharField(blank=True, help_text='Why the article is hidden (shown to editors only).', max_length=500)),
                        ('merged_into', models.ForeignKey(blank=True, help_text='Set when this article was merged into another: its permalink redirects there. Its raw text and comments stay attached here.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='aliases', to='archive.article')),
                    ],
                    options={
                        'db_table': 'search_article',
                        'ordering': [models.OrderBy(models.F('published'), descending=True, nulls_last=True), '-id'],
                        'get_latest_by': 'published',
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalCommentBlock',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('heading', models.CharField(help_text="The section's heading line.", max_length=200)),
                        ('position', models.PositiveIntegerField(help_text='Line number of the heading in the raw text.')),
                        ('comments', models.JSONField(default=list, help_text='The comments in order, one per line.')),
                        ('comment_count', models.PositiveIntegerField(default=0)),
                        ('is_hidden', models.BooleanField(default=False, help_text='Hide this block from the public (the text is kept).')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('article', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='archive.article')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical comment block',
                        'verbose_name_plural': 'historical comment blocks',
                        'db_table': 'search_historicalcommentblock',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalSource',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('name', models.CharField(help_text="The outlet's name as readers know it.", max_length=200)),
                        ('slug', models.SlugField(help_text='Used in URLs; never reuse one.', max_length=200)),
                        ('domain', models.CharField(blank=True, help_text="The outlet's web domain, e.g. latimes.com. Reporter e-mail addresses at this domain identify the outlet.", max_length=200)),
                        ('signatures', models.TextField(blank=True, help_text='One signature per line: a phrase that identifies the outlet in a page (copyright holder, licensing line, footer text), matched case-insensitively; a line starting with “re:” is a regular expression; a line starting with “@” is an e-mail domain; lines starting with “#” are comments.')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical source',
                        'verbose_name_plural': 'historical sources',
                        'db_table': 'search_historicalsource',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Source',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('name', models.CharField(help_text="The outlet's name as readers know it.", max_length=200)),
                        ('slug', models.SlugField(help_text='Used in URLs; never reuse one.', max_length=200, unique=True)),
                        ('domain', models.CharField(blank=True, help_text="The outlet's web domain, e.g. latimes.com. Reporter e-mail addresses at this domain identify the outlet.", max_length=200)),
                        ('signatures', models.TextField(blank=True, help_text='One signature per line: a phrase that identifies the outlet in a page (copyright holder, licensing line, footer text), matched case-insensitively; a line starting with “re:” is a regular expression; a line starting with “@” is an e-mail domain; lines starting with “#” are comments.')),
                    ],
                    options={
                        'db_table': 'search_source',
                        'ordering': ['name'],
                        'get_latest_by': 'created_at',
                        'indexes': [models.Index(fields=['domain'], name='source_domain_idx')],
                        'constraints': [models.UniqueConstraint(fields=('name',), name='source_unique_name'), models.CheckConstraint(condition=models.Q(('slug', ''), _negated=True), name='source_slug_not_empty')],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalArticle',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('headline', models.CharField(blank=True, help_text='The headline; empty when the page had none.', max_length=500)),
                        ('title', models.CharField(help_text='What lists and pages show: the headline, or a title derived from the first sentence when there is no headline.', max_length=500)),
                        ('headline_derived', models.BooleanField(default=False, help_text='The title was derived from the body: a curator should check it.')),
                        ('slug', models.SlugField(help_text='Cosmetic part of the permalink.', max_length=200)),
                        ('published', models.DateField(blank=True, help_text='Publication date, if known.', null=True)),
                        ('byline', models.CharField(blank=True, help_text='Author(s), if known.', max_length=300)),
                        ('url', models.URLField(blank=True, help_text='Original address, if known.', max_length=1000)),
                        ('body', models.TextField(help_text='The clean body: paragraphs separated by a blank line.')),
                        ('boilerplate', models.JSONField(blank=True, default=list, help_text='Lines removed by cleaning, each {kind, text, line}.')),
                        ('word_count', models.PositiveIntegerField(default=0)),
                        ('raw_sha256', models.CharField(help_text='SHA-256 of the raw bytes (hex).', max_length=64)),
                        ('encoding', models.CharField(default='utf-8', max_length=40)),
                        ('file_name', models.CharField(help_text='Name of the file the article was ingested from.', max_length=255)),
                        ('sidecar', models.JSONField(blank=True, default=dict, help_text='Metadata from a NAME.json file beside the raw file; it wins over detection.')),
                        ('parse_notes', models.JSONField(blank=True, default=list)),
                        ('locked_fields', models.JSONField(blank=True, default=list, help_text='Fields set by hand or by a sidecar file; re-parsing keeps them.')),
                        ('status', models.CharField(choices=[('published', 'Published'), ('hidden', 'Hidden')], db_index=True, default='published', max_length=16)),
                        ('status_reason', models.CharField(blank=True, help_text='Why the article is hidden (shown to editors only).', max_length=500)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('merged_into', models.ForeignKey(blank=True, db_constraint=False, help_text='Set when this article was merged into another: its permalink redirects there. Its raw text and comments stay attached here.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='archive.article')),
                        ('source', models.ForeignKey(blank=True, db_constraint=False, help_text='The outlet; empty when unknown.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='archive.source')),
                    ],
                    options={
                        'verbose_name': 'historical article',
                        'verbose_name_plural': 'historical articles',
                        'db_table': 'search_historicalarticle',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AddField(
                    model_name='article',
                    name='source',
                    field=models.ForeignKey(blank=True, help_text='The outlet; empty when unknown.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='articles', to='archive.source'),
                ),
                migrations.CreateModel(
                    name='CommentBlock',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('heading', models.CharField(help_text="The section's heading line.", max_length=200)),
                        ('position', models.PositiveIntegerField(help_text='Line number of the heading in the raw text.')),
                        ('comments', models.JSONField(default=list, help_text='The comments in order, one per line.')),
                        ('comment_count', models.PositiveIntegerField(default=0)),
                        ('is_hidden', models.BooleanField(default=False, help_text='Hide this block from the public (the text is kept).')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comment_blocks', to='archive.article')),
                    ],
                    options={
                        'db_table': 'search_commentblock',
                        'ordering': ['article', 'position'],
                        'get_latest_by': 'created_at',
                        'indexes': [models.Index(fields=['article', 'is_hidden'], name='comments_article_idx')],
                        'constraints': [models.UniqueConstraint(fields=('article', 'position'), name='comments_unique_article_position'), models.CheckConstraint(condition=models.Q(('comment_count__gte', 0)), name='comments_count_gte_0'), models.CheckConstraint(condition=models.Q(('position__gte', 1)), name='comments_position_gte_1')],
                    },
                ),
                migrations.AddIndex(
                    model_name='article',
                    index=models.Index(fields=['status', 'published'], name='article_status_pub_idx'),
                ),
                migrations.AddIndex(
                    model_name='article',
                    index=models.Index(fields=['source', 'published'], name='article_source_pub_idx'),
                ),
                migrations.AddConstraint(
                    model_name='article',
                    constraint=models.UniqueConstraint(fields=('file_name',), name='article_unique_file_name'),
                ),
                migrations.AddConstraint(
                    model_name='article',
                    constraint=models.UniqueConstraint(fields=('raw_sha256',), name='article_unique_raw_sha256'),
                ),
                migrations.AddConstraint(
                    model_name='article',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['published', 'hidden'])), name='article_status_valid'),
                ),
                migrations.AddConstraint(
                    model_name='article',
                    constraint=models.CheckConstraint(condition=models.Q(('headline_derived', False), ('headline', ''), _connector='OR'), name='article_derived_title_has_no_headline'),
                ),
                migrations.AddConstraint(
                    model_name='article',
                    constraint=models.CheckConstraint(condition=models.Q(('title', ''), _negated=True), name='article_title_not_empty'),
                ),
                migrations.AddConstraint(
                    model_name='article',
                    constraint=models.CheckConstraint(condition=models.Q(('merged_into', models.F('pk')), _negated=True), name='article_not_merged_into_itself'),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
