/** Row 2: `devslot status all --json` against its floor: starting Node plus one label-filtered `docker ps`. */
import { median, summary } from '../lib/harness.js';
import type { FastRow } from '../lib/row.js';

export const row2: FastRow = {
  kind: 'fast',
  id: '2',
  measures: ['nodeNoop', 'dockerPs', 'status'],
  judge: (s) => {
    const status = median(s.status);
    const floor = median(s.nodeNoop) + median(s.dockerPs);
    return [{
      id: '2', measure: 'devslot status all --json', baseline: 'node -e 0 + docker ps --filter label=…',
      devslotMs: status, baselineMs: floor, ratio: status / floor, ratioKind: 'of baseline', goal: '≤ 1.5× their sum',
      pass: status / floor <= 1.5, samples: { devslot: summary(s.status), nodeNoop: summary(s.nodeNoop), dockerPs: summary(s.dockerPs) },
    }];
  },
};
