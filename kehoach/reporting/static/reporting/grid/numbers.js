// Numbers as the server reads a grid cell (kehoach.reporting.services.cells.parse_value, which
// reads kehoach.core.exchange.numbers the Vietnamese way). The cases both must agree on are in
// kehoach/reporting/tests/grid_cases.json, checked by pytest and by `node --test`.

const PLAIN = /^[+-]?\d+$/;
const AMBIGUOUS = /^[+-]?[1-9]\d{0,2}[.,]\d{3}$/;
const VI = /^[+-]?([1-9]\d{0,2}(\.\d{3})+(,\d+)?|\d+,\d+)$/;
const EN = /^[+-]?([1-9]\d{0,2}(,\d{3})+(\.\d+)?|\d+\.\d+)$/;
// The server refuses |value| >= 1e17: 18 digits before the decimal point.
const MAX_INTEGER_DIGITS = 17;

function canonical(t) {
  if (PLAIN.test(t)) { return t; }
  if (AMBIGUOUS.test(t)) { return t.replace(/\./g, "").replace(",", "."); }
  const vi = VI.test(t), en = EN.test(t);
  if (vi && !en) { return t.replace(/\./g, "").replace(",", "."); }
  if (en && !vi) { return t.replace(/,/g, ""); }
  return null;
}

// {empty: true, value: ""}, {value: "1234.5"} (a plain decimal string), or
// {error: "notNumber" | "tooBig"} (keys of the page's translated texts).
export function parseNumber(text) {
  let t = String(text).replace(/[\s\u00a0\u202f]/g, "");
  if (t === "") { return {empty: true, value: ""}; }
  if (t.charAt(t.length - 1) === "%") { t = t.slice(0, -1); }
  const canon = canonical(t);
  if (canon === null) { return {error: "notNumber"}; }
  const digits = canon.replace(/^[+-]/, "").split(".")[0].replace(/^0+/, "");
  if (digits.length > MAX_INTEGER_DIGITS) { return {error: "tooBig"}; }
  return {value: canon};
}
