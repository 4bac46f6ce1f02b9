// The conformance suite (suite.ts) on the bundled data, and with UCDP rows imported.
import { conformance } from './suite.js';

conformance(['bundled', 'bundled + UCDP import']);
