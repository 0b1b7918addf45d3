// The server's checks: mark the cells they name, go to a cell from a listed problem, and run the
// checks (or submit) only after the pending saves.

import {commit, setActive} from "./keyboard.js";
import {refreshTitle} from "./problems.js";

function firstEditable(grid, rowId) {
  const r = grid.rows.filter((x) => x.id === rowId)[0];
  return r && r.cells.filter((c) => c.classList.contains("ed"))[0];
}

export function applyIssues(grid) {
  grid.table.querySelectorAll("td.issue-error, td.issue-warning").forEach((td) => {
    td.classList.remove("issue-error", "issue-warning");
    delete td.dataset.issue;
    refreshTitle(grid, td);
  });
  document.querySelectorAll("#issues li.issue").forEach((li) => {
    let td = grid.cellMap[li.dataset.row + ":" + li.dataset.col];
    if (!td && li.dataset.row) { td = firstEditable(grid, li.dataset.row); }
    if (!td) { return; }
    li._td = td;
    td.classList.add(li.dataset.sev === "error" ? "issue-error" : "issue-warning");
    td.dataset.issue = (td.dataset.issue ? td.dataset.issue + "\n" : "") + li.textContent.trim();
    refreshTitle(grid, td);
  });
}

function goTo(grid, e) {
  const li = e.target.closest("#issues li.issue, #cell-problems li, a.goto");
  if (!li) { return; }
  e.preventDefault();
  let td = li._td || grid.cellMap[li.dataset.key] || grid.cellMap[li.dataset.row + ":" + li.dataset.col];
  if (!td && li.dataset.row) {
    const r = grid.rows.filter((x) => x.id === li.dataset.row)[0];
    td = r && r.cells[0];
  }
  if (td) { setActive(grid, td); }
}

function attachButtons(grid) {
  const checkButton = document.getElementById("btn-check");
  if (checkButton) {  // hx-trigger="kh-check": the checks run after the pending saves
    checkButton.addEventListener("click", () => {
      if (grid.editor) { commit(grid); }
      grid.autosave.flush().then(() => { window.htmx.trigger(checkButton, "kh-check"); });
    });
  }
  const submitForm = document.getElementById("submit-form");
  if (submitForm) {
    submitForm.addEventListener("submit", (e) => {
      e.preventDefault();
      if (grid.editor) { commit(grid); }
      grid.autosave.flush().then(() => {
        const bad = Object.keys(grid.problems);
        if (bad.length) { setActive(grid, grid.cellMap[bad[0]]); grid.autosave.updateStatus(); return; }
        submitForm.submit();
      });
    });
  }
}

export function attachChecks(grid) {
  applyIssues(grid);
  document.body.addEventListener("htmx:afterSwap", (e) => {
    if (e.detail.target && e.detail.target.id === "issues") { applyIssues(grid); }
  });
  document.addEventListener("click", (e) => goTo(grid, e));
  attachButtons(grid);
}
