"""The units' duties and reports as of a day: what is done, overdue, due soon, or still ahead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dataset import Dataset
from .dates import show
from .model import Agency, Task

# A pending task this many days or fewer before its due date is "due soon".
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class TaskState:
    task: Task
    state: str  # done | late (done after the due date) | overdue | due (due soon or today) | ahead
    days: int  # days late, overdue, or left before the due date

    @property
    def text(self) -> str:
        t = self.task
        if self.state == "done":
            return f"Đã xong ngày {show(t.done)}"
        if self.state == "late":
            return f"Đã xong ngày {show(t.done)}, muộn {self.days} ngày"
        if self.state == "overdue":
            return f"Quá hạn {self.days} ngày"
        if self.state == "due":
            return "Đến hạn hôm nay" if self.days == 0 else f"Sắp đến hạn: còn {self.days} ngày"
        return f"Chưa đến hạn (còn {self.days} ngày)"


def task_state(task: Task, today: date) -> TaskState:
    if task.status == "done":
        late = (task.done - task.due).days if task.done else 0
        return TaskState(task, "late" if late > 0 else "done", max(late, 0))
    left = (task.due - today).days
    if left < 0:
        return TaskState(task, "overdue", -left)
    return TaskState(task, "due" if left <= DUE_SOON_DAYS else "ahead", left)


def tasks_by_agency(data: Dataset, today: date) -> list[tuple[Agency, list[TaskState]]]:
    """The plan's numbered units first (in the plan's order), then the others as listed; each agency's tasks by due date."""
    states = sorted((task_state(t, today) for t in data.tasks), key=lambda s: (s.task.due, s.task.id))
    agencies = sorted(data.agencies, key=lambda a: (a.number is None, a.number or 0))
    return [(a, [s for s in states if s.task.agency == a.id]) for a in agencies]


def task_record(data: Dataset, state: TaskState) -> dict:
    """One task in the downloads (nhiem-vu.csv / nhiem-vu.json)."""
    t = state.task
    agency = next((a for a in data.agencies if a.id == t.agency), None)
    return {"id": t.id, "title": t.title, "agency": t.agency, "agency_name": agency.name if agency else t.agency,
            "source": t.source, "due": t.due.isoformat(), "status": t.status,
            "done": t.done.isoformat() if t.done else None, "document": t.document, "state": state.state,
            "days": state.days, "state_text": state.text, "note": t.note}


TASK_COLUMNS = ["id", "title", "agency", "agency_name", "source", "due", "status", "done", "document", "state", "days",
                "state_text", "note"]
