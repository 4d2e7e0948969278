"""The editorial set-up: editors draft and submit, moderators approve and publish.

Wagtail's migrations create the "Editors" and "Moderators" groups, their rights on the
page tree and the media collections, and a "Moderators approval" workflow on the root.
This module makes sure all of that is in place rather than trusting it was left so:
a flushed test database has none of it, and the test fixtures reload the demo into one.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

PAGE_RIGHTS = {
    "Editors": ("add_page", "change_page"),
    "Moderators": ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
MEDIA_RIGHTS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
WORKFLOW_NAME = "Moderators approval"


def load_editorial_groups() -> dict[str, Group]:
    root = Page.get_first_root_node()
    groups = {name: _group(name, root) for name in PAGE_RIGHTS}
    _moderation_workflow(root, groups["Moderators"])
    return groups


def _group(name: str, root: Page) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    page_type = ContentType.objects.get_for_model(Page)
    for codename in PAGE_RIGHTS[name]:
        permission = Permission.objects.get(content_type=page_type, codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    if name == "Editors":
        # Editors submit for moderation; a publish right would let them skip the workflow.
        GroupPagePermission.objects.filter(
            group=group, permission__codename="publish_page"
        ).delete()
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for app_label, codenames in MEDIA_RIGHTS.items():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    return group


def _moderation_workflow(root: Page, moderators: Group) -> None:
    if WorkflowPage.objects.filter(page=root).exists():
        return  # whatever workflow the site has chosen for its root stays
    task, created = GroupApprovalTask.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        task.groups.set([moderators])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)
