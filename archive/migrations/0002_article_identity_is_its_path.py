"""Issue 13: an article is known by its file's path below the ingested folder (``a/x.txt`` and
``b/x.txt`` are two articles), so the column holds paths, up to 500 characters.

No row is touched: every article keeps its id, and so its permalink. An article stored before
under its bare name (``x.txt``) takes its full name the next time its folder is ingested
(``archive.ingestion.known``: same bytes, the bare name, no article of the full name yet)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='file_name',
            field=models.CharField(help_text='The file the article was ingested from: its path below the folder that was ingested (e.g. 2018/x.txt). Articles ingested before paths were kept have their bare file name until their folder is ingested again.', max_length=500),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='file_name',
            field=models.CharField(help_text='The file the article was ingested from: its path below the folder that was ingested (e.g. 2018/x.txt). Articles ingested before paths were kept have their bare file name until their folder is ingested again.', max_length=500),
        ),
    ]
