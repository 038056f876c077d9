/** Row 3: devslot's own start-up cost: `--version`, and `N ports` answered from the saved plan, against `node -e 0`. */
import { PROBE_SLOT } from '../lib/config.js';
import { median, summary } from '../lib/harness.js';
import type { FastRow } from '../lib/row.js';

export const row3: FastRow = {
  kind: 'fast',
  id: '3',
  measures: ['nodeNoop', 'version', 'ports'],
  judge: (s) => {
    const node = median(s.nodeNoop);
    const version = median(s.version);
    const ports = median(s.ports);
    return [
      {
        id: '3a', measure: 'devslot --version', baseline: 'node -e 0',
        devslotMs: version, baselineMs: node, ratio: version / node, ratioKind: 'of baseline', goal: '≤ 1.5× its time',
        pass: version / node <= 1.5, samples: { devslot: summary(s.version), baseline: summary(s.nodeNoop) },
      },
      {
        id: '3b', measure: `devslot ${PROBE_SLOT} ports (initialized)`, baseline: 'node -e 0',
        devslotMs: ports, baselineMs: node, ratio: ports / node, ratioKind: 'of baseline', goal: '≤ 1.5× its time',
        pass: ports / node <= 1.5, samples: { devslot: summary(s.ports), baseline: summary(s.nodeNoop) },
      },
    ];
  },
};
