/** Unit tests only: the definitions package needs no store and no network. */
const { swcTransform } = require('../jest.swc');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': swcTransform() },
};
