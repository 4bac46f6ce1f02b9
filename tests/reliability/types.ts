// One row of the table in docs/reliability.md. Every check module under
// tests/reliability/ returns rows; `npm run reliability` prints them and the tests
// assert each one is green, so the table and the tests cannot disagree.
export interface Row {
	/** Section of the table: "hostile text", "broken files", "fuzzing", "import", "settings", "terminal". */
	area: string;
	/** What was checked, e.g. "article titles in the TUI". */
	what: string;
	passed: number;
	total: number;
	/** Extra figure for the table, e.g. "12,000 cases, 0 crashes". */
	note?: string;
	/** One line per failed case, for the test's message. */
	failures: string[];
}

export type Check = () => Promise<Row[]>;
