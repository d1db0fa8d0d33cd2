"""The newsroom's models, moved here from the one ``search`` app without touching the database:
the tables keep their names (``search_story``…), only Django's state and content types move."""


import django.db.models.deletion
from django.db import migrations, models

# The content types (and so permissions, the Editor and Viewer groups' grants and admin log
# entries) follow the models from the old app label to this one.
MODELS = ('story', 'storymembership', 'storyband', 'articlefingerprint', 'entity', 'entityalias', 'mention', 'quote')


def move_content_types(apps, schema_editor, old="search", new='newsroom'):
    content_type = apps.get_model("contenttypes", "ContentType")
    rows = content_type.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not rows.filter(app_label=new, model=model).exists():
            rows.filter(app_label=old, model=model).update(app_label=new)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, old='newsroom', new="search")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('archive', '0001_initial'),
        ('search', '0002_lean_intelligence_indexes'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ArticleFingerprint',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('body', models.BinaryField(blank=True, default=b'')),
                        ('quotes', models.BinaryField(blank=True, default=b'')),
                        ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='fingerprint', to='archive.article')),
                    ],
                    options={
                        'db_table': 'search_articlefingerprint',
                        'ordering': ['article'],
                    },
                ),
                migrations.CreateModel(
                    name='Entity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('name', models.CharField(help_text='The name shown everywhere.', max_length=300)),
                        ('kind', models.CharField(choices=[('person', 'Person'), ('organisation', 'Organisation'), ('place', 'Place')], db_index=True, max_length=16)),
                        ('slug', models.SlugField(help_text='Cosmetic part of the permalink.', max_length=200)),
                        ('merged_into', models.ForeignKey(blank=True, help_text='Set when an editor merged this entity into another: its mentions moved there and re-extraction sends its names there.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='merged', to='newsroom.entity')),
                    ],
                    options={
                        'verbose_name_plural': 'entities',
                        'db_table': 'search_entity',
                        'ordering': ['name'],
                        'get_latest_by': 'created_at',
                    },
                ),
                migrations.CreateModel(
                    name='EntityAlias',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('kind', models.CharField(choices=[('person', 'Person'), ('organisation', 'Organisation'), ('place', 'Place')], max_length=16)),
                        ('name', models.CharField(help_text='The other name, as written in articles.', max_length=300)),
                        ('by_editor', models.BooleanField(default=False, help_text='Added or confirmed by an editor (never removed by extraction).')),
                        ('entity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='newsroom.entity')),
                    ],
                    options={
                        'verbose_name_plural': 'entity aliases',
                        'db_table': 'search_entityalias',
                        'ordering': ['name'],
                        'get_latest_by': 'created_at',
                    },
                ),
                migrations.CreateModel(
                    name='Mention',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('count', models.PositiveIntegerField(default=1)),
                        ('first_offset', models.PositiveIntegerField(default=0)),
                        ('article', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='mentions', to='archive.article')),
                        ('entity', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='mentions', to='newsroom.entity')),
                    ],
                    options={
                        'db_table': 'search_mention',
                        'ordering': ['article', 'first_offset'],
                    },
                ),
                migrations.CreateModel(
                    name='Quote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField()),
                        ('key', models.TextField(help_text='Lower-case words of the text: the same quote across outlets.')),
                        ('speaker_name', models.CharField(blank=True, max_length=300)),
                        ('position', models.PositiveIntegerField(default=0)),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='quotes', to='archive.article')),
                        ('speaker', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='quotes', to='newsroom.entity')),
                    ],
                    options={
                        'db_table': 'search_quote',
                        'ordering': ['article', 'position'],
                    },
                ),
                migrations.CreateModel(
                    name='Story',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('title', models.CharField(help_text="Shown on the story page: the lead article's title by default.", max_length=500)),
                        ('title_locked', models.BooleanField(default=False, help_text='Set when an editor wrote the title: clustering keeps it.')),
                        ('size', models.PositiveIntegerField(default=0, help_text='Number of member articles (including hidden ones).')),
                        ('lead', models.ForeignKey(blank=True, help_text='The version shown first: the earliest published member, else the longest.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='archive.article')),
                    ],
                    options={
                        'verbose_name_plural': 'stories',
                        'db_table': 'search_story',
                        'ordering': ['-size', '-id'],
                        'get_latest_by': 'created_at',
                    },
                ),
                migrations.CreateModel(
                    name='StoryBand',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.BigIntegerField(help_text="Signed 64-bit hash of the signal, the band number and the band's MinHash values (newsroom.extraction.clusters.band_keys).")),
                        ('article', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='story_bands', to='archive.article')),
                    ],
                    options={
                        'db_table': 'search_storyband',
                        'ordering': ['key'],
                    },
                ),
                migrations.CreateModel(
                    name='StoryMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('pinned', models.BooleanField(default=False, help_text='Placed here by an editor: re-clustering keeps the article in this story.')),
                        ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='story_membership', to='archive.article')),
                        ('story', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='newsroom.story')),
                    ],
                    options={
                        'db_table': 'search_storymembership',
                        'ordering': ['story', 'article'],
                        'get_latest_by': 'created_at',
                    },
                ),
                migrations.AddIndex(
                    model_name='entity',
                    index=models.Index(fields=['kind', 'name'], name='entity_kind_name_idx'),
                ),
                migrations.AddIndex(
                    model_name='entity',
                    index=models.Index(fields=['name'], name='entity_name_idx'),
                ),
                migrations.AddConstraint(
                    model_name='entity',
                    constraint=models.UniqueConstraint(fields=('kind', 'name'), name='entity_unique_kind_name'),
                ),
                migrations.AddConstraint(
                    model_name='entity',
                    constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['person', 'organisation', 'place'])), name='entity_kind_valid'),
                ),
                migrations.AddConstraint(
                    model_name='entity',
                    constraint=models.CheckConstraint(condition=models.Q(('merged_into', models.F('pk')), _negated=True), name='entity_not_merged_into_itself'),
                ),
                migrations.AddIndex(
                    model_name='entityalias',
                    index=models.Index(fields=['name'], name='alias_name_idx'),
                ),
                migrations.AddConstraint(
                    model_name='entityalias',
                    constraint=models.UniqueConstraint(fields=('kind', 'name'), name='alias_unique_kind_name'),
                ),
                migrations.AddIndex(
                    model_name='mention',
                    index=models.Index(fields=['entity', 'article'], name='mention_entity_idx'),
                ),
                migrations.AddConstraint(
                    model_name='mention',
                    constraint=models.UniqueConstraint(fields=('article', 'entity'), name='mention_unique_pair'),
                ),
                migrations.AddIndex(
                    model_name='quote',
                    index=models.Index(fields=['speaker', 'article'], name='quote_speaker_idx'),
                ),
                migrations.AddIndex(
                    model_name='story',
                    index=models.Index(fields=['size'], name='story_size_idx'),
                ),
                migrations.AddConstraint(
                    model_name='story',
                    constraint=models.CheckConstraint(condition=models.Q(('size__gte', 0)), name='story_size_gte_0'),
                ),
                migrations.AddIndex(
                    model_name='storyband',
                    index=models.Index(fields=['key'], name='storyband_key_idx'),
                ),
                migrations.AddConstraint(
                    model_name='storyband',
                    constraint=models.UniqueConstraint(fields=('article', 'key'), name='storyband_unique_key'),
                ),
                migrations.AddIndex(
                    model_name='storymembership',
                    index=models.Index(fields=['story', 'article'], name='membership_story_idx'),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
