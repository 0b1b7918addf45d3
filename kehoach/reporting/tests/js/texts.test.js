// The written part's word count against the cases the server is checked on
// (../text_cases.json; the Python side: ../test_texts.py). Run: node --test kehoach/
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {test} from "node:test";

import {countWords} from "../../static/reporting/texts/words.js";

const cases = JSON.parse(readFileSync(new URL("../text_cases.json", import.meta.url), "utf8"));

for (const c of cases.words) {
  test(`words of ${JSON.stringify(c.text)}`, () => {
    assert.equal(countWords(c.text), c.words);
  });
}
