import { ENGINE_NAMES, ENGINES, findEngine } from '../../lib/engines';

describe('engine registry', () => {
  test('every listed engine has a preset of that name', () => {
    for (const name of ENGINE_NAMES) expect(ENGINES[name].name).toBe(name);
    expect(Object.keys(ENGINES).sort()).toEqual([...ENGINE_NAMES].sort());
  });

  it.each([
    ['postgres', 'postgres'],
    ['mongodb', undefined],
    ['toString', undefined], // not fooled by Object.prototype
    ['Postgres', undefined],
  ])('findEngine(%p) is %p', (name, expected) => {
    expect(findEngine(name)?.name).toBe(expected);
  });

  test('postgres and mysql need a password, redis does not', () => {
    expect(ENGINES.postgres.requiresPassword).toBe(true);
    expect(ENGINES.mysql.requiresPassword).toBe(true);
    expect(ENGINES.redis.requiresPassword).toBe(false);
  });
});
