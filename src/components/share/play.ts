/**
 * <ll-play>: decodes a share link from the fragment, then puts the snippet on the page with the
 * shared code as its original (so Reset returns to what was shared). Edits of a shared program
 * are saved under its own id (`play:<hash>`), scratch work under `play`.
 */
import { showPlainCode } from '../playground/element.ts';
import type { Locale } from '../../i18n/index.ts';
import type { ProgressStrings } from '../../i18n/strings/progress.ts';
import { decodeShare, hasSharedCode, type ShareDecodeError } from '../../lib/share/codec.ts';
import { shareSnippet } from './share-action.ts';

interface PlayData {
  t: ProgressStrings;
  locale: Locale;
  chapters: Record<string, { title: string; href: string }>;
  exercises: Record<string, { title: string; chapter: string }>;
}

const EMPTY_PROGRAM = 'package main\n\nfunc main() {\n}\n';

/** Short stable id for a shared program, so its edits are kept apart from other links. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const errorKey: Record<ShareDecodeError, keyof ProgressStrings> = {
  missing: 'errShareMissing',
  badBase64: 'errShareBadBase64',
  badData: 'errShareBadData',
  badText: 'errShareBadText',
  tooLarge: 'errShareTooLarge',
  unsupportedVersion: 'errShareUnsupportedVersion',
};

class LlPlay extends HTMLElement {
  connectedCallback(): void {
    if (this.dataset.ready) return;
    this.dataset.ready = 'true';
    const data = JSON.parse(this.dataset.play!) as PlayData;
    const { t } = data;
    const note = this.querySelector<HTMLElement>('[data-play-note]')!;
    const template = this.querySelector<HTMLTemplateElement>('[data-play-template]')!;
    const fragment = document.importNode(template.content, true);
    const snippet = fragment.querySelector<HTMLElement>('leak-playground')!;
    const config = JSON.parse(snippet.dataset.config!) as { id: string; original: string };

    let code: string | null = null;
    let from: string | undefined;
    if (hasSharedCode(location.hash)) {
      const decoded = decodeShare(location.hash);
      if (decoded.ok) {
        code = decoded.program.code;
        from = decoded.program.from;
        config.id = `play:${hash(code)}`;
        note.dataset.kind = 'info';
        this.describeSource(note, data, from);
      } else {
        code = EMPTY_PROGRAM;
        config.id = 'play:empty';
        note.dataset.kind = 'error';
        note.setAttribute('role', 'alert');
        note.textContent = t[errorKey[decoded.error]];
      }
    }
    if (code !== null) {
      config.original = code;
      snippet.dataset.config = JSON.stringify(config);
      // Coloured and numbered like the built page's code, for the moment until the editor arrives.
      showPlainCode(snippet, code);
    }
    if (from) snippet.dataset.shareFrom = from;
    this.dataset.state = code === null ? 'scratch' : note.dataset.kind === 'error' ? 'error' : 'shared';
    this.querySelector('[data-play-slot]')!.replaceWith(fragment);

    const share = this.querySelector<HTMLButtonElement>('[data-play-share]')!;
    share.addEventListener('click', () => void shareSnippet(snippet, share));
    // A different link pasted into this tab's address bar: start over with it.
    addEventListener('hashchange', () => hasSharedCode(location.hash) && location.reload());
  }

  private describeSource(note: HTMLElement, data: PlayData, from: string | undefined): void {
    const { t } = data;
    note.replaceChildren();
    const exercise = from ? data.exercises[from] : undefined;
    const chapter = from ? data.chapters[exercise?.chapter ?? from.split('/')[0]!] : undefined;
    if (!from || (!exercise && !chapter)) {
      note.textContent = t.playOpened;
      return;
    }
    const link = document.createElement('a');
    link.href = chapter?.href ?? '#';
    link.textContent = exercise ? exercise.title : `${chapter!.title} (${from.split('/').pop()}.go)`;
    const [before, after] = (exercise ? t.playFromExercise : t.playFrom).split(/\{\w+\}/);
    note.append(before ?? '', link, after ?? '');
  }
}

if (!customElements.get('ll-play')) customElements.define('ll-play', LlPlay);
