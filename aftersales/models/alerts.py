"""What the SLA job told whom: one row per request, step and level, sent once.

The unique (request, step, level) is the database's word that a warning, each escalation
level and each breach notice happen once however often the job runs; `sent_at` is claimed
by one conditional UPDATE when the notice goes out.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .compensation import StaffLevel


class ServiceAlert(models.Model):
    class Step(models.TextChoices):
        WARN = "warn", _("Deadline near")
        ESCALATE = "escalate", _("Escalated")
        MISSED_ANSWER = "missed_answer", _("Answer promise missed")
        MISSED_ARRIVAL = "missed_arrival", _("Arrival promise missed")

    request = models.ForeignKey(
        "aftersales.ServiceRequest",
        on_delete=models.CASCADE,
        related_name="alerts",
        verbose_name=_("service request"),
    )
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    level = models.PositiveSmallIntegerField(
        _("level told"), choices=StaffLevel.choices, default=StaffLevel.AGENT
    )
    grant = models.ForeignKey(
        "aftersales.CompensationGrant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("compensation"),
    )
    created_at = models.DateTimeField(_("at"))
    sent_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("service alert")
        verbose_name_plural = _("service alerts")
        permissions = [
            # The escalation ladder above the desk (level 0, the agents and dispatchers):
            # who is told at each level, and whose compensation caps apply (aftersales.ladder).
            ("level_team_lead", _("Team lead: told at escalation level 1")),
            ("level_supervisor", _("Supervisor: told at escalation level 2")),
            ("level_manager", _("Manager: told at escalation level 3")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "step", "level"], name="one_alert_per_request_step_level"
            )
        ]
        indexes = [
            models.Index(fields=["sent_at", "created_at"], name="alert_unsent"),
        ]

    def __str__(self):
        return f"{self.request_id} {self.step} {self.level}"
