// Words as a reader counts them ("7,5%" is one; a list's "-" is none): the same rule as the
// server's reporting.prose.word_count, pinned by tests/text_cases.json.
const WORD = /[\p{L}\p{N}\p{M}]+(?:[.,'’/-][\p{L}\p{N}\p{M}]+)*%?/gu;

export function countWords(text) {
  return ((text || "").match(WORD) || []).length;
}
