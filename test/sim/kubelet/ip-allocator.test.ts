import { IpAllocator } from '../../../lib/sim/kubelet/ip-allocator';

describe('IpAllocator', () => {
  test('hands out addresses from .2 on, skipping network and gateway', () => {
    const ips = new IpAllocator('10.244.1.0/24');
    expect([ips.allocate(), ips.allocate(), ips.allocate()]).toEqual([
      '10.244.1.2',
      '10.244.1.3',
      '10.244.1.4',
    ]);
  });

  test('reuses freed addresses before new ones', () => {
    const ips = new IpAllocator('10.244.1.0/24');
    const first = ips.allocate()!;
    ips.allocate();
    ips.release(first);
    expect(ips.allocate()).toBe(first);
    expect(ips.allocate()).toBe('10.244.1.4');
  });

  test('is exhausted after the last host address', () => {
    const ips = new IpAllocator('10.0.0.0/29');
    const all = Array.from({ length: 6 }, () => ips.allocate());
    expect(all).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6', undefined]);
  });

  test('ignores releases of addresses it did not hand out', () => {
    const ips = new IpAllocator('10.244.1.0/24');
    ips.release('10.244.1.9');
    expect(ips.allocate()).toBe('10.244.1.2');
  });

  test('fails on a malformed CIDR', () => {
    expect(() => new IpAllocator('10.244.1/24')).toThrow(/invalid pod CIDR "10.244.1\/24"/);
  });
});
