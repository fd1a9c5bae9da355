import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  checkSecurityOverrides,
  restrictedContainerSecurityContext,
  restrictedContainerSecurityContextProps,
  restrictedPodSecurityContext,
  restrictedPodSecurityContextProps,
} from '../lib/security';
import type { SecurityOverrides } from '../lib/security';
import { RESTRICTED_CONTAINER_CONTEXT } from './helpers/pss-restricted';

describe('restrictedContainerSecurityContext', () => {
  test('is the restricted profile with a read-only root filesystem by default', () => {
    expect(restrictedContainerSecurityContext()).toEqual(RESTRICTED_CONTAINER_CONTEXT);
  });

  test('takes explicit relaxations, ids and added capabilities', () => {
    expect(
      restrictedContainerSecurityContext({
        readOnlyRootFilesystem: false,
        runAsUser: 999,
        runAsGroup: 998,
        addCapabilities: ['NET_BIND_SERVICE'],
      }),
    ).toMatchObject({
      readOnlyRootFilesystem: false,
      runAsUser: 999,
      runAsGroup: 998,
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    });
  });
});

describe('restrictedPodSecurityContext', () => {
  test('runs as UID, GID and fsGroup 1000, non-root, RuntimeDefault seccomp', () => {
    expect(restrictedPodSecurityContext()).toEqual({
      fsGroup: 1000,
      runAsGroup: 1000,
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('takes other ids', () => {
    expect(
      restrictedPodSecurityContext({ runAsUser: 999, runAsGroup: 999, fsGroup: 999 }),
    ).toMatchObject({
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
    });
  });
});

describe('cdk8s-plus props', () => {
  test('render to the same securityContext as the plain objects', () => {
    // GIVEN a cdk8s-plus Deployment built from the props
    const chart = Testing.chart();
    const overrides: SecurityOverrides = { runAsUser: 2000, addCapabilities: ['NET_BIND_SERVICE'] };
    new kplus.Deployment(chart, 'd', {
      securityContext: restrictedPodSecurityContextProps(overrides),
      containers: [
        {
          image: 'x:1',
          securityContext: restrictedContainerSecurityContextProps(overrides),
          resources: {},
        },
      ],
    });
    // WHEN synthesized
    const [deployment] = Testing.synth(chart);
    const pod = deployment.spec.template.spec;
    // THEN the container context equals the plain one, and the pod's ids match
    expect(pod.containers[0].securityContext).toEqual(
      restrictedContainerSecurityContext(overrides),
    );
    expect(pod.securityContext).toMatchObject({
      runAsUser: 2000,
      runAsGroup: 1000,
      fsGroup: 1000,
      runAsNonRoot: true,
    });
  });
});

describe('checkSecurityOverrides', () => {
  const scope = () => new Chart(Testing.app(), 'shop');

  test.each<[unknown, RegExp]>([
    ['root', /sc must be an object such as \{ runAsUser: 101 \} \(got string 'root'\)/],
    [null, /sc must be an object .*\(got null\)/],
    [{ privileged: false }, /sc takes only 'runAsUser', .*'addCapabilities' \(got 'privileged'\)/],
    [{ readOnlyRootFileSystem: false }, /sc takes only .* \(got 'readOnlyRootFileSystem'\)/],
    [
      { runAsUser: '1000' },
      /sc.runAsUser must be an integer between 0 and 2147483647 \(got string '1000'\)/,
    ],
    [{ runAsNonRoot: 'false' }, /sc.runAsNonRoot must be true or false \(got string 'false'\)/],
    [
      { addCapabilities: 'NET_BIND_SERVICE' },
      /sc.addCapabilities must be a list such as \['NET_BIND_SERVICE'\] \(got string 'NET_BIND_SERVICE'\)/,
    ],
    [
      { addCapabilities: [7] },
      /sc.addCapabilities must name Linux capabilities .* \(got number 7\)/,
    ],
    [{ runAsUser: -1 }, /sc.runAsUser must be an integer between 0 and 2147483647 \(got -1\)/],
    [{ runAsGroup: 1.5 }, /sc.runAsGroup must be an integer between 0 and 2147483647 \(got 1.5\)/],
    [{ fsGroup: -2 }, /sc.fsGroup must be an integer between 0 and 2147483647 \(got -2\)/],
    [
      { runAsUser: 0 },
      /sc.runAsUser 0 \(root\) needs sc.runAsNonRoot set to false explicitly \(got runAsNonRoot true\)/,
    ],
    [
      { addCapabilities: ['ALL'] },
      /sc.addCapabilities must name Linux capabilities .* \(got 'ALL'\)/,
    ],
    [
      { addCapabilities: ['net_admin'] },
      /sc.addCapabilities must name Linux capabilities .* \(got 'net_admin'\)/,
    ],
  ])('fails on %j', (overrides, message) => {
    expect(() => checkSecurityOverrides(scope(), 'sc', overrides)).toThrow(message);
  });

  test('accepts root when runAsNonRoot is false', () => {
    expect(() =>
      checkSecurityOverrides(scope(), 'sc', { runAsUser: 0, runAsNonRoot: false }),
    ).not.toThrow();
  });
});
