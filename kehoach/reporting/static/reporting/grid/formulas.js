// Formulas of computed columns, as kehoach.core.expressions evaluates them on the server:
// + - * / parentheses, unary minus, abs min max sum round; a missing value, a division by zero
// or an unknown function give null. Shared cases: kehoach/reporting/tests/grid_cases.json.

const TOKENS = /\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*|[-+*/(),]/g;

// round(x, places) half away from zero, like Decimal.quantize(ROUND_HALF_UP); toPrecision(15)
// drops the binary noise of x * 10^places (1.005 * 100 = 100.49999999999999).
function round(x, places) {
  const p = places === undefined ? 0 : places;
  if (p !== Math.trunc(p) || p < -20 || p > 20) { return null; }
  const f = Math.pow(10, p);
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  return Math.sign(x) * Math.round(scaled) / f;
}

const FUNCTIONS = {
  abs: (args) => Math.abs(args[0]),
  min: (args) => Math.min(...args),
  max: (args) => Math.max(...args),
  sum: (args) => args.reduce((a, b) => a + b, 0),
  round: (args) => round(args[0], args[1]),
};

export function evaluate(formula, env) {
  const tokens = String(formula).match(TOKENS) || [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];

  function call(name) {
    next();
    const args = [additive()];
    while (peek() === ",") { next(); args.push(additive()); }
    next();
    if (args.some((a) => a === null) || !(name in FUNCTIONS)) { return null; }
    return FUNCTIONS[name](args);
  }
  function primary() {
    const t = next();
    if (t === "(") { const v = additive(); next(); return v; }
    if (t === "-") { const u = primary(); return u === null ? null : -u; }
    if (t === "+") { return primary(); }
    if (/^\d/.test(t)) { return parseFloat(t); }
    if (peek() === "(") { return call(t); }
    return env[t] === undefined ? null : env[t];
  }
  function term() {
    let v = primary();
    while (peek() === "*" || peek() === "/") {
      const op = next(), w = primary();
      v = (v === null || w === null || (op === "/" && w === 0)) ? null : (op === "*" ? v * w : v / w);
    }
    return v;
  }
  function additive() {
    let v = term();
    while (peek() === "+" || peek() === "-") {
      const op = next(), w = term();
      v = (v === null || w === null) ? null : (op === "+" ? v + w : v - w);
    }
    return v;
  }
  try {
    const result = additive();
    return result !== null && Number.isFinite(result) ? result : null;
  } catch (e) {
    return null;
  }
}

// The formula of a computed column on a row: a row of a percentage (rate, growth rate, share)
// takes the column's rate formula when it has one (a difference, never % divided by %).
export function formulaFor(column, row) {
  return row.rate && column.rateFormula ? column.rateFormula : column.formula;
}
