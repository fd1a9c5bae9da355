// As `cdk8s init typescript-app` writes it: ts-jest, type-checked with tsconfig.json.
module.exports = {
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': 'ts-jest' },
};
