// BullMQ's Lua scripts, as its Redis connection loads them (name, source, number of keys).
// BullMQ ships no types for this file of its CommonJS build; job-queue.ts runs its
// job-adding script inside one of its own.
declare module 'bullmq/dist/cjs/scripts/index.js' {
  const scripts: Record<string, { name: string; content: string; keys: number }>;
  export default scripts;
}
