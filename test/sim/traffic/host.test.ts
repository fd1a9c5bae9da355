import { hostMatches, normalizeHost, selectHost } from '../../../lib/sim/traffic/host';

describe('hostMatches', () => {
  it.each([
    // rule host, request host → matches
    ['foo.bar.com', 'foo.bar.com', true],
    ['foo.bar.com', 'FOO.bar.com', true], // host names are case-insensitive
    ['foo.bar.com', 'foo.bar.com:443', true], // the port is not part of the name
    ['foo.bar.com', 'foo.bar.com.', true], // nor is the root dot
    ['foo.bar.com', 'bar.com', false],
    ['*.foo.com', 'bar.foo.com', true], // the docs' example: one label
    ['*.foo.com', 'baz.bar.foo.com', false], // never two labels
    ['*.foo.com', 'foo.com', false], // never zero labels
    ['*.foo.com', '.foo.com', false],
    ['*.example.com', 'api.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'apiexample.com', false],
  ])('%s takes %s: %s', (rule, host, expected) => {
    expect(hostMatches(rule, host)).toBe(expected);
  });
});

describe('normalizeHost', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['example.com:8443', 'example.com'],
    ['example.com.', 'example.com'],
    [' api.example.com ', 'api.example.com'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });
});

describe('selectHost', () => {
  const servers = ['*.example.com', 'api.example.com', '*.eu.example.com', 'example.com'];
  it.each([
    // request host → server
    ['api.example.com', 'api.example.com'], // the exact name beats the wildcard
    ['web.example.com', '*.example.com'],
    ['shop.eu.example.com', '*.eu.example.com'], // the longest wildcard wins
    ['example.com', 'example.com'],
    ['a.b.example.com', undefined], // no server: the catch-all answers
    ['other.org', undefined],
  ])('%s → %s', (host, expected) => {
    expect(selectHost(servers, host)).toBe(expected);
  });
});
