/** <ll-progress>: fills the course overview from saved progress and handles resets and transfer. */
import { format, localeTags, type Locale } from '../../i18n/index.ts';
import type { ProgressStrings } from '../../i18n/strings/progress.ts';
import {
  editStoredProgress,
  exportFileName,
  exportProgress,
  mergeProgress,
  parseImport,
  resetAll,
  resetChapter,
  resetSnippet,
  summarize,
  type ImportResult,
} from '../../lib/progress/io.ts';
import { createProgressStore } from '../../lib/progress/store.ts';
import { browserStorage } from '../shared/storage.ts';
import type { Progress } from '../../lib/progress/schema.ts';

interface OverviewData {
  locale: Locale;
  ex: Record<string, string>;
  exTitles: Record<string, string>;
  chapters: { slug: string; n: number; title: string }[];
  t: ProgressStrings;
}

class LlProgress extends HTMLElement {
  private data!: OverviewData;
  private storage = browserStorage();

  connectedCallback(): void {
    if (this.data) return;
    this.data = JSON.parse(this.dataset.progress!) as OverviewData;
    this.render();
    addEventListener('storage', () => this.render());
    this.addEventListener('click', (e) => void this.onClick(e));
    this.querySelector<HTMLInputElement>('[data-import]')!.addEventListener(
      'change',
      (e) => void this.onImport(e.target as HTMLInputElement),
    );
  }

  private load(): Progress {
    return createProgressStore({ storage: this.storage }).load();
  }

  private name(id: string): string {
    const { exTitles, t } = this.data;
    if (exTitles[id]) return exTitles[id];
    if (id === 'play') return t.scratchSnippet;
    if (id.startsWith('play:')) return t.sharedSnippet;
    return `${id.split('/').pop()}.go`;
  }

  private render(): void {
    const { t, ex, chapters, locale } = this.data;
    const p = this.load();
    const rows = summarize(
      p,
      chapters.map((c) => c.slug),
      ex,
    );
    const date = (ms: number) => new Date(ms).toLocaleDateString(localeTags[locale], { dateStyle: 'medium' });
    for (const row of rows) {
      const li = this.querySelector<HTMLElement>(`[data-chapter="${row.chapter}"]`)!;
      const ids = Object.keys(ex).filter((id) => ex[id] === row.chapter);
      const done = ids.length > 0 && row.passed.length === ids.length;
      if (row.visitedAt !== undefined || row.passed.length) li.dataset.state = done ? 'passed' : 'visited';
      else delete li.dataset.state;
      li.querySelector('[data-visited]')!.textContent =
        row.visitedAt !== undefined ? format(t.visitedOn, { date: date(row.visitedAt) }) : t.notVisited;
      if (ids.length)
        li.querySelector('[data-ex-count]')!.textContent = format(t.exercisesPassed, { passed: row.passed.length, total: ids.length });
      for (const item of li.querySelectorAll<HTMLElement>('[data-exercise]')) {
        const passed = row.passed.includes(item.dataset.exercise!);
        item.toggleAttribute('data-passed', passed);
        item.querySelector('.ll-ex-mark')!.textContent = passed ? '✓' : '○';
        item.querySelector('[data-ex-state]')!.textContent = `(${passed ? t.exercisePassed : t.exerciseOpen})`;
      }
      li.querySelector<HTMLElement>('[data-reset-chapter]')!.hidden =
        row.visitedAt === undefined && !row.passed.length && !row.edited.length;
      const edited = li.querySelector<HTMLElement>('[data-edited]')!;
      edited.hidden = row.edited.length === 0;
      this.fillSnippets(edited.querySelector('[data-edited-list]')!, row.edited);
    }
    const scratch = Object.keys(p.snippets).filter((id) => id === 'play' || id.startsWith('play:'));
    const scratchBox = this.querySelector<HTMLElement>('[data-scratch]')!;
    scratchBox.hidden = scratch.length === 0;
    this.fillSnippets(scratchBox.querySelector('[data-scratch-list]')!, scratch);
    this.querySelector('[data-summary]')!.textContent = format(t.summary, {
      visited: rows.filter((r) => r.visitedAt !== undefined).length,
      chapters: rows.length,
      passed: Object.keys(p.exercises).filter((id) => id in ex).length,
      exercises: Object.keys(ex).length,
    });
  }

  private fillSnippets(list: Element, ids: string[]): void {
    const { t } = this.data;
    list.replaceChildren(
      ...ids.map((id) => {
        const li = document.createElement('li');
        const label = document.createElement('code');
        label.textContent = this.name(id);
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'll-btn';
        b.dataset.resetSnippet = id;
        b.textContent = t.resetSnippet;
        b.setAttribute('aria-label', format(t.resetSnippetLabel, { name: this.name(id) }));
        li.append(label, b);
        return li;
      }),
    );
  }

  private message(text: string, kind: 'ok' | 'error'): void {
    const box = this.querySelector<HTMLElement>('[data-message]')!;
    box.dataset.kind = kind;
    box.textContent = text;
  }

  private confirm(text: string): Promise<boolean> {
    const dialog = this.querySelector<HTMLDialogElement>('[data-confirm]')!;
    dialog.querySelector('[data-confirm-text]')!.textContent = text;
    dialog.returnValue = '';
    dialog.showModal();
    return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
  }

  private apply(change: (p: Progress) => Progress): boolean {
    const { t } = this.data;
    const r = editStoredProgress(this.storage, change);
    if (!r.ok) {
      this.message(r.reason === 'future' ? t.errStorageFuture : t.errStorageUnavailable, 'error');
      return false;
    }
    this.render();
    return true;
  }

  private async onClick(e: Event): Promise<void> {
    const target = (e.target as Element).closest<HTMLElement>('button');
    if (!target || !this.contains(target)) return;
    const { t, ex, chapters } = this.data;
    if (target.dataset.resetSnippet !== undefined) {
      const id = target.dataset.resetSnippet;
      if (await this.confirm(format(t.confirmSnippet, { name: this.name(id) }))) {
        if (this.apply((p) => resetSnippet(p, id))) this.message(t.done, 'ok');
      }
    } else if (target.dataset.resetChapter !== undefined) {
      const slug = target.dataset.resetChapter;
      const n = chapters.find((c) => c.slug === slug)?.n ?? 0;
      if (await this.confirm(format(t.confirmChapter, { n }))) {
        if (this.apply((p) => resetChapter(p, slug, ex))) this.message(t.done, 'ok');
      }
    } else if (target.hasAttribute('data-reset-all')) {
      if (await this.confirm(t.confirmAll)) {
        if (this.apply(() => resetAll())) this.message(t.done, 'ok');
      }
    } else if (target.hasAttribute('data-export')) {
      const file = exportFileName();
      const url = URL.createObjectURL(new Blob([exportProgress(this.load())], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.message(format(t.exported, { file }), 'ok');
    }
  }

  private async onImport(input: HTMLInputElement): Promise<void> {
    const { t } = this.data;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let result: ImportResult;
    try {
      result = parseImport(await file.text());
    } catch {
      this.message(t.errRead, 'error');
      return;
    }
    if (!result.ok) {
      const size = `${(file.size / 1024 / 1024).toFixed(1)} MB`;
      const text =
        result.error === 'tooLarge'
          ? format(t.errTooLarge, { size })
          : result.error === 'notJson'
            ? t.errNotJson
            : result.error === 'notObject'
              ? t.errNotObject
              : result.error === 'foreign'
                ? t.errForeign
                : result.error === 'future'
                  ? format(t.errFuture, { version: result.version })
                  : result.error === 'corrupt'
                    ? format(t.errCorrupt, { reason: result.reason })
                    : format(t.errInvalidEntries, { count: result.count });
      this.message(text, 'error');
      return;
    }
    const incoming = result.progress;
    if (!this.apply((p) => mergeProgress(p, incoming))) return;
    const done = format(t.imported, {
      passed: Object.keys(incoming.exercises).length,
      snippets: Object.keys(incoming.snippets).length,
      visited: Object.keys(incoming.visited).length,
    });
    this.message(result.migratedFrom !== undefined ? `${done} ${t.importedMigrated}` : done, 'ok');
  }
}

if (!customElements.get('ll-progress')) customElements.define('ll-progress', LlProgress);
