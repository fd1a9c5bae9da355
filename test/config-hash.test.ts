import { configHash } from '../lib/config-hash';

describe('configHash', () => {
  const base = configHash({ configMap: { A: '1', B: '2' }, secret: { S: 'x' } });

  test('is a hex sha256', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  test.each<[string, Parameters<typeof configHash>[0], boolean]>([
    // case, sources, same hash as base?
    ['same data', { configMap: { A: '1', B: '2' }, secret: { S: 'x' } }, true],
    ['keys in another order', { secret: { S: 'x' }, configMap: { B: '2', A: '1' } }, true],
    ['a changed value', { configMap: { A: '1', B: '3' }, secret: { S: 'x' } }, false],
    ['a changed secret', { configMap: { A: '1', B: '2' }, secret: { S: 'y' } }, false],
    ['an added key', { configMap: { A: '1', B: '2', C: '' }, secret: { S: 'x' } }, false],
    ['a key moved between groups', { configMap: { A: '1', B: '2', S: 'x' } }, false],
  ])('%s → same: %s', (_case, sources, same) => {
    expect(configHash(sources) === base).toBe(same);
  });

  test('absent and empty groups hash alike', () => {
    expect(configHash({ configMap: undefined, secret: {} })).toBe(configHash({}));
  });

  test('is stable across runs', () => {
    // sha256 of '[["configMap",[["A","1"]]]]'. A changed algorithm would roll every user's
    // pods, so it must be deliberate.
    expect(configHash({ configMap: { A: '1' } })).toBe(
      '18c7e8f1acc0b24eb9cd5af8309cd364c89b7e0c46f2b909db935f24ce3e8fa0',
    );
  });
});
