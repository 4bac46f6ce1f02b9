/** See width-fast-path.mjs. */
export const ONE_COLUMN_SOURCE: string;
