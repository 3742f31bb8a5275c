from django_tasks import task

from dialogportal.moderation.execution import screen_input_now


@task()
def screen_input(input_id: int) -> dict[str, object]:
    """Screen one input and its attachments; publishes it when its process allows and nothing
    was found. Idempotent: a re-run re-screens and never re-decides."""
    item = screen_input_now(input_id=input_id)
    if item is None:
        return {"input_id": input_id, "found": False}
    return {"input_id": input_id, "found": True, "state": item.moderation_state}
