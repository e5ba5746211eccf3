/** The use cases every surface calls: each checks its own permissions and returns what to render and send. */
export * from './direct.js';
export * from './home.js';
export * from './lifecycle.js';
export * from './lookups.js';
export * from './messages.js';
export * from './schedule.js';
export * from './settings.js';
export * from './star.js';
export * from './stories.js';
export * from './thread.js';
export type * from './types.js';
