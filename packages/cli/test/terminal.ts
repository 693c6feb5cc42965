/* eslint-disable no-control-regex -- matching control characters is the point of this file */
/**
 * What a terminal acts on instead of printing (newline aside): C0 controls, DEL, C1 controls,
 * bidi marks, embeddings, overrides and isolates, line and paragraph separators. The tests' own
 * list, written apart from the code's, to check that human output holds none of them.
 */
export const ACTS_ON =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
