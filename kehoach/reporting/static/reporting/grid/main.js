// The submission grid: spreadsheet-like keyboard, paste from Excel, debounced batched autosave,
// Vietnamese numbers, computed-column preview, per-cell notes and problems. The table is
// rendered by the server; these modules only attach to it (loaded as type="module", no build).
//
//   table.js      the grid's state, read from the table      numbers.js   number parser
//   problems.js   where a cell is, titles, problems           formulas.js  computed columns
//   cells.js      a value typed: parse, show, preview, queue  autosave.js  batched saving
//   keyboard.js   selection, editing, paste                   inspector.js the side panel
//   checks.js     the server's checks, check/submit buttons

import {createAutosave} from "./autosave.js";
import {attachChecks} from "./checks.js";
import {attachInspector} from "./inspector.js";
import {attachKeyboard} from "./keyboard.js";
import {refreshTitle} from "./problems.js";
import {buildGrid, freezeLayout} from "./table.js";

const table = document.getElementById("grid");
if (table) {
  const grid = buildGrid(table);
  grid.autosave = createAutosave(grid);
  freezeLayout(table);
  Object.values(grid.cellMap).forEach((td) => refreshTitle(grid, td));
  attachKeyboard(grid);
  attachInspector(grid);
  attachChecks(grid);
  if (grid.rows.length) {
    const cells = grid.rows[0].cells;
    const first = cells.filter((td) => td.classList.contains("ed"))[0] || cells[0];
    grid.active = first;
    first.classList.add("active");
    first.tabIndex = 0;
  }
}
