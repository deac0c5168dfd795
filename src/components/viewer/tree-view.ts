/**
 * The creator tree as nested disclosure lists. Children are built only when a node opens, so a
 * dump with thousands of groups stays cheap; nodes on the way to leak suspects start open.
 */
import type { ViewerStrings } from '../../i18n/strings/viewer.ts';
import { format } from '../../i18n/index.ts';
import type { TreeNode } from './types.ts';
import { isLeakSuspect } from '../../lib/dump/classes.ts';
import { h } from './dom.ts';
import { basename, classChip } from './frames.ts';

const MAX_CHILDREN = 200;

function hasSuspect(n: TreeNode): boolean {
  return (n.cls !== null && isLeakSuspect(n.cls)) || n.children.some(hasSuspect);
}

export function renderTree(roots: TreeNode[], s: ViewerStrings, onGroup: (key: string) => void): HTMLElement {
  const wrap = h('div', { class: 'llv-tree-wrap' });
  if (roots.length === 0 || roots.every((r) => r.children.length === 0 && r.groupKey !== null)) {
    wrap.append(h('p', { class: 'llv-note' }, s.treeEmpty));
  }
  const tools = h('div', { class: 'llv-toolbar' });
  const expand = h('button', { type: 'button', class: 'llv-btn' }, s.expandAll);
  const collapse = h('button', { type: 'button', class: 'llv-btn' }, s.collapseAll);
  tools.append(expand, collapse);
  wrap.append(h('p', { class: 'llv-note' }, s.treeIntro), tools);

  const toggles: ((open: boolean) => void)[] = [];

  function item(n: TreeNode, depth: number): HTMLElement {
    const li = h('li', { class: 'llv-tnode' });
    const label = h(
      'span',
      { class: 'llv-tlabel' },
      n.groupKey === null ? h('code', {}, format(s.treeUnknownParent, { func: n.func })) : h('code', {}, n.func),
      n.file ? h('span', { class: 'llv-head-loc' }, ` ${basename(n.file)}:${n.line}`) : null,
      n.groupKey !== null ? h('span', { class: 'llv-state' }, n.state) : null,
      n.cls ? classChip(n.cls, s) : null,
      h('span', { class: 'llv-tcount' }, n.count === 1 ? s.treeOwnOne : n.count ? format(s.treeOwn, { count: n.count }) : ''),
      n.children.length ? h('span', { class: 'llv-tcount' }, format(s.treeTotal, { total: n.total })) : null,
    );
    let go: HTMLElement | null = null;
    if (n.groupKey !== null) {
      go = h('button', { type: 'button', class: 'llv-btn llv-tgo', 'aria-label': format(s.treeShowGroup, { func: n.func }) }, '→');
      const key = n.groupKey;
      go.addEventListener('click', () => onGroup(key));
    }
    if (n.children.length === 0) {
      li.append(h('span', { class: 'llv-tspacer', 'aria-hidden': 'true' }), label, go ?? '');
    } else {
      const btn = h('button', { type: 'button', class: 'llv-ttoggle', 'aria-expanded': 'false' }, label);
      const ul = h('ul', { class: 'llv-tchildren', hidden: true });
      let built = false;
      const set = (open: boolean) => {
        if (open && !built) {
          built = true;
          for (const c of n.children.slice(0, MAX_CHILDREN)) ul.append(item(c, depth + 1));
          if (n.children.length > MAX_CHILDREN)
            ul.append(h('li', { class: 'llv-note' }, format(s.more, { n: n.children.length - MAX_CHILDREN })));
        }
        btn.setAttribute('aria-expanded', String(open));
        ul.hidden = !open;
      };
      btn.addEventListener('click', () => set(btn.getAttribute('aria-expanded') !== 'true'));
      toggles.push(set);
      li.append(btn, go ?? '', ul);
      if (depth < 1 || hasSuspect(n)) set(true);
    }
    return li;
  }

  const ul = h('ul', { class: 'llv-tree', 'aria-label': s.treeLabel });
  for (const r of roots.slice(0, MAX_CHILDREN)) ul.append(item(r, 0));
  wrap.append(ul);
  // Expanding everything builds lazily created levels too, so repeat until no new toggles appear.
  expand.addEventListener('click', () => {
    for (let i = 0; i < toggles.length && i < 5000; i++) toggles[i](true);
  });
  collapse.addEventListener('click', () => toggles.forEach((t) => t(false)));
  return wrap;
}
