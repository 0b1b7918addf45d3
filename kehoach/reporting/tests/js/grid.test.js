// The grid's number parser and formula evaluator against the cases the server is checked on
// (../grid_cases.json; the Python side: ../test_grid_cases.py). Run: node --test kehoach/
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {test} from "node:test";

import {evaluate, formulaFor} from "../../static/reporting/grid/formulas.js";
import {parseNumber} from "../../static/reporting/grid/numbers.js";

const cases = JSON.parse(readFileSync(new URL("../grid_cases.json", import.meta.url), "utf8"));

for (const c of cases.numbers) {
  test(`number ${JSON.stringify(c.text)}`, () => {
    const got = parseNumber(c.text);
    if (c.empty) {
      assert.deepEqual(got, {empty: true, value: ""});
    } else if (c.error) {
      assert.deepEqual(got, {error: c.error});
    } else {
      assert.equal(got.error, undefined);
      assert.equal(Number(got.value), Number(c.value));
    }
  });
}

for (const c of cases.formulas) {
  test(`formula ${c.formula} with ${JSON.stringify(c.env)}`, () => {
    const env = Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, v === null ? null : Number(v)]));
    const got = evaluate(c.formula, env);
    if (c.result === null) {
      assert.equal(got, null);
    } else {
      assert.ok(got !== null && Math.abs(got - Number(c.result)) <= 1e-9 * Math.max(1, Math.abs(Number(c.result))),
                `${got} ≠ ${c.result}`);
    }
  });
}

for (const c of cases.formula_choice) {
  test(`formula of a ${c.rate ? "rate" : "other"} row: ${c.formula} | ${c.rate_formula}`, () => {
    assert.equal(formulaFor({formula: c.formula, rateFormula: c.rate_formula}, {rate: c.rate}), c.chosen);
  });
}
