// The setup-file style: src/jest.setup.ts imports bosun/testing once for all test files.
// Only *.spec.ts run here; jest.config.js's *.test.ts import bosun/testing themselves.
module.exports = {
  ...require('./jest.config.js'),
  testMatch: ['**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/jest.setup.ts'],
};
