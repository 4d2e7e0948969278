from .alerts import ServiceAlert
from .bookings import ServiceArea, ServiceAreaDistrict, ServiceBooking, ServiceSlot
from .codes import PhoneCode
from .compensation import (
    ROLE_OF_LEVEL,
    CompensationCap,
    CompensationGrant,
    CompensationReason,
    GrantRole,
    StaffLevel,
)
from .contracts import WarrantyClaim, WarrantyContract
from .feedback import (
    FeedbackCampaign,
    FollowUp,
    MailboxEscalation,
    MailboxMessage,
    ServiceRating,
)
from .notices import ServiceNotice
from .partners import InstallationPartner
from .requests import (
    REPAIR_KINDS,
    VISIT_KINDS,
    Assignment,
    Channel,
    CompensationKind,
    Cover,
    Engineer,
    RepairRate,
    ServiceAttachment,
    ServiceEvent,
    ServiceKind,
    ServicePromise,
    ServiceRequest,
)
from .touchpoints import Touchpoint, TouchpointChannel, TouchpointDay
from .units import RegisteredUnit
from .work import PartUsed

__all__ = [
    "REPAIR_KINDS",
    "ROLE_OF_LEVEL",
    "VISIT_KINDS",
    "Assignment",
    "Channel",
    "CompensationCap",
    "CompensationGrant",
    "CompensationKind",
    "CompensationReason",
    "Cover",
    "Engineer",
    "FeedbackCampaign",
    "FollowUp",
    "MailboxEscalation",
    "MailboxMessage",
    "GrantRole",
    "InstallationPartner",
    "PartUsed",
    "PhoneCode",
    "RegisteredUnit",
    "RepairRate",
    "ServiceAlert",
    "ServiceArea",
    "ServiceAreaDistrict",
    "ServiceAttachment",
    "ServiceBooking",
    "ServiceEvent",
    "ServiceKind",
    "ServiceRating",
    "ServiceNotice",
    "ServicePromise",
    "ServiceRequest",
    "ServiceSlot",
    "StaffLevel",
    "Touchpoint",
    "TouchpointChannel",
    "TouchpointDay",
    "WarrantyClaim",
    "WarrantyContract",
]
