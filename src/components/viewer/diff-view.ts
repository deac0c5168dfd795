/**
 * Diff of two dumps of one process. Each side is parsed into its own worker slot; rows with
 * goroutine IDs present in both dumps come first, since a goroutine stuck across two snapshots is
 * the strongest leak signal.
 */
import type { ViewerStrings } from '../../i18n/strings/viewer.ts';
import { format } from '../../i18n/index.ts';
import type { DiffChange, DiffResult, Source } from './types.ts';
import { idRanges } from './view-model.ts';
import { h, nextId } from './dom.ts';
import { basename, classChip, framesList } from './frames.ts';
import type { ParseClient } from './worker-client.ts';

const MAX_ROWS = 400;

export interface DiffViewOptions {
  client: ParseClient;
  /** URLs of the example before/after pair. */
  example: { before: string; after: string };
  hasCurrent: () => boolean;
  errorText: (e: unknown) => string;
}

export function createDiffView(s: ViewerStrings, o: DiffViewOptions): HTMLElement {
  const wrap = h('div', { class: 'llv-diff' }, h('p', { class: 'llv-note' }, s.diffIntro));
  const status = h('p', { class: 'llv-status', role: 'status' });
  const out = h('div', { class: 'llv-diff-out' }, h('p', { class: 'llv-note' }, s.diffEmpty));
  const loaded = { before: false, after: false };
  const slotStatus: Record<'before' | 'after', HTMLElement> = {
    before: h('span', { class: 'llv-small' }),
    after: h('span', { class: 'llv-small' }),
  };

  async function refresh(): Promise<void> {
    if (!loaded.before || !loaded.after) return;
    const d = await o.client.diff();
    out.replaceChildren(d ? renderDiff(d, s) : h('p', { class: 'llv-note' }, s.diffEmpty));
  }

  async function load(slot: 'before' | 'after', source: Source): Promise<void> {
    status.textContent = format(s.parsing, { name: source.name });
    try {
      const r = await o.client.parse(slot, source);
      loaded[slot] = true;
      slotStatus[slot].textContent = `${source.name}: ${format(r.total === 1 ? s.loadedOne : s.loaded, { total: r.total })}`;
      status.textContent = '';
      await refresh();
    } catch (e) {
      status.textContent = o.errorText(e);
    }
  }

  async function useCurrent(slot: 'before' | 'after'): Promise<void> {
    if (!o.hasCurrent()) return;
    try {
      await o.client.copySlot('main', slot);
      loaded[slot] = true;
      slotStatus[slot].textContent = s.diffUseCurrent;
      await refresh();
    } catch (e) {
      status.textContent = o.errorText(e);
    }
  }

  function side(slot: 'before' | 'after', title: string): HTMLElement {
    const id = nextId(`llv-diff-${slot}`);
    const file = h('input', {
      type: 'file',
      id: `${id}-file`,
      accept: '.txt,.log,.gz,.pprof,.pb,text/plain',
      class: 'llv-file',
      'aria-label': `${s.diffLoadFile} (${title})`,
    });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void load(slot, { kind: 'file', file: f, name: f.name });
      file.value = '';
    });
    const current = h('button', { type: 'button', class: 'llv-btn' }, s.diffUseCurrent);
    current.addEventListener('click', () => void useCurrent(slot));
    const ta = h('textarea', { id: `${id}-paste`, rows: 4, class: 'llv-textarea', spellcheck: 'false' });
    const pasteBtn = h('button', { type: 'button', class: 'llv-btn', 'aria-label': `${s.parseButton} (${title})` }, s.parseButton);
    pasteBtn.addEventListener('click', () => void load(slot, { kind: 'text', text: ta.value, name: s.pastedText }));
    return h(
      'fieldset',
      { class: 'llv-diff-side', 'data-slot': slot },
      h('legend', {}, title),
      h('div', { class: 'llv-toolbar' }, h('label', { for: `${id}-file`, class: 'llv-small' }, s.diffLoadFile), file, current),
      h(
        'details',
        {},
        h('summary', {}, s.diffPaste),
        h('label', { for: `${id}-paste`, class: 'llv-small' }, `${s.pasteLabel} (${title})`),
        ta,
        pasteBtn,
      ),
      slotStatus[slot],
    );
  }

  const example = h('button', { type: 'button', class: 'llv-btn' }, s.diffLoadExample);
  example.addEventListener('click', () => {
    void load('before', { kind: 'url', url: o.example.before, name: basename(o.example.before) }).then(() =>
      load('after', { kind: 'url', url: o.example.after, name: basename(o.example.after) }),
    );
  });
  wrap.append(
    h('div', { class: 'llv-diff-sides' }, side('before', s.diffBefore), side('after', s.diffAfter)),
    h('div', { class: 'llv-toolbar' }, example),
    status,
    out,
  );
  return wrap;
}

function changeLabel(c: DiffChange, s: ViewerStrings): string {
  return { appeared: s.diffAppeared, disappeared: s.diffDisappeared, grown: s.diffGrown, shrunk: s.diffShrunk, unchanged: s.diffUnchanged }[
    c
  ];
}

export function renderDiff(d: DiffResult, s: ViewerStrings): HTMLElement {
  const box = h('div', {});
  box.append(
    h(
      'p',
      { class: 'llv-diff-summary' },
      format(d.persistentTotal === 1 ? s.diffSummaryOne : s.diffSummary, {
        before: d.beforeTotal,
        after: d.afterTotal,
        persistent: d.persistentTotal,
      }),
    ),
  );
  const table = h('table', { class: 'llv-table' });
  table.append(
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, s.diffChange),
        h('th', { scope: 'col' }, `${s.diffBefore} → ${s.diffAfter}`),
        h('th', { scope: 'col' }, s.filterState),
        h('th', { scope: 'col' }, s.diffWhere),
      ),
    ),
  );
  const body = h('tbody', {});
  for (const r of d.rows.slice(0, MAX_ROWS)) {
    const ids = r.persistentIds.length ? idRanges(r.persistentIds, 6) : null;
    body.append(
      h(
        'tr',
        { class: `d-${r.change}${r.persistentIds.length ? ' is-persistent' : ''}` },
        h(
          'td',
          {},
          h('span', { class: `llv-change d-${r.change}` }, changeLabel(r.change, s)),
          ids
            ? h(
                'div',
                { class: 'llv-small llv-persist' },
                format(s.diffPersistentIds, {
                  n: r.persistentIds.length,
                  ids: ids.text + (ids.rest ? ` ${format(s.more, { n: ids.rest })}` : ''),
                }),
              )
            : null,
        ),
        h('td', { class: 'llv-num' }, format(s.diffCount, { before: r.before, after: r.after })),
        h('td', {}, h('span', { class: 'llv-state' }, r.state), ' ', classChip(r.cls, s)),
        h(
          'td',
          {},
          // The whole stack on demand: the headline alone rarely tells two similar groups apart.
          h(
            'details',
            { class: 'llv-diff-stack' },
            h(
              'summary',
              {},
              r.top ? h('code', {}, r.top.func) : '?',
              r.top?.file ? h('span', { class: 'llv-head-loc' }, ` ${basename(r.top.file)}:${r.top.line}`) : null,
            ),
            framesList(r.frames, false, s),
          ),
        ),
      ),
    );
  }
  table.append(body);
  box.append(h('div', { class: 'llv-table-wrap' }, table));
  if (d.rows.length > MAX_ROWS) box.append(h('p', { class: 'llv-note' }, format(s.more, { n: d.rows.length - MAX_ROWS })));
  return box;
}
