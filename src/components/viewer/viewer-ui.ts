/**
 * The viewer itself: summary, accessible tabs (groups, creator tree, diff), filters, the
 * virtualised group list and the exports. Shared by the /dump/ page and the inline viewer.
 */
import type { Locale } from '../../i18n/index.ts';
import { format } from '../../i18n/index.ts';
import type { ViewerStrings } from '../../i18n/strings/viewer.ts';
import { MAX_DECOMPRESSED_MIB } from '../../lib/dump/limits.ts';
import type { DumpResult } from './types.ts';
import { defaultFilters, filterGroups, labelCounts, provenCount, stateCounts, type Filters, type SortKey } from './view-model.ts';
import { download, h, nextId } from './dom.ts';
import { copyText } from '../shared/clipboard.ts';
import { createGroupList } from './group-list.ts';
import { renderSummary } from './summary.ts';
import { renderTree } from './tree-view.ts';
import { createDiffView } from './diff-view.ts';
import type { FrameClick } from './frames.ts';
import { ParseError, type ParseClient } from './worker-client.ts';

export interface ViewerOptions {
  locale: Locale;
  strings: ViewerStrings;
  client: ParseClient;
  /** Inline viewers show groups and the tree only. */
  withDiff: boolean;
  diffExample?: { before: string; after: string };
  onFrameClick?: FrameClick;
  /** Open the top group right away when there are only a few (a lesson's leak is usually one). */
  openFew?: boolean;
}

export interface Viewer {
  element: HTMLElement;
  show(result: DumpResult, name: string): void;
  /** Hides the results (after a file was rejected), so nothing stale stays on screen. */
  clear(): void;
}

export function errorText(e: unknown, s: ViewerStrings): string {
  if (!(e instanceof ParseError)) return format(s.errWorker, { detail: String(e) });
  switch (e.code) {
    case 'empty':
      return s.errEmpty;
    case 'not-a-dump':
      return s.errNotDump;
    case 'gzip':
      return s.errGzip;
    case 'too-large':
      return format(s.errTooLarge, { mib: MAX_DECOMPRESSED_MIB });
    case 'proto':
      return s.errProto;
    case 'fetch':
      return format(s.errFetch, { detail: e.detail });
    case 'read':
      return format(s.errRead, { detail: e.detail });
    default:
      return format(s.errWorker, { detail: e.detail });
  }
}

export function createViewer(o: ViewerOptions): Viewer {
  const s = o.strings;
  const id = nextId('llv');
  const root = h('div', { class: 'llv-viewer', hidden: true });
  const summaryHost = h('div', {});

  // Tabs: roving tabindex with arrow keys, as in the WAI-ARIA tabs pattern.
  const tabNames: { key: string; label: string }[] = [
    { key: 'groups', label: s.tabGroups },
    { key: 'tree', label: s.tabTree },
  ];
  if (o.withDiff) tabNames.push({ key: 'diff', label: s.tabDiff });
  const tablist = h('div', { role: 'tablist', 'aria-label': s.tabsLabel, class: 'llv-tabs' });
  const panels = new Map<string, HTMLElement>();
  const tabs: HTMLButtonElement[] = [];
  for (const t of tabNames) {
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `${id}-tab-${t.key}`,
        'aria-controls': `${id}-panel-${t.key}`,
        'aria-selected': 'false',
        tabindex: -1,
        'data-tab': t.key,
      },
      t.label,
    );
    tab.addEventListener('click', () => select(t.key));
    tabs.push(tab);
    tablist.append(tab);
    panels.set(
      t.key,
      h('div', { role: 'tabpanel', id: `${id}-panel-${t.key}`, 'aria-labelledby': `${id}-tab-${t.key}`, class: 'llv-panel', hidden: true }),
    );
  }
  tablist.addEventListener('keydown', (ev) => {
    const i = tabs.indexOf(ev.target as HTMLButtonElement);
    if (i < 0) return;
    const to =
      ev.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : ev.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : ev.key === 'Home'
            ? 0
            : ev.key === 'End'
              ? tabs.length - 1
              : -1;
    if (to < 0) return;
    ev.preventDefault();
    select(tabs[to].dataset.tab!);
    tabs[to].focus();
  });
  function select(key: string): void {
    for (const t of tabs) {
      const on = t.dataset.tab === key;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
    }
    for (const [k, p] of panels) p.hidden = k !== key;
    if (key === 'groups') list.setGroups(filtered(), filters.hideStdFrames);
    if (key === 'tree') drawTree();
  }
  // The creator tree is built when its tab is first opened for a dump: for 82k goroutines it is
  // thousands of nodes that would otherwise lengthen the task that shows the result.
  let treeDrawn: DumpResult | null = null;
  function drawTree(): void {
    if (!result || treeDrawn === result) return;
    treeDrawn = result;
    panels.get('tree')!.replaceChildren(renderTree(result.tree, s, revealGroup));
  }

  // Filters.
  let filters: Filters = { ...defaultFilters };
  let result: DumpResult | null = null;
  const stateSel = h('select', { id: `${id}-state` }, h('option', { value: '' }, s.allStates));
  const search = h('input', { type: 'search', id: `${id}-search`, autocomplete: 'off', spellcheck: 'false' });
  const labelSel = h('select', { id: `${id}-label` }, h('option', { value: '' }, s.allLabels));
  const labelField = h('div', { class: 'llv-field', hidden: true }, h('label', { for: `${id}-label` }, s.filterLabel), labelSel);
  labelSel.addEventListener('change', () => {
    filters = { ...filters, label: labelSel.value };
    refresh();
  });
  const check = (key: 'hideStdFrames' | 'hideRuntime' | 'onlySuspects' | 'onlyProven', label: string) => {
    const input = h('input', { type: 'checkbox', id: `${id}-${key}`, checked: filters[key] });
    input.addEventListener('change', () => {
      filters = { ...filters, [key]: input.checked };
      refresh();
    });
    return h('label', { class: 'llv-check', for: `${id}-${key}` }, input, ' ' + label);
  };
  const sortSel = h(
    'select',
    { id: `${id}-sort` },
    h('option', { value: 'suspects' }, s.sortSuspects),
    h('option', { value: 'count' }, s.sortCount),
    h('option', { value: 'wait' }, s.sortWait),
  );
  stateSel.addEventListener('change', () => {
    filters = { ...filters, state: stateSel.value };
    refresh();
  });
  sortSel.addEventListener('change', () => {
    filters = { ...filters, sort: sortSel.value as SortKey };
    refresh();
  });
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    // Debounced: every keystroke re-filters thousands of groups.
    searchTimer = setTimeout(() => {
      filters = { ...filters, search: search.value };
      refresh();
    }, 120);
  });
  const filterBar = h(
    'div',
    { class: 'llv-filters', role: 'group', 'aria-label': s.filtersLabel },
    h('div', { class: 'llv-field llv-grow' }, h('label', { for: `${id}-search` }, s.filterSearch), search),
    h('div', { class: 'llv-field' }, h('label', { for: `${id}-state` }, s.filterState), stateSel),
    labelField,
    h('div', { class: 'llv-field' }, h('label', { for: `${id}-sort` }, s.sortLabel), sortSel),
    h(
      'div',
      { class: 'llv-checks' },
      check('hideRuntime', s.hideRuntime),
      check('hideStdFrames', s.hideStdFrames),
      check('onlySuspects', s.onlySuspects),
      check('onlyProven', s.onlyProven),
    ),
  );
  // Offered only for a goroutineleak profile: elsewhere it would always show nothing.
  const provenCheck = filterBar.querySelector(`[for="${id}-onlyProven"]`) as HTMLElement;
  provenCheck.hidden = true;
  const showing = h('p', { class: 'llv-showing', role: 'status' });
  const list = createGroupList(s, o.onFrameClick);
  const noMatch = h('p', { class: 'llv-note', hidden: true }, s.noMatch);
  panels.get('groups')!.append(filterBar, showing, noMatch, list.element);

  function filtered() {
    return result ? filterGroups(result.groups, filters) : [];
  }
  function refresh(): void {
    if (!result) return;
    const gs = filtered();
    const n = gs.reduce((a, g) => a + g.count, 0);
    showing.textContent = format(n === 1 ? s.showingOne : s.showing, { groups: gs.length, allGroups: result.groups.length, goroutines: n });
    noMatch.hidden = gs.length > 0;
    list.setGroups(gs, filters.hideStdFrames);
  }

  function revealGroup(key: string): void {
    if (!result) return;
    // A group hidden by the filters would not be found: clear them first.
    if (!filterGroups(result.groups, filters).some((g) => g.key === key)) {
      filters = { ...defaultFilters, sort: filters.sort, hideRuntime: false };
      stateSel.value = '';
      labelSel.value = '';
      search.value = '';
      for (const k of ['hideRuntime', 'hideStdFrames', 'onlySuspects', 'onlyProven'] as const)
        (root.querySelector(`#${id}-${k}`) as HTMLInputElement).checked = filters[k];
    }
    select('groups');
    refresh();
    list.reveal(key);
  }

  // Export.
  const exportStatus = h('span', { class: 'llv-small', role: 'status' });
  const copyBtn = h('button', { type: 'button', class: 'llv-btn' }, s.copyMarkdown);
  const mdBtn = h('button', { type: 'button', class: 'llv-btn' }, s.downloadMarkdown);
  const jsonBtn = h('button', { type: 'button', class: 'llv-btn' }, s.downloadJson);
  async function copyMarkdown(): Promise<void> {
    let ok = false;
    try {
      ok = await copyText(await o.client.exportAs('main', 'markdown'));
    } catch {
      // The worker could not export: as good as a refused clipboard for the learner.
    }
    exportStatus.textContent = ok ? s.copied : s.copyFailed;
  }
  async function save(kind: 'markdown' | 'json'): Promise<void> {
    try {
      const text = await o.client.exportAs('main', kind);
      if (kind === 'markdown') download('goroutines.md', text, 'text/markdown');
      else download('goroutines.json', text, 'application/json');
    } catch (e) {
      exportStatus.textContent = errorText(e, s);
    }
  }
  copyBtn.addEventListener('click', () => void copyMarkdown());
  mdBtn.addEventListener('click', () => void save('markdown'));
  jsonBtn.addEventListener('click', () => void save('json'));
  const exportBar = h(
    'div',
    { class: 'llv-toolbar llv-export', role: 'group', 'aria-label': s.exportLabel },
    h('span', { class: 'llv-label' }, s.exportLabel),
    copyBtn,
    mdBtn,
    jsonBtn,
    exportStatus,
  );

  if (o.withDiff) {
    panels.get('diff')!.append(
      createDiffView(s, {
        client: o.client,
        example: o.diffExample ?? { before: '/examples/dumps/before.txt', after: '/examples/dumps/after.txt' },
        hasCurrent: () => result !== null,
        errorText: (e) => errorText(e, s),
      }),
    );
  }

  root.append(summaryHost, tablist, ...panels.values(), exportBar);
  select('groups');

  return {
    element: root,
    show(r) {
      result = r;
      root.hidden = false;
      summaryHost.replaceChildren(renderSummary(r, s, revealGroup));
      stateSel.replaceChildren(
        h('option', { value: '' }, s.allStates),
        ...stateCounts(r.groups).map((c) => h('option', { value: c.state }, `${c.state} (${c.count})`)),
      );
      stateSel.value = '';
      const labels = labelCounts(r.groups);
      labelSel.replaceChildren(
        h('option', { value: '' }, s.allLabels),
        ...labels.map((c) => h('option', { value: c.label }, `${c.label} (${c.count})`)),
      );
      labelSel.value = '';
      labelField.hidden = labels.length === 0;
      const anyProven = r.leaked !== null || provenCount(r.groups) > 0;
      provenCheck.hidden = !anyProven;
      const proven = root.querySelector(`#${id}-onlyProven`) as HTMLInputElement;
      if (!anyProven) proven.checked = false;
      filters = { ...filters, state: '', label: '', onlyProven: proven.checked };
      if (panels.get('tree')!.hidden) panels.get('tree')!.replaceChildren();
      else drawTree();
      refresh();
      const shown = filtered();
      if (o.openFew && shown.length > 0 && shown.length <= 3) list.expand(shown[0].key);
    },
    clear() {
      result = null;
      root.hidden = true;
      summaryHost.replaceChildren();
      list.setGroups([], filters.hideStdFrames);
    },
  };
}
