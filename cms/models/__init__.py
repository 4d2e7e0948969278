from .analytics import ScanCount, SectionOpenCount
from .guides import GuideIndexPage, GuidePage, GuidePageTag
from .labels import LabelBatch
from .manuals import ManualIndexPage, ManualPage
from .media import Video
from .pages import ContentPage, HomePage
from .settings import ContactSettings

__all__ = [
    "ContactSettings",
    "ContentPage",
    "GuideIndexPage",
    "GuidePage",
    "GuidePageTag",
    "HomePage",
    "LabelBatch",
    "ManualIndexPage",
    "ManualPage",
    "ScanCount",
    "SectionOpenCount",
    "Video",
]
