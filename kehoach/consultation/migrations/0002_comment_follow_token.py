"""Every comment gets the secret of its private link; existing comments get one each."""

from django.db import migrations, models

import kehoach.consultation.models


def fill_tokens(apps, schema_editor):
    Comment = apps.get_model("consultation", "Comment")
    for comment in Comment.objects.filter(follow_token__isnull=True).only("pk"):
        comment.follow_token = kehoach.consultation.models.new_follow_token()
        comment.save(update_fields=["follow_token"])


class Migration(migrations.Migration):
    dependencies = [("consultation", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="comment", name="follow_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="comment", name="follow_token",
            field=models.CharField(
                default=kehoach.consultation.models.new_follow_token, editable=False,
                help_text="The secret of the commenter's private link (never shown publicly).",
                max_length=64, unique=True),
        ),
    ]
