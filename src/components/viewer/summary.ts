/** Totals, the per-state bar chart and the leak suspects, above the views. */
import type { ViewerStrings } from '../../i18n/strings/viewer.ts';
import { format } from '../../i18n/index.ts';
import type { DumpResult, ViewGroup } from './types.ts';
import { provenCount, stateCounts } from './view-model.ts';
import { isLeakSuspect } from '../../lib/dump/classes.ts';
import { headlineFrame } from '../../lib/dump/frames.ts';
import { h } from './dom.ts';
import { basename, classChip } from './frames.ts';

const SUSPECTS_SHOWN = 5;
const STATES_SHOWN = 8;

/** Bars share the class colour of the state's most common class, so suspects stand out. */
function stateClass(groups: readonly ViewGroup[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of groups) if (!m.has(g.state)) m.set(g.state, g.cls);
  return m;
}

export function renderSummary(r: DumpResult, s: ViewerStrings, onSuspect: (key: string) => void): HTMLElement {
  const suspects = r.groups.filter((g) => isLeakSuspect(g.cls));
  const suspectCount = suspects.reduce((n, g) => n + g.count, 0);
  const proven = provenCount(r.groups);
  const fmt = r.format === 'traceback' ? s.formatTraceback : r.format === 'pprof-debug1' ? s.formatDebug1 : s.formatProto;

  const stats = h(
    'dl',
    { class: 'llv-stats' },
    h('div', {}, h('dt', {}, s.total), h('dd', { 'data-testid': 'total' }, String(r.total))),
    h('div', {}, h('dt', {}, s.groupsCount), h('dd', {}, String(r.groups.length))),
    h('div', { class: suspectCount ? 'is-alert' : '' }, h('dt', {}, s.suspectsCount), h('dd', {}, String(suspectCount))),
    r.leaked === null && proven === 0
      ? null
      : h(
          'div',
          { class: proven ? 'is-alert' : '', title: s.provenTitle },
          h('dt', {}, s.provenCount),
          h('dd', { 'data-testid': 'proven' }, String(proven)),
        ),
    h('div', {}, h('dt', {}, s.formatLabel), h('dd', { class: 'llv-small' }, fmt)),
  );

  const counts = stateCounts(r.groups);
  const max = counts[0]?.count ?? 1;
  const classes = stateClass(r.groups);
  const chart = h('ul', { class: 'llv-bars', 'aria-label': s.statesHeading });
  const shown = counts.slice(0, STATES_SHOWN);
  const rest = counts.slice(STATES_SHOWN).reduce((n, c) => n + c.count, 0);
  for (const c of shown) {
    const bar = h('span', { class: `llv-bar c-${classes.get(c.state) ?? 'needs-context'}`, 'aria-hidden': 'true' });
    bar.style.width = `${Math.max(2, (c.count / max) * 100)}%`;
    chart.append(
      h(
        'li',
        {},
        h('span', { class: 'llv-bar-label' }, c.state),
        h('span', { class: 'llv-bar-track' }, bar),
        h('span', { class: 'llv-bar-n' }, String(c.count)),
      ),
    );
  }
  if (rest)
    chart.append(
      h(
        'li',
        {},
        h('span', { class: 'llv-bar-label', title: format(s.otherStatesLabel, { n: counts.length - STATES_SHOWN }) }, s.otherStates),
        h('span', { class: 'llv-bar-track' }),
        h('span', { class: 'llv-bar-n' }, String(rest)),
      ),
    );

  const sus = h('div', { class: 'llv-suspects' }, h('h3', {}, s.suspectsHeading));
  if (suspects.length === 0) sus.append(h('p', { class: 'llv-note' }, s.noSuspects));
  else {
    const ul = h('ul', {});
    for (const g of suspects.slice(0, SUSPECTS_SHOWN)) {
      const top = headlineFrame(g.frames);
      const b = h(
        'button',
        { type: 'button', class: 'llv-suspect' },
        h('span', { class: 'llv-count' }, String(g.count)),
        // One box after the count, so a wrapped label or frame lines up under the state, not under the count.
        h(
          'span',
          { class: 'llv-suspect-body' },
          h('span', { class: 'llv-state' }, g.state),
          classChip(g.cls, s, g.leaked),
          ...g.labels.slice(0, 2).map((l) => h('span', { class: 'llv-label-chip' }, l)),
          h('code', {}, top ? `${top.func} ${basename(top.file)}:${top.line}` : '?'),
        ),
      );
      b.addEventListener('click', () => onSuspect(g.key));
      ul.append(h('li', {}, b));
    }
    sus.append(ul);
  }

  const section = h(
    'section',
    { class: 'llv-summary', 'aria-label': s.summaryHeading },
    stats,
    h('div', { class: 'llv-summary-cols' }, h('div', {}, h('h3', {}, s.statesHeading), chart), sus),
  );
  if (r.warnings.length) {
    const det = h(
      'details',
      { class: 'llv-warnings' },
      h('summary', {}, r.warnings.length === 1 ? s.warningsHeadingOne : format(s.warningsHeading, { n: r.warnings.length })),
    );
    const ul = h('ul', {});
    for (const w of r.warnings.slice(0, 50)) ul.append(h('li', {}, w));
    det.append(ul);
    section.append(det);
  }
  return section;
}
