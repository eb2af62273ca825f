/**
 * Test files that replace a module (vi.mock: an injected wrong theory). vitest.config.ts runs
 * them isolated, each in a fresh module graph, so the replacement never leaks into another
 * file of the shared graph; test/runtime/moduleMocks.test.ts fails when a file that mocks a
 * module is missing here.
 */
export const MODULE_MOCKS = [
  "test/properties/t13Injected.test.ts",
  "test/properties/t2Injected.test.ts",
  "test/properties/x2x6Law.test.ts",
];
