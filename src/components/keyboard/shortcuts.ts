/**
 * The page-level keyboard shortcuts, one table for the handler (progress/learner.ts) and the help page.
 * `inEditor: true` shortcuts also fire while a text field or the editor has the focus; the others
 * are left to whatever has the focus then, so they never steal keys from the editor.
 */
export type ShortcutAction = 'run' | 'check' | 'format' | 'next' | 'prev' | 'editor' | 'output' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** What the help page shows, e.g. ['Alt+Shift+F']. */
  keys: string[];
  inEditor: boolean;
}

export const SHORTCUTS: Shortcut[] = [
  { action: 'run', keys: ['Shift+Enter', 'Ctrl+Enter', '⌘+Enter'], inEditor: true },
  { action: 'check', keys: ['Alt+Shift+C'], inEditor: true },
  { action: 'format', keys: ['Alt+Shift+F'], inEditor: true },
  { action: 'editor', keys: ['Alt+Shift+E'], inEditor: true },
  { action: 'output', keys: ['Alt+Shift+O'], inEditor: true },
  { action: 'next', keys: ['Alt+→'], inEditor: false },
  { action: 'prev', keys: ['Alt+←'], inEditor: false },
  { action: 'help', keys: ['Alt+Shift+H'], inEditor: true },
];

/** Which shortcut a keydown is, if any. Uses `code` for letters so ⌥ on a Mac still works. */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>): ShortcutAction | null {
  const plainAlt = e.altKey && !e.shiftKey && !e.ctrlKey && !e.metaKey;
  const altShift = e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey;
  if (e.key === 'Enter' && !e.altKey && (e.shiftKey || e.ctrlKey || e.metaKey)) return 'run';
  if (plainAlt && e.key === 'ArrowRight') return 'next';
  if (plainAlt && e.key === 'ArrowLeft') return 'prev';
  if (altShift) {
    switch (e.code) {
      case 'KeyC':
        return 'check';
      case 'KeyF':
        return 'format';
      case 'KeyE':
        return 'editor';
      case 'KeyO':
        return 'output';
      case 'KeyH':
        return 'help';
    }
  }
  return null;
}
