/**
 * The creator tree: who started whom, from `created by X in goroutine N` (Go 1.21+). A leak is
 * often easiest to fix at its creator, so the viewer shows the tree beside the groups.
 */
import type { Dump, Frame, Goroutine } from './model.ts';

export interface TreeNode {
  id: number;
  /** null for a parent that is not in the dump (it exited, or the dump was cut). */
  goroutine: Goroutine | null;
  /** The frame that started this goroutine (from the child's `created by` line). */
  createdBy: Frame | null;
  children: TreeNode[];
  /** All goroutines below this node. */
  descendants: number;
}

export interface CreatorTree {
  /** Goroutines without a known creator, and placeholders for parents missing from the dump. */
  roots: TreeNode[];
  byId: Map<number, TreeNode>;
}

/** Builds the tree in one pass plus one post-order walk; cycles (impossible in a real dump) are broken. */
export function buildCreatorTree(dump: Dump | readonly Goroutine[]): CreatorTree {
  const gs = Array.isArray(dump) ? (dump as readonly Goroutine[]) : (dump as Dump).goroutines;
  const byId = new Map<number, TreeNode>();
  for (const g of gs) {
    if (g.id <= 0 || byId.has(g.id)) continue;
    byId.set(g.id, { id: g.id, goroutine: g, createdBy: g.createdBy, children: [], descendants: 0 });
  }
  const roots: TreeNode[] = [];
  // Snapshot first: placeholders added to byId below must not be visited as goroutines.
  for (const node of [...byId.values()]) {
    const pid = node.goroutine?.parentId ?? null;
    if (pid === null || pid === node.id) {
      roots.push(node);
      continue;
    }
    let parent = byId.get(pid);
    if (parent === undefined) {
      parent = { id: pid, goroutine: null, createdBy: null, children: [], descendants: 0 };
      byId.set(pid, parent);
      roots.push(parent);
    }
    parent.children.push(node);
  }
  // Iterative post-order so a long chain of creators cannot overflow the stack.
  const seen = new Set<TreeNode>();
  for (const root of roots) {
    const stack: [TreeNode, number][] = [[root, 0]];
    seen.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [node, k] = top;
      if (k < node.children.length) {
        top[1]++;
        const child = node.children[k];
        if (!seen.has(child)) {
          seen.add(child);
          stack.push([child, 0]);
        }
      } else {
        stack.pop();
        let d = 0;
        for (const c of node.children) d += 1 + c.descendants;
        node.descendants = d;
      }
    }
  }
  roots.sort((a, b) => b.descendants - a.descendants || a.id - b.id);
  return { roots, byId };
}
