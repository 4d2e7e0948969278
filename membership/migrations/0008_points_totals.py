"""Running totals beside the points ledger (membership/models/totals.py), filled from the
entries already written, by the same function tests and benches use after bulk writes."""

import django.db.models.deletion
from django.db import migrations, models

from membership.points.totals import refill_totals


def fill_totals(apps, schema_editor):
    refill_totals(apps=apps)


class Migration(migrations.Migration):

    dependencies = [
        ('membership', '0007_points_holds'),
    ]

    operations = [
        migrations.CreateModel(
            name='PointsDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('earned', models.IntegerField(default=0, verbose_name='points earned')),
                ('earned_reversed', models.IntegerField(default=0, verbose_name='points earned this day that refunds reversed')),
                ('taken_back', models.IntegerField(default=0, verbose_name='points refunds took back')),
                ('redeemed', models.IntegerField(default=0, verbose_name='points redeemed')),
                ('given_back', models.IntegerField(default=0, verbose_name='redeemed points given back')),
                ('expired', models.IntegerField(default=0, verbose_name='points expired')),
                ('adjusted', models.IntegerField(default=0, verbose_name='points adjusted by staff')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='points_days', to='membership.memberprofile')),
            ],
            options={
                'verbose_name': 'points of a day',
                'verbose_name_plural': 'points by day',
                'constraints': [models.UniqueConstraint(fields=('member', 'day'), name='points_day_once_per_member')],
            },
        ),
        migrations.CreateModel(
            name='PointsExpiry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('expires_on', models.DateField(verbose_name='expires on')),
                ('points', models.IntegerField(default=0, verbose_name='points left')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='points_expiries', to='membership.memberprofile')),
            ],
            options={
                'verbose_name': 'points expiring on a date',
                'verbose_name_plural': 'points expiring by date',
                'constraints': [models.UniqueConstraint(fields=('member', 'expires_on'), name='points_expiry_once_per_date'), models.CheckConstraint(condition=models.Q(('points__gte', 0)), name='points_expiry_not_negative')],
            },
        ),
        migrations.RunPython(fill_totals, migrations.RunPython.noop),
    ]
