// Characters sitrep draws with that string-width measures slowly but that are
// always one column wide and never combine (Latin-1 without the soft hyphen,
// general punctuation, arrows, box drawing and block elements). The build
// adds this to string-width's ASCII fast path; tests/width.test.ts proves the
// claim against string-width itself.
export const ONE_COLUMN_SOURCE =
	'^[\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u00FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF\\u2500-\\u259F]*$';
