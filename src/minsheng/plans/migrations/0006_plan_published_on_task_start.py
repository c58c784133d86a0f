from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0005_unit_per_jurisdiction'),
    ]

    operations = [
        migrations.AddField(
            model_name='plan',
            name='published_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='发布日期'),
        ),
        migrations.AddField(
            model_name='task',
            name='start',
            field=models.DateField(blank=True, help_text='年中增补的任务从此日起报送；空则随计划', null=True, verbose_name='起始日期'),
        ),
    ]
