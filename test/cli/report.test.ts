import { renderReport } from '../../lib/cli/report';
import { eventsTable, rolloutGantt, timelineEvents } from '../../lib/cli/timeline';
import { mermaidTopology } from '../../lib/cli/topology';
import { NOW, OBJECTS, PROBLEMS, START } from './cluster-objects';

describe('mermaidTopology', () => {
  const chart = mermaidTopology(OBJECTS, PROBLEMS, NOW);
  const lines = chart.split('\n');
  const idOf = (label: string) => {
    const line = lines.find((l) => l.includes(`"${label}`));
    if (!line) throw new Error(`no vertex ${label} in\n${chart}`);
    return line.trim().split(/[[(>]/)[0];
  };

  it('is a left-to-right flowchart with one subgraph per namespace', () => {
    expect(lines[0]).toBe('flowchart LR');
    expect(lines).toContain('  subgraph ns_default["namespace default"]');
  });

  it('links Ingress → Service → Deployment → Pods with the route on the first edge', () => {
    expect(lines).toContain(
      `  ${idOf('ingress/edge')} -->|"example.com/ :80"| ${idOf('service/web')}`,
    );
    expect(lines).toContain(`  ${idOf('service/web')} --> ${idOf('deployment/web')}`);
    expect(lines).toContain(`  ${idOf('deployment/web')} --> ${idOf('pod/web-5d9c7-aaaaa')}`);
  });

  it('links a StatefulSet to its pod and the pod to its PersistentVolumeClaim', () => {
    expect(lines).toContain(`  ${idOf('statefulset/db')} --> ${idOf('pod/db-0')}`);
    expect(lines).toContain(`  ${idOf('pod/db-0')} --> ${idOf('persistentvolumeclaim/data-db-0')}`);
    expect(chart).toMatch(/\[\("persistentvolumeclaim\/data-db-0"\)\]/); // a cylinder
  });

  it('shows what an HPA scales', () => {
    expect(lines).toContain(
      `  ${idOf('horizontalpodautoscaler/web')} -. scales .-> ${idOf('deployment/web')}`,
    );
  });

  it('draws objects with problems, and missing backends, in red', () => {
    expect(chart).toMatch(/"deployment\/web"\]:::problem/);
    expect(chart).toMatch(/"pod\/web-5d9c7-bbbbb<br\/>ImagePullBackOff"\):::problem/);
    expect(chart).toMatch(/"service\/admin<br\/>\(missing\)"\]\):::problem/);
    expect(chart).not.toMatch(/"service\/web"\]\):::problem/);
    expect(chart).toContain('classDef problem');
  });

  it('collapses more than five pods into one summary node', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      ...OBJECTS.find((o) => o.metadata.name === 'web-5d9c7-aaaaa')!,
      metadata: {
        ...OBJECTS.find((o) => o.metadata.name === 'web-5d9c7-aaaaa')!.metadata,
        name: `web-5d9c7-p${i}`,
        uid: `p${i}`,
      },
    }));
    const text = mermaidTopology([...OBJECTS.filter((o) => o.kind !== 'Pod'), ...many], [], NOW);
    expect(text).toContain('"7 pods<br/>7 running"');
    expect(text).not.toContain('pod/web-5d9c7-p0');
  });
});

describe('timeline', () => {
  it('lists events in virtual time order with seconds since the start', () => {
    const events = timelineEvents(OBJECTS, Date.parse(START));
    expect(events.map((e) => [e.at, e.reason, e.object])).toEqual([
      [0, 'ScalingReplicaSet', 'deployment/web'],
      [2, 'Failed', 'pod/web-5d9c7-bbbbb'],
      [5, 'Started', 'pod/db-0'],
    ]);
    const table = eventsTable(events);
    expect(table).toContain(
      '| +2s | Warning | Failed | `pod/web-5d9c7-bbbbb` | Error: ImagePullBackOff \\| retrying |',
    );
  });

  it("draws one gantt bar per workload, until its last event or its pods' last event", () => {
    const gantt = rolloutGantt(OBJECTS, PROBLEMS, Date.parse(START));
    expect(gantt?.split('\n')).toEqual([
      'gantt',
      '  title Rollout (virtual seconds)',
      '  dateFormat X',
      '  axisFormat %M:%S',
      '  section default',
      '  deployment/web : crit, 0, 40',
      '  statefulset/db : done, 0, 5',
    ]);
  });

  it('has no gantt without workloads', () => {
    expect(rolloutGantt([], [], 0)).toBeUndefined();
  });
});

describe('renderReport', () => {
  it('holds the verdict, a problems table, the topology and the timeline', () => {
    const md = renderReport({
      outcome: { converged: false, seconds: 600, problems: PROBLEMS },
      objects: OBJECTS,
      now: NOW,
      start: START,
      sources: ['dist/app.k8s.yaml'],
    });
    expect(md).toMatch(/^# bosun sim report\n/);
    expect(md).toContain('**❌ not converged: 2 problems (nothing changed after 600s, virtual)**');
    expect(md).toContain('Manifests: `dist/app.k8s.yaml`');
    expect(md).toContain(
      '| Deployment | default | web | ProgressDeadlineExceeded | ReplicaSet "web-5d9c7" has timed out progressing. |',
    );
    expect(md).toContain('## Topology\n\n```mermaid\nflowchart LR');
    expect(md).toContain('## Rollout timeline\n\n```mermaid\ngantt');
    expect(md).toContain('| Time | Type | Reason | Object | Message |');
  });

  it('says None when there are no problems', () => {
    const md = renderReport({
      outcome: { converged: true, seconds: 12, problems: [] },
      objects: [],
      now: NOW,
      start: START,
    });
    expect(md).toContain('**✅ converged in 12s (virtual)**');
    expect(md).toContain('## Problems\n\nNone.');
    expect(md).toContain('_No events were recorded._');
  });
});
