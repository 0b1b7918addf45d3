// Selection and editing like a spreadsheet: arrows, Tab, Enter, F2, typing replaces, Delete
// clears, Escape cancels; double click edits; a block pasted from Excel / LibreOffice fills the
// cells from the selected one.

import {setValue} from "./cells.js";
import {showInspector} from "./inspector.js";
import {keyOf, where} from "./problems.js";
import {say} from "./table.js";

export function setActive(grid, td) {
  if (!td) { return; }
  if (grid.active) { grid.active.classList.remove("active"); }
  grid.active = td;
  td.classList.add("active");
  td.focus({preventScroll: true});
  td.scrollIntoView({block: "nearest", inline: "nearest"});
  showInspector(grid, td);
}

function move(grid, dr, dc) {
  if (!grid.active) { return; }
  let r = grid.active._r + dr, c = grid.active._c + dc;
  if (c >= grid.columns.length) { c = 0; r += 1; }
  if (c < 0) { c = grid.columns.length - 1; r -= 1; }
  r = Math.max(0, Math.min(grid.rows.length - 1, r));
  setActive(grid, grid.rows[r].cells[c]);
}

function startEdit(grid, td, replaceWith) {
  if (!grid.editable || !td.classList.contains("ed") || grid.editor) { return; }
  const input = document.createElement("input");
  input.type = "text";
  input.inputMode = "decimal";
  input.setAttribute("aria-label", where(grid, td));
  const current = grid.lang === "vi-VN" || grid.problems[keyOf(grid, td)] ? td.textContent : td.dataset.raw;
  grid.editor = {td: td, input: input, before: td.textContent, typed: replaceWith !== undefined};
  input.value = replaceWith !== undefined ? replaceWith : current;
  td.textContent = "";
  td.classList.add("editing");
  td.appendChild(input);
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
  input.addEventListener("blur", () => { if (grid.editor && grid.editor.input === input) { commit(grid); } });
}

function closeEditor(grid) {
  const ed = grid.editor;
  grid.editor = null;
  ed.td.classList.remove("editing");
  if (ed.input.parentNode) { ed.input.parentNode.removeChild(ed.input); }
  return ed;
}

export function commit(grid) {
  const ed = closeEditor(grid), text = ed.input.value.trim();
  if (text === ed.before.trim() && !grid.problems[keyOf(grid, ed.td)]) { ed.td.textContent = ed.before; return; }
  setValue(grid, ed.td, text);
  showInspector(grid, ed.td);
}

function cancel(grid) {
  const ed = closeEditor(grid);
  ed.td.textContent = ed.before;
  ed.td.focus();
}

const MOVES = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};

function editorKey(grid, e) {
  const k = e.key;
  if (k === "Enter" || k === "Tab" || k === "ArrowUp" || k === "ArrowDown" ||
      (grid.editor.typed && (k === "ArrowLeft" || k === "ArrowRight"))) {
    e.preventDefault();
    commit(grid);
    if (k === "Enter") { move(grid, e.shiftKey ? -1 : 1, 0); }
    else if (k === "Tab") { move(grid, 0, e.shiftKey ? -1 : 1); }
    else { move(grid, MOVES[k][0], MOVES[k][1]); }
  } else if (k === "Escape") { e.preventDefault(); cancel(grid); }
}

function cellKey(grid, e) {
  const active = grid.active;
  if (MOVES[e.key]) { e.preventDefault(); move(grid, MOVES[e.key][0], MOVES[e.key][1]); }
  else if (e.key === "Tab") { e.preventDefault(); move(grid, 0, e.shiftKey ? -1 : 1); }
  else if (e.key === "Enter") { e.preventDefault(); move(grid, e.shiftKey ? -1 : 1, 0); }
  else if (e.key === "F2") { e.preventDefault(); startEdit(grid, active); }
  else if ((e.key === "Delete" || e.key === "Backspace") && grid.editable) {
    e.preventDefault();
    if (active.textContent !== "" || grid.problems[keyOf(grid, active)]) { setValue(grid, active, ""); }
  } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && grid.editable && active.classList.contains("ed")) {
    e.preventDefault();
    startEdit(grid, active, e.key);
  }
}

function showNotice(table, text) {
  let box = document.getElementById("grid-notice");
  if (!box) {
    box = document.createElement("p");
    box.id = "grid-notice";
    box.className = "muted small";
    table.parentNode.parentNode.insertBefore(box, table.parentNode.nextSibling);
  }
  box.textContent = text;
}

function pasteBlock(grid, text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") { lines.pop(); }
  const start = grid.rows[grid.active._r].pos, column = grid.active._c;
  let skipped = 0, changed = 0;
  lines.forEach((line, i) => {
    const r = grid.byPos[start + i];
    if (r === undefined) { return; }  // a heading row, or past the end
    line.split("\t").forEach((value, j) => {
      const td = grid.rows[r].cells[column + j];
      if (!td) { return; }
      if (!td.classList.contains("ed")) { if (value.trim() !== "") { skipped += 1; } return; }
      if (setValue(grid, td, value.trim())) { changed += 1; }
    });
  });
  if (skipped && grid.problemList) { showNotice(grid.table, say(grid.T.skipped, {n: skipped})); }
  return changed;
}

export function attachKeyboard(grid) {
  const table = grid.table;
  table.addEventListener("keydown", (e) => {
    if (grid.editor) { editorKey(grid, e); return; }
    if (grid.active) { cellKey(grid, e); }
  });
  table.addEventListener("mousedown", (e) => {
    const td = e.target.closest("td.c");
    if (td && (!grid.editor || grid.editor.td !== td)) {
      e.preventDefault();
      if (grid.editor) { commit(grid); }
      setActive(grid, td);
    }
  });
  table.addEventListener("dblclick", (e) => {
    const td = e.target.closest("td.c");
    if (td) { setActive(grid, td); startEdit(grid, td); }
  });
  document.addEventListener("paste", (e) => {
    if (!grid.editable || !grid.active || !table.contains(document.activeElement)) { return; }
    const text = (e.clipboardData || window.clipboardData).getData("text");
    if (grid.editor && !/[\t\n]/.test(text)) { return; }  // a plain value into the open editor
    e.preventDefault();
    if (grid.editor) { cancel(grid); }
    pasteBlock(grid, text);
  });
}
