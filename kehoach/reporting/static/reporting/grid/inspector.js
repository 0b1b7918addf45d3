// The inspector beside the grid: where the selected cell is, last period's value, comments,
// the note (giải trình) and, for the planning office, review comments sent with a return.

import {keyOf, refreshTitle, where} from "./problems.js";

function text(id, value) { document.getElementById(id).textContent = value; }

export function showInspector(grid, td) {
  if (!document.getElementById("inspector")) { return; }
  const T = grid.T;
  text("insp-where", where(grid, td));
  text("insp-prev", td.dataset.prev ? T.prev + ": " + td.dataset.prev : "");
  text("insp-comments", td.dataset.comments ? T.comment + ": " + td.dataset.comments : "");
  const p = grid.problems[keyOf(grid, td)];
  text("insp-problem", [p ? p.message : "", td.dataset.issue || ""].filter(Boolean).join(" · "));
  const noteBox = document.getElementById("insp-note");
  if (noteBox) {
    noteBox.value = td.dataset.note || "";
    noteBox.disabled = !td.classList.contains("ed");
  }
}

function attachNote(grid) {
  const noteBox = document.getElementById("insp-note");
  if (!noteBox) { return; }
  noteBox.addEventListener("change", () => {
    const active = grid.active;
    if (!active || !active.classList.contains("ed")) { return; }
    const note = noteBox.value.trim();
    if (note) { active.dataset.note = note; } else { delete active.dataset.note; }
    active.classList.toggle("has-note", !!note);
    refreshTitle(grid, active);
    grid.autosave.queueChange(active, {note: note});
  });
}

function attachReview(grid) {
  const reviewComments = [];
  const reviewInput = document.getElementById("insp-review");
  const addReview = document.getElementById("insp-review-add");
  function render() {
    const list = document.getElementById("cell-comments-list");
    const hidden = document.getElementById("cell-comments-input");
    if (!list || !hidden) { return; }
    list.textContent = "";
    reviewComments.forEach((c, i) => {
      const li = document.createElement("li");
      li.textContent = c.where + ": " + c.text + " ";
      const remove = document.createElement("button");
      remove.type = "button"; remove.className = "link"; remove.textContent = grid.T.remove;
      remove.addEventListener("click", () => { reviewComments.splice(i, 1); render(); });
      li.appendChild(remove);
      list.appendChild(li);
    });
    hidden.value = JSON.stringify(reviewComments.map((c) => ({row: c.row, column: c.column, text: c.text})));
  }
  if (!addReview || !reviewInput) { return; }
  addReview.addEventListener("click", () => {
    const value = reviewInput.value.trim(), active = grid.active;
    if (!active || !value) { return; }
    reviewComments.push({row: grid.rows[active._r].id, column: active.dataset.k, text: value,
                         where: where(grid, active)});
    reviewInput.value = "";
    active.classList.add("has-comment");
    render();
  });
}

export function attachInspector(grid) {
  attachNote(grid);
  attachReview(grid);
}
