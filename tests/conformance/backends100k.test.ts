// The conformance suite (suite.ts) on a seeded 100k synthetic set: a file of its own, so it
// runs beside the rest of the tests rather than after the small sets.
import { conformance } from './suite.js';

conformance(['synthetic 100k (seed 7)']);
