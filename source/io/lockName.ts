// The name of the lock file sitrep's writers hold (io/write.ts), apart from the
// writer itself so the dashboard's watcher can know it without loading zod.
export const LOCK_NAME = '.sitrep-write.lock';
