import { StatefulDb } from '../lib/stateful-db';
import type { StatefulDbProps } from '../lib/stateful-db';
import { describeWrongTypes } from './helpers/wrong-types';

const build = (override: Record<string, unknown>) =>
  ({ engine: 'postgres', password: 'dev-only', ...override }) as unknown as StatefulDbProps;

describeWrongTypes('StatefulDb given wrongly typed props (as from JavaScript or YAML)', {
  path: 'shop/db',
  shapes: {
    engine: 'string',
    name: 'string',
    version: 'string',
    image: 'string',
    replicas: 'number',
    storage: 'object',
    database: 'string',
    username: 'string',
    passwordSecret: 'string',
    password: 'string',
    passwordKey: 'string',
    rootPasswordKey: 'string',
    resources: 'object',
    allowFrom: 'list',
    securityContext: 'object',
  },
  build: (chart, override) => new StatefulDb(chart, 'db', build(override)),
});

describeWrongTypes('StatefulDb given a wrongly typed storage field', {
  path: 'shop/db',
  shapes: { size: 'string', storageClassName: 'string' },
  build: (chart, storage) => new StatefulDb(chart, 'db', build({ storage })),
});

describeWrongTypes('StatefulDb given wrongly typed resources', {
  path: 'shop/db',
  shapes: { cpu: 'object', memory: 'object' },
  build: (chart, resources) => new StatefulDb(chart, 'db', build({ resources })),
});

describeWrongTypes('StatefulDb given a wrongly typed securityContext field', {
  path: 'shop/db',
  shapes: {
    runAsUser: 'number',
    runAsNonRoot: 'boolean',
    readOnlyRootFilesystem: 'boolean',
    addCapabilities: 'list',
  },
  build: (chart, securityContext) => new StatefulDb(chart, 'db', build({ securityContext })),
});
